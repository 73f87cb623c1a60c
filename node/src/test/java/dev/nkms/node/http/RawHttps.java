package dev.nkms.node.http;

import dev.nkms.network.transport.PinnedTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 over a pinned TLS socket, byte by byte: for requests the JDK client cannot make (a
 * declared body that is never sent, a chunked body cut short), so the exchange is deterministic.
 */
final class RawHttps implements AutoCloseable {
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final SSLSocket socket;

  RawHttps(byte[] pin, int port) throws IOException {
    socket = (SSLSocket) PinnedTls.context(pin).getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout((int) TestNode.TIMEOUT.toMillis());
    socket.startHandshake();
  }

  void write(String s) throws IOException {
    write(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  void write(byte[] b) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(b);
    out.flush();
  }

  /**
   * Reads one response; the request asked for {@code Connection: close}, so the server ends it with
   * EOF.
   */
  Response read() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) > 0; ) {
      all.write(buf, 0, n);
    }
    byte[] raw = all.toByteArray();
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (headEnd < 0) {
      throw new IOException("no complete response head in " + raw.length + " bytes: " + text);
    }
    String[] lines = text.substring(0, headEnd).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] rest = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      rest = dechunk(rest);
    } else if (headers.containsKey("content-length")) {
      rest = java.util.Arrays.copyOf(rest, Integer.parseInt(headers.get("content-length")));
    }
    return new Response(status, headers, rest);
  }

  private static byte[] dechunk(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (true) {
      int eol = indexOfCrlf(b, pos);
      int size =
          Integer.parseInt(
              new String(b, pos, eol - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
      pos = eol + 2;
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(b, pos, size);
      pos += size + 2;
    }
  }

  private static int indexOfCrlf(byte[] b, int from) throws IOException {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    throw new IOException("truncated chunked body");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
