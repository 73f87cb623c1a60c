package dev.nkms.daemon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the daemon listens. It holds the user's keys, so it serves loopback only unless
 * told otherwise ({@code allowRemote}), and then only over TLS.
 *
 * @param host the address to bind (default 127.0.0.1)
 * @param port the port (0: any free one)
 * @param tls serve HTTPS with a certificate drawn at start (always on when {@code allowRemote})
 * @param allowRemote whether a non-loopback address may be bound
 * @param stateDir where the token ({@code daemon.token}, 0600) and, with TLS, the certificate
 *     ({@code daemon.crt}) are written
 */
public record DaemonOptions(
    String host, int port, boolean tls, boolean allowRemote, Path stateDir) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 7420;
  public static final String TOKEN_FILE = "daemon.token";
  public static final String CERTIFICATE_FILE = "daemon.crt";

  public DaemonOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stateDir, "stateDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not a TCP port (0–65535)");
    }
    if (!allowRemote && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "refusing to listen on "
              + host
              + ": the daemon holds your keys; use a loopback address, or allow remote clients"
              + " (then it serves TLS only)");
    }
    tls = tls || allowRemote;
  }

  public static DaemonOptions loopback(int port, Path stateDir) {
    return new DaemonOptions(DEFAULT_HOST, port, false, false, stateDir);
  }

  public Path tokenFile() {
    return stateDir.resolve(TOKEN_FILE);
  }

  public Path certificateFile() {
    return stateDir.resolve(CERTIFICATE_FILE);
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host);
    }
  }
}
