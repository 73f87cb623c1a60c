package dev.nkms.protocol.keys;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * Bob's public card: his verifying key (nodes check his requests against it; part of the policy id)
 * and his encrypting key (the kfrags re-encrypt to it; the treasure map is sealed to it). Bytes:
 * {@code "BCrd" ‖ 0x01 ‖ verifying key (33) ‖ encrypting key (33)}.
 */
public final class BobCard {
  private static final byte[] MAGIC = {'B', 'C', 'r', 'd', 1};
  public static final int LENGTH = MAGIC.length + 2 * PublicKey.LENGTH;

  private final PublicKey verifyingKey;
  private final PublicKey encryptingKey;

  public BobCard(PublicKey verifyingKey, PublicKey encryptingKey) {
    this.verifyingKey = Objects.requireNonNull(verifyingKey);
    this.encryptingKey = Objects.requireNonNull(encryptingKey);
    if (verifyingKey.equals(encryptingKey)) {
      throw new IllegalArgumentException("Bob's verifying and encrypting keys must differ");
    }
  }

  public static BobCard fromBytes(byte[] bytes) throws MalformedInputException {
    if (bytes.length != LENGTH) {
      throw new MalformedInputException("Bob card: " + bytes.length + " bytes, expected " + LENGTH);
    }
    if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new MalformedInputException("Bob card: not a version-1 Bob card (bad magic)");
    }
    int at = MAGIC.length;
    PublicKey v =
        PublicKey.fromCompressedBytes(Arrays.copyOfRange(bytes, at, at + PublicKey.LENGTH));
    PublicKey e =
        PublicKey.fromCompressedBytes(Arrays.copyOfRange(bytes, at + PublicKey.LENGTH, LENGTH));
    if (v.equals(e)) {
      throw new MalformedInputException("Bob card: the verifying and encrypting keys are the same");
    }
    return new BobCard(v, e);
  }

  public static BobCard fromHex(String hex) throws MalformedInputException {
    String h = hex.strip();
    if (h.length() != 2 * LENGTH) {
      throw new MalformedInputException(
          "Bob card: expected " + 2 * LENGTH + " hex digits, got " + h.length());
    }
    try {
      return fromBytes(Hex.decode(h));
    } catch (DecoderException e) {
      throw new MalformedInputException("Bob card: not hex");
    }
  }

  public byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    System.arraycopy(verifyingKey.toCompressedBytes(), 0, out, MAGIC.length, PublicKey.LENGTH);
    System.arraycopy(
        encryptingKey.toCompressedBytes(),
        0,
        out,
        MAGIC.length + PublicKey.LENGTH,
        PublicKey.LENGTH);
    return out;
  }

  public String toHex() {
    return Hex.toHexString(toBytes());
  }

  public PublicKey verifyingKey() {
    return verifyingKey;
  }

  public PublicKey encryptingKey() {
    return encryptingKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BobCard
        && ((BobCard) o).verifyingKey.equals(verifyingKey)
        && ((BobCard) o).encryptingKey.equals(encryptingKey);
  }

  @Override
  public int hashCode() {
    return verifyingKey.hashCode() * 31 + encryptingKey.hashCode();
  }

  @Override
  public String toString() {
    return "BobCard[verifying "
        + verifyingKey.toHex()
        + ", encrypting "
        + encryptingKey.toHex()
        + "]";
  }
}
