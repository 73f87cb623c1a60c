package dev.nkms.crypto;

/**
 * Bytes that do not encode a valid object: wrong length, non-canonical encoding, invalid point or
 * scalar, trailing data.
 */
public class MalformedInputException extends CryptoException {
  public MalformedInputException(String message) {
    super(message);
  }
}
