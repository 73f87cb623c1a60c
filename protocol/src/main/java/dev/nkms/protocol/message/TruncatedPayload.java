package dev.nkms.protocol.message;

/** The payload ended before the length the MessageKit declares. */
public final class TruncatedPayload extends SealedMessageException {
  public TruncatedPayload(String message) {
    super(message);
  }
}
