package dev.nkms.protocol.message;

/** Bytes follow the last chunk that the MessageKit's length does not account for. */
public final class TrailingData extends SealedMessageException {
  public TrailingData(String message) {
    super(message);
  }
}
