package dev.nkms.node.store;

/**
 * The node's database failed: I/O, a schema it does not know, or a row that no longer parses.
 * Unchecked because callers cannot recover from it request by request; the message names the
 * operation and what went wrong.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
