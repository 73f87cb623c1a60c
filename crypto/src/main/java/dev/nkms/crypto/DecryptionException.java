package dev.nkms.crypto;

/**
 * Decryption failed: wrong key, tampered ciphertext, or capsule fragments that do not open the
 * capsule.
 */
public class DecryptionException extends CryptoException {
  public DecryptionException(String message) {
    super(message);
  }
}
