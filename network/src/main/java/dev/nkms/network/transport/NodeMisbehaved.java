package dev.nkms.network.transport;

/**
 * The node answered, but not with what the protocol allows: unparseable, oversized, or wrongly
 * signed.
 */
public final class NodeMisbehaved extends NodeException {
  public NodeMisbehaved(String message) {
    super(message);
  }

  public NodeMisbehaved(String message, Throwable cause) {
    super(message, cause);
  }
}
