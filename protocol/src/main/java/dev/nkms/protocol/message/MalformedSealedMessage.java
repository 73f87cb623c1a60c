package dev.nkms.protocol.message;

/** The header is not a length-prefixed, valid MessageKit, or a key has the wrong size. */
public final class MalformedSealedMessage extends SealedMessageException {
  public MalformedSealedMessage(String message) {
    super(message);
  }

  public MalformedSealedMessage(String message, Throwable cause) {
    super(message, cause);
  }
}
