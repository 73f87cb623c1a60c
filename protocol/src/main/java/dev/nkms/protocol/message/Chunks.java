package dev.nkms.protocol.message;

import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.protocol.MessageKit;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chunk cipher: AES-256-GCM, chunk i under nonce {@code 0x00000000 ‖ u64be(i)} with associated
 * data {@code SHA-256(kit bytes) ‖ u64be(i) ‖ (last ? 0x01 : 0x00)}. One fresh random key per
 * message, so nonces never repeat under a key.
 */
public final class Chunks {
  public static final int DEK_LENGTH = 32;
  public static final int TAG_LENGTH = 16;
  private static final int NONCE_LENGTH = 12;

  private final SecretKeySpec key;
  private final byte[] kitDigest;
  private final long length;
  private final int chunkSize;
  private final long count;

  public Chunks(byte[] dek, MessageKit kit) {
    if (dek.length != DEK_LENGTH) {
      throw new IllegalArgumentException(
          "the data key is " + DEK_LENGTH + " bytes, got " + dek.length);
    }
    this.key = new SecretKeySpec(dek, "AES");
    this.kitDigest = ScalarDigest.sha256(kit.toBytes());
    this.length = kit.plaintextLength();
    this.chunkSize = kit.chunkSize();
    this.count = count(length, chunkSize);
  }

  /** ceil(length / chunkSize), and at least 1: an empty message has one empty final chunk. */
  static long count(long length, int chunkSize) {
    return Math.max(1, length / chunkSize + (length % chunkSize == 0 ? 0 : 1));
  }

  /** How many chunks the kit declares. */
  public long count() {
    return count;
  }

  /** The plaintext length of chunk {@code i}. */
  public int plaintextLength(long i) {
    return (int) Math.min(chunkSize, length - i * chunkSize);
  }

  /** Chunk {@code i}'s ciphertext for the first {@code len} bytes of {@code plaintext}. */
  public byte[] seal(long i, byte[] plaintext, int len) {
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, i);
      return c.doFinal(plaintext, 0, len);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JDK: " + e.getMessage(), e);
    }
  }

  /** The plaintext of chunk i, or null if it does not authenticate. */
  byte[] open(long i, byte[] ciphertext) {
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, i);
      return c.doFinal(ciphertext);
    } catch (javax.crypto.AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JDK: " + e.getMessage(), e);
    }
  }

  private Cipher cipher(int mode, long i) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_LENGTH];
    putLong(nonce, 4, i);
    byte[] aad = new byte[32 + 8 + 1];
    System.arraycopy(kitDigest, 0, aad, 0, 32);
    putLong(aad, 32, i);
    aad[40] = (byte) (i == count - 1 ? 1 : 0);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    c.updateAAD(aad);
    return c;
  }

  static void putLong(byte[] out, int at, long v) {
    for (int k = 7; k >= 0; k--) {
      out[at + k] = (byte) v;
      v >>>= 8;
    }
  }
}
