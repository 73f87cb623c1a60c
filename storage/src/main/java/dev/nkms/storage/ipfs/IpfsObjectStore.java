package dev.nkms.storage.ipfs;

import dev.nkms.storage.DeleteResult;
import dev.nkms.storage.InvalidLocationException;
import dev.nkms.storage.LengthCheckedInputStream;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.StorageException;
import dev.nkms.storage.StorageFailedException;
import dev.nkms.storage.StorageUnreachableException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Objects on an IPFS daemon through its Kubo RPC API (every call a POST). A put streams the data as
 * one multipart/form-data file to {@code add} with {@code pin=true}: the daemon pins only a file it
 * received whole, so a put whose source or connection fails leaves no pin. Only what is pinned
 * recursively here counts as stored, so a read never asks the network for blocks this node does not
 * hold; reads check the size the daemon's {@code files/stat} reported.
 */
final class IpfsObjectStore implements ObjectStore {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  // The small calls (pin, stat, the start of a cat) answer at once on a local daemon; an upload
  // gets no limit, since
  // it lasts as long as its data.
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_ANSWER = 1 << 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI api;
  private final HttpClient http;

  IpfsObjectStore(IpfsOptions options) {
    this.api = options.api();
    this.http =
        HttpClient.newBuilder()
            .version(
                HttpClient.Version.HTTP_1_1) // the RPC API is HTTP/1.1; no h2c upgrade attempts
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public URI put(URI where, InputStream data) throws StorageException {
    if (!IpfsLocation.isBare(where)) {
      if ("ipfs".equalsIgnoreCase(where.getScheme())) {
        throw new InvalidLocationException(
            where,
            "a put goes to the bare ipfs:/ (the content names itself), not to '" + where + "'");
      }
      IpfsLocation.parse(where); // says what is wrong with it
    }
    return URI.create("ipfs://" + add(where, data, false));
  }

  /**
   * The location a put of this data would return, storing and pinning nothing ({@code only-hash}):
   * a CID that is well-formed and, for data never put, not stored.
   */
  URI locationOf(InputStream data) throws StorageException {
    return URI.create("ipfs://" + add(URI.create("ipfs:/"), data, true));
  }

  private String add(URI where, InputStream data, boolean onlyHash) throws StorageException {
    String boundary =
        "nkms-" + HexFormat.of().formatHex(bytes(16)); // random: never inside the data, in practice
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"object\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    WatchedSource source = new WatchedSource(data);
    InputStream body =
        new SequenceInputStream(
            Collections.enumeration(
                List.of(new ByteArrayInputStream(head), source, new ByteArrayInputStream(tail))));
    String query =
        (onlyHash ? "only-hash=true&pin=false" : "pin=true")
            + "&cid-version=1&raw-leaves=true&cid-base=base32";
    HttpRequest request =
        HttpRequest.newBuilder(rpc("add", query))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            // Chunked, read as it is sent: the object is never whole in memory.
            .POST(HttpRequest.BodyPublishers.ofInputStream(once(body)))
            .build();
    HttpResponse<InputStream> response;
    String answer;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      answer = text(response);
    } catch (IOException e) {
      if (source.failure != null) {
        throw StorageFailedException.sourceFailed(where, source.failure);
      }
      throw mapped(where, "storing", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageFailedException(where, "storing on IPFS was interrupted", e);
    }
    if (source.failure != null) {
      // The request was cut off mid-body, so the daemon cannot have taken it as a whole file.
      throw StorageFailedException.sourceFailed(where, source.failure);
    }
    if (response.statusCode() / 100 != 2) {
      throw failed(where, "storing", response.statusCode(), answer);
    }
    return addedCid(where, answer);
  }

  /** The CID in add's answer: one JSON object per line, the file's the last. */
  private static String addedCid(URI where, String answer) throws StorageFailedException {
    String[] lines = answer.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    Object hash;
    try {
      Map<String, Object> added = Json.object(last);
      if (added.containsKey("Message") && !added.containsKey("Hash")) {
        throw new StorageFailedException(
            where, "storing on IPFS failed: " + oneLine(String.valueOf(added.get("Message"))));
      }
      hash = added.get("Hash");
    } catch (IllegalArgumentException e) {
      throw new StorageFailedException(
          where, "the IPFS daemon's answer to add is not JSON: " + oneLine(last), e);
    }
    if (!(hash instanceof String cid) || !IpfsLocation.isCid(cid)) {
      throw new StorageFailedException(
          where, "the IPFS daemon's answer to add names no CID: " + oneLine(last));
    }
    return cid;
  }

  @Override
  public InputStream get(URI location) throws StorageException {
    IpfsLocation at = IpfsLocation.parse(location);
    if (!pinned(at)) {
      throw new ObjectNotFoundException(location, "nothing is stored at " + location);
    }
    long size = size(at);
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              small(rpc("cat", "arg=" + at.cid() + "&offline=true")),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw mapped(location, "reading", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageFailedException(location, "reading " + location + " was interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      String answer;
      try {
        answer = text(response);
      } catch (IOException e) {
        answer = "";
      }
      throw failed(location, "reading", response.statusCode(), answer);
    }
    return new LengthCheckedInputStream(response.body(), location, size);
  }

  /** The object's size in bytes, as the daemon counts it. */
  private long size(IpfsLocation at) throws StorageException {
    Map<String, Object> stat =
        object(
            at.uri(),
            "reading",
            "files/stat",
            call(at.uri(), "reading", "files/stat", "arg=/ipfs/" + at.cid() + "&offline=true"));
    if ("directory".equals(stat.get("Type"))) {
      throw new StorageFailedException(
          at.uri(), at.uri() + " is a directory on IPFS, not a stored object");
    }
    if (stat.get("Size") instanceof Number n) {
      try {
        BigDecimal size = new BigDecimal(n.toString());
        if (size.signum() >= 0) {
          return size.longValueExact();
        }
      } catch (ArithmeticException | NumberFormatException e) {
        // the message below says it
      }
    }
    throw new StorageFailedException(
        at.uri(), "the IPFS daemon gave no size for " + at.uri() + "; not trusting it");
  }

  @Override
  public DeleteResult delete(URI location) throws StorageException {
    IpfsLocation at = IpfsLocation.parse(location);
    Answer a = call(location, "deleting", "pin/rm", "arg=" + at.cid() + "&offline=true");
    if (!a.ok() && notPinned(rpcMessage(a.text()))) {
      return DeleteResult.NOT_FOUND;
    }
    object(location, "deleting", "pin/rm", a); // an error answer throws
    return DeleteResult.UNPINNED;
  }

  @Override
  public boolean exists(URI location) throws StorageException {
    return pinned(IpfsLocation.parse(location));
  }

  private boolean pinned(IpfsLocation at) throws StorageException {
    Answer a =
        call(at.uri(), "looking up", "pin/ls", "arg=" + at.cid() + "&type=recursive&offline=true");
    if (!a.ok() && notPinned(rpcMessage(a.text()))) {
      return false;
    }
    return object(at.uri(), "looking up", "pin/ls", a).get("Keys") instanceof Map<?, ?> keys
        && !keys.isEmpty();
  }

  /** How Kubo and js-ipfs say a CID has no pin of its own (or no blocks here, offline). */
  private static boolean notPinned(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("not pinned")
        || m.contains("pinned indirectly")
        || m.contains("not found locally");
  }

  @Override
  public void close() {
    // java.net.http.HttpClient has no close before Java 21; its threads are daemons and end with
    // the client.
  }

  /** An RPC's answer: its status and its (small) body. */
  private record Answer(int status, String text) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  /** One small RPC; a daemon that did not answer is {@link StorageUnreachableException}. */
  private Answer call(URI location, String doing, String command, String query)
      throws StorageException {
    try {
      HttpResponse<InputStream> response =
          http.send(small(rpc(command, query)), HttpResponse.BodyHandlers.ofInputStream());
      return new Answer(response.statusCode(), text(response));
    } catch (IOException e) {
      throw mapped(location, doing, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageFailedException(location, doing + " " + location + " was interrupted", e);
    }
  }

  /** A successful answer as a JSON object, or the daemon's error. */
  private Map<String, Object> object(URI location, String doing, String command, Answer a)
      throws StorageFailedException {
    if (!a.ok()) {
      throw failed(location, doing, a.status(), a.text());
    }
    try {
      return Json.object(a.text().strip());
    } catch (IllegalArgumentException e) {
      throw new StorageFailedException(
          location,
          "the IPFS daemon's answer to " + command + " is not a JSON object: " + oneLine(a.text()),
          e);
    }
  }

  private URI rpc(String command, String query) {
    return URI.create(api + "/api/v0/" + command + "?" + query);
  }

  private static HttpRequest small(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(ANSWER_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
  }

  /** A whole (small) answer as text; closes the body. */
  private static String text(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      byte[] b = in.readNBytes(MAX_ANSWER);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  private StorageFailedException failed(URI location, String doing, int status, String answer) {
    return new StorageFailedException(
        location,
        doing
            + " "
            + location
            + " failed: the IPFS daemon answered "
            + status
            + ": "
            + rpcMessage(answer));
  }

  /** The RPC error's Message field, one line; the answer itself if it has none. */
  private static String rpcMessage(String answer) {
    try {
      Object m = Json.object(answer.strip()).get("Message");
      if (m instanceof String s && !s.isBlank()) {
        return oneLine(s);
      }
    } catch (IllegalArgumentException e) {
      // not the usual error object: show what came
    }
    return answer.isBlank() ? "no detail" : oneLine(answer);
  }

  private StorageException mapped(URI location, String doing, IOException e) {
    if (causedByNetwork(e)) {
      return new StorageUnreachableException(
          location, "the IPFS daemon at " + api + " did not answer; is it running?", e);
    }
    return new StorageFailedException(
        location, doing + " " + location + " failed: " + oneLine(e.toString()), e);
  }

  private static boolean causedByNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof HttpTimeoutException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String oneLine(String s) {
    String line = s.strip();
    int nl = line.indexOf('\n');
    line = nl < 0 ? line : line.substring(0, nl).strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  /**
   * The body, handed out once: should the client ask again (a retried connection), the data already
   * read is gone, and sending the rest would store other content under a valid CID.
   */
  private static Supplier<InputStream> once(InputStream body) {
    AtomicBoolean given = new AtomicBoolean();
    return () ->
        given.compareAndSet(false, true)
            ? body
            : new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException(
                    "the data can be sent only once; not sending a part of it again");
              }
            };
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * The caller's data, read through: remembers whether reading it failed (so that is told apart
   * from the daemon failing) and never closes it (the caller owns it; the HTTP client closes its
   * body at the end).
   */
  private static final class WatchedSource extends FilterInputStream {
    volatile IOException failure;

    WatchedSource(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      } catch (UncheckedIOException e) {
        failure = e.getCause();
        throw e.getCause();
      }
    }

    @Override
    public void close() {
      // the caller's stream stays open
    }
  }
}
