package dev.nkms.crypto.primitives;

import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha): HChaCha20 derives a subkey from the key and the
 * first 16 nonce bytes, then the JDK's ChaCha20-Poly1305 runs under it with nonce {@code 00000000 ‖
 * nonce[16..24]}. Output layout {@code nonce(24) ‖ ciphertext ‖ tag(16)}, as the Umbral DEM (spec
 * §2.8). The JDK cipher is intrinsified on newer JDKs; a fresh {@link Cipher} per call avoids its
 * key+nonce reuse guard.
 */
public final class XChaCha20Poly1305 {
  public static final int KEY_LENGTH = 32;
  public static final int NONCE_LENGTH = 24;
  public static final int TAG_LENGTH = 16;
  static final String DECRYPTION_FAILED =
      "Decryption of ciphertext failed: either someone tampered with the ciphertext or you are using an incorrect"
          + " decryption key.";

  private XChaCha20Poly1305() {}

  public static byte[] encrypt(byte[] key, byte[] plaintext, byte[] aad, RandomSource random) {
    byte[] nonce = random.nextBytes(NONCE_LENGTH);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      c.updateAAD(aad);
      byte[] out = new byte[NONCE_LENGTH + plaintext.length + TAG_LENGTH];
      System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
      c.doFinal(plaintext, 0, plaintext.length, out, NONCE_LENGTH);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 failed on valid parameters", e);
    }
  }

  public static byte[] decrypt(byte[] key, byte[] ciphertext, byte[] aad)
      throws DecryptionException {
    if (ciphertext.length < NONCE_LENGTH) {
      throw new DecryptionException("The ciphertext must include the nonce");
    }
    if (ciphertext.length < NONCE_LENGTH + TAG_LENGTH) {
      throw new DecryptionException(DECRYPTION_FAILED);
    }
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(ciphertext, NONCE_LENGTH));
      c.updateAAD(aad);
      return c.doFinal(ciphertext, NONCE_LENGTH, ciphertext.length - NONCE_LENGTH);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new DecryptionException(DECRYPTION_FAILED);
    } catch (GeneralSecurityException e) {
      throw new DecryptionException(DECRYPTION_FAILED);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("XChaCha20-Poly1305 key must be 32 bytes");
    }
    byte[] subkey = hChaCha20(key, nonce);
    byte[] iv = new byte[12];
    System.arraycopy(nonce, 16, iv, 4, 8);
    Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
    c.init(mode, new SecretKeySpec(subkey, "ChaCha20"), new IvParameterSpec(iv));
    Arrays.fill(subkey, (byte) 0);
    return c;
  }

  /**
   * HChaCha20: 20 ChaCha rounds over (constants, key, nonce[0..16]) without the final addition;
   * words 0–3, 12–15.
   */
  static byte[] hChaCha20(byte[] key, byte[] nonce) {
    int[] s = new int[16];
    s[0] = 0x61707865;
    s[1] = 0x3320646e;
    s[2] = 0x79622d32;
    s[3] = 0x6b206574;
    for (int i = 0; i < 8; i++) {
      s[4 + i] = le32(key, 4 * i);
    }
    for (int i = 0; i < 4; i++) {
      s[12 + i] = le32(nonce, 4 * i);
    }
    for (int round = 0; round < 10; round++) {
      quarter(s, 0, 4, 8, 12);
      quarter(s, 1, 5, 9, 13);
      quarter(s, 2, 6, 10, 14);
      quarter(s, 3, 7, 11, 15);
      quarter(s, 0, 5, 10, 15);
      quarter(s, 1, 6, 11, 12);
      quarter(s, 2, 7, 8, 13);
      quarter(s, 3, 4, 9, 14);
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 4; i++) {
      putLe32(out, 4 * i, s[i]);
      putLe32(out, 16 + 4 * i, s[12 + i]);
    }
    Arrays.fill(s, 0);
    return out;
  }

  private static void quarter(int[] s, int a, int b, int c, int d) {
    s[a] += s[b];
    s[d] = Integer.rotateLeft(s[d] ^ s[a], 16);
    s[c] += s[d];
    s[b] = Integer.rotateLeft(s[b] ^ s[c], 12);
    s[a] += s[b];
    s[d] = Integer.rotateLeft(s[d] ^ s[a], 8);
    s[c] += s[d];
    s[b] = Integer.rotateLeft(s[b] ^ s[c], 7);
  }

  private static int le32(byte[] b, int off) {
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  private static void putLe32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
