package dev.nkms.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Seeded data of any length, produced as a stream (never whole in memory), and digests to compare
 * it by.
 */
public final class TestData {
  private TestData() {}

  /**
   * {@code length} seeded pseudo-random bytes; the stream throws after {@code failAfter} bytes if
   * that is smaller.
   */
  public static InputStream stream(long seed, long length, long failAfter) {
    return new InputStream() {
      private final SplittableRandom random = new SplittableRandom(seed);
      private long produced;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (produced >= failAfter) {
          throw new IOException(
              "the data source broke after " + produced + " bytes (as the test wants)");
        }
        if (produced >= length) {
          return -1;
        }
        int n = (int) Math.min(len, Math.min(length, failAfter) - produced);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) random.nextInt(256);
        }
        produced += n;
        return n;
      }
    };
  }

  public static InputStream stream(long seed, long length) {
    return stream(seed, length, Long.MAX_VALUE);
  }

  public static byte[] bytes(long seed, int length) {
    try {
      return stream(seed, length).readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** SHA-256 of everything the stream yields, hex; closes it. */
  public static String digest(InputStream in) throws IOException {
    try (in) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
