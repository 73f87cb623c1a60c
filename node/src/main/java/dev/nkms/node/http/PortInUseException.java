package dev.nkms.node.http;

import java.io.IOException;

/** The node's port is held by another program: the one-line reason, for the operator. */
public final class PortInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  public PortInUseException(String host, int port, Throwable cause) {
    super(
        "port "
            + port
            + " on "
            + host
            + " is in use by another program; stop it or give the node another port",
        cause);
  }
}
