package dev.nkms.crypto;

/**
 * A well-formed object failed a cryptographic check (signature, commitment, correctness proof,
 * self-check).
 */
public class VerificationException extends CryptoException {
  public VerificationException(String message) {
    super(message);
  }
}
