package dev.nkms.protocol.message;

/**
 * The sealed message was made by a newer nkms: its MessageKit has a version this build does not
 * read, and the rest of it looks like a real newer kit (not like this version's kit with a damaged
 * version field). Upgrading helps; nothing else does.
 */
public final class NewerSealedMessage extends SealedMessageException {
  public NewerSealedMessage(String message, Throwable cause) {
    super(message, cause);
  }
}
