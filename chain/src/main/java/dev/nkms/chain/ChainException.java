package dev.nkms.chain;

/**
 * A chain call failed: the node is unreachable, a transaction reverted (the message carries the
 * reason), or a deployment file is malformed.
 */
public final class ChainException extends Exception {
  public ChainException(String message) {
    super(message);
  }

  public ChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
