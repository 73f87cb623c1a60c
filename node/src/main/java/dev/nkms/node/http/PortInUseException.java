package dev.nkms.node.http;

import java.io.IOException;

/** The node's port is held by another program: the one-line reason, for the operator. */
public final class PortInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  /** In every message: what a supervisor (LocalNetwork) looks for in a node's log. */
  public static final String MARKER = "is in use by another program";

  public PortInUseException(String host, int port, Throwable cause) {
    super(
        "port " + port + " on " + host + " " + MARKER + "; stop it or give the node another port",
        cause);
  }
}
