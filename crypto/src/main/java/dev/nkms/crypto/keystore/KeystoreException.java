package dev.nkms.crypto.keystore;

import dev.nkms.crypto.CryptoException;

/**
 * A keystore file could not be read or written. The message says what was wrong; it never carries
 * secret bytes.
 */
public class KeystoreException extends CryptoException {
  public KeystoreException(String message) {
    super(message);
  }

  public KeystoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
