package dev.nkms.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback TCP relay to a real server that lets through only the first {@code limit} bytes the
 * server sends on each connection and then drops it: a network that breaks mid-object, for the
 * truncation tests (answers on one kept-alive connection share the budget).
 */
public final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final long limit;

  public CuttingProxy(InetSocketAddress target, long limit) throws IOException {
    this.target = target;
    this.limit = limit;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(target.getAddress(), target.getPort());
        pump(client.getInputStream(), server.getOutputStream(), Long.MAX_VALUE, client, server);
        pump(server.getInputStream(), client.getOutputStream(), limit, client, server);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(InputStream from, OutputStream to, long limit, Socket a, Socket b) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              long sent = 0;
              try {
                while (sent < limit) {
                  int n = from.read(buf, 0, (int) Math.min(buf.length, limit - sent));
                  if (n < 0) {
                    break;
                  }
                  to.write(buf, 0, n);
                  to.flush();
                  sent += n;
                }
              } catch (IOException ignored) {
                // the other side went away
              } finally {
                close(a);
                close(b);
              }
            },
            "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
