package dev.nkms.crypto;

import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.SecretKey;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SplittableRandom;
import org.bouncycastle.util.encoders.Hex;

/** Shared helpers for the crypto tests: hex, fixed keys and instrumented {@link RandomSource}s. */
public final class TestFixtures {
  public static final BigInteger N = Scalar.N;
  public static final BigInteger P =
      new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);

  /** Spec §6.2 fixed inputs. */
  public static final String ALICE_PK =
      "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa";

  public static final String BOB_PK =
      "02466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f27";
  public static final String VERIFYING_PK =
      "023c72addb4fdf09af94f0c94d7fe92a386a7e70cf8a1d85916386bb2535c7b1b1";
  public static final byte[] PEACE_AT_DAWN =
      "peace at dawn".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private TestFixtures() {}

  public static byte[] hex(String s) {
    return Hex.decode(s);
  }

  public static String hex(byte[] b) {
    return Hex.toHexString(b);
  }

  public static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }

  /** Big-endian, exactly 32 bytes (v must fit). */
  public static byte[] be32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    if (v.bitLength() > 256 || v.signum() < 0) {
      throw new IllegalArgumentException("does not fit in 32 bytes");
    }
    return out;
  }

  public static SecretKey fixedKey(int b) {
    try {
      return SecretKey.fromBEBytes(filled(32, b));
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  public static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] out = new byte[len];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  public static byte[] copyWith(byte[] original, int offset, byte[] replacement) {
    byte[] out = original.clone();
    System.arraycopy(replacement, 0, out, offset, replacement.length);
    return out;
  }

  public static byte[] copyWithByte(byte[] original, int offset, int value) {
    byte[] out = original.clone();
    out[offset] = (byte) value;
    return out;
  }

  /** Uniform random value in [1, n), from a seeded generator. */
  public static BigInteger randomScalarValue(SplittableRandom rnd) {
    while (true) {
      byte[] b = new byte[32];
      rnd.nextBytes(b);
      BigInteger v = new BigInteger(1, b);
      if (v.signum() != 0 && v.compareTo(N) < 0) {
        return v;
      }
    }
  }

  public static Scalar randomScalar(SplittableRandom rnd) {
    try {
      return Scalar.fromBytes(be32(randomScalarValue(rnd)));
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  public static Scalar scalar(BigInteger v) {
    try {
      return Scalar.fromBytes(be32(v));
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  /** A seeded, reproducible RandomSource for property tests (not the spec stream). */
  public static RandomSource seededSource(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    return rnd::nextBytes;
  }

  /** Hands out exactly these bytes, across any number of requests, then fails. */
  public static RandomSource sourceOf(byte[] bytes) {
    int[] pos = {0};
    return out -> {
      if (pos[0] + out.length > bytes.length) {
        throw new AssertionError("source of " + bytes.length + " bytes exhausted");
      }
      System.arraycopy(bytes, pos[0], out, 0, out.length);
      pos[0] += out.length;
    };
  }

  /** Counts the bytes and the requests that pass through to a delegate. */
  public static final class CountingSource implements RandomSource {
    private final RandomSource delegate;
    private long bytes;
    private int requests;

    public CountingSource(RandomSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public void nextBytes(byte[] out) {
      delegate.nextBytes(out);
      bytes += out.length;
      requests++;
    }

    public long bytes() {
      return bytes;
    }

    public int requests() {
      return requests;
    }
  }

  /**
   * Hands out the given chunks in order, one per request, and fails if a request does not match a
   * chunk's size.
   */
  public static final class ScriptedSource implements RandomSource {
    private final Deque<byte[]> chunks = new ArrayDeque<>();

    public ScriptedSource(byte[]... chunks) {
      this.chunks.addAll(Arrays.asList(chunks));
    }

    @Override
    public void nextBytes(byte[] out) {
      byte[] next = chunks.poll();
      if (next == null) {
        throw new AssertionError(
            "ScriptedSource exhausted: unexpected request of " + out.length + " bytes");
      }
      if (next.length != out.length) {
        throw new AssertionError(
            "request of " + out.length + " bytes, script expected " + next.length);
      }
      System.arraycopy(next, 0, out, 0, out.length);
    }

    public int remaining() {
      return chunks.size();
    }
  }
}
