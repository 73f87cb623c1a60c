package dev.nkms.protocol.message;

/**
 * A sealed message failed to open. The subclass says how; nothing written before it should be
 * trusted.
 */
public abstract class SealedMessageException extends Exception {
  protected SealedMessageException(String message) {
    super(message);
  }

  protected SealedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
