package dev.nkms.crypto;

/**
 * Root of the typed failures the crypto module raises. Messages say what failed and never carry
 * secret material.
 */
public class CryptoException extends Exception {
  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
