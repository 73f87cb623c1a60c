package dev.nkms.network.transport;

/**
 * No usable answer arrived: the connection failed or timed out, or the TLS peer was not the pinned
 * node (its certificate fingerprint differs from the one in the node's signed metadata, so it is
 * treated as absent).
 */
public final class NodeUnreachable extends NodeException {
  public NodeUnreachable(String message) {
    super(message);
  }

  public NodeUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
