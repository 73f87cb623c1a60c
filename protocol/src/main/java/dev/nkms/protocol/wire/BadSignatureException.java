package dev.nkms.protocol.wire;

/** A well-formed signed object whose signature does not verify. */
public final class BadSignatureException extends WireFormatException {
  public BadSignatureException(String message) {
    super(message);
  }
}
