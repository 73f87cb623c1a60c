package dev.nkms.network.transport;

/**
 * A call to a node failed. The subclass says how; the message says which node and what happened.
 */
public abstract class NodeException extends Exception {
  protected NodeException(String message) {
    super(message);
  }

  protected NodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
