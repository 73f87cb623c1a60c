package dev.nkms.protocol;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * The policy id: the first 16 bytes of SHA-256("nkms/hrac" ‖ 0x00 ‖ Alice's verifying key ‖ nonce),
 * where the nonce is 16 random bytes Alice draws for each grant. The id commits to Alice's key (a
 * node can check that an order or a kfrag for the id comes from the Alice it belongs to), and each
 * grant gets a fresh one (a revoked or failed grant never burns the next). Both inputs are
 * fixed-length, so the encoding is unambiguous.
 */
public final class Hrac {
  public static final int LENGTH = 16;

  /** The length of the per-grant nonce. */
  public static final int NONCE_LENGTH = 16;

  private final byte[] bytes;

  private Hrac(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The id of the policy Alice ({@code aliceVerifyingKey}) grants with {@code nonce}.
   *
   * @throws IllegalArgumentException if the nonce is not {@value #NONCE_LENGTH} bytes
   */
  public static Hrac derive(PublicKey aliceVerifyingKey, byte[] nonce) {
    checkNonce(nonce);
    byte[] payload = concat(aliceVerifyingKey.toCompressedBytes(), nonce);
    return new Hrac(Arrays.copyOf(ScalarDigest.sha256(Signing.message("hrac", payload)), LENGTH));
  }

  /** A fresh nonce for a new grant, drawn from {@code random}. */
  public static byte[] newNonce(dev.nkms.crypto.RandomSource random) {
    return random.nextBytes(NONCE_LENGTH);
  }

  /** True if this is the id of the policy {@code aliceVerifyingKey} grants with {@code nonce}. */
  public boolean belongsTo(PublicKey aliceVerifyingKey, byte[] nonce) {
    return nonce.length == NONCE_LENGTH && equals(derive(aliceVerifyingKey, nonce));
  }

  static byte[] checkNonce(byte[] nonce) {
    if (nonce == null || nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "a policy nonce is "
              + NONCE_LENGTH
              + " bytes, got "
              + (nonce == null ? "none" : nonce.length));
    }
    return nonce;
  }

  public static Hrac fromBytes(byte[] bytes) throws WireFormatException {
    if (bytes.length != LENGTH) {
      throw new WireFormatException("HRAC: " + bytes.length + " bytes, expected 16");
    }
    return new Hrac(bytes.clone());
  }

  public static Hrac fromHex(String hex) throws WireFormatException {
    if (!hex.matches("[0-9a-f]{32}")) {
      throw new WireFormatException("HRAC: expected 32 lower-case hex digits");
    }
    return new Hrac(Hex.decode(hex));
  }

  static Hrac read(MsgpackReader r, String field) throws WireFormatException {
    return new Hrac(r.binExact(LENGTH, field));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return Hex.toHexString(bytes);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hrac && Arrays.equals(bytes, ((Hrac) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
