package dev.nkms.storage.ipfs;

import dev.nkms.storage.StorageSettings;
import dev.nkms.storage.ToolServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A real IPFS daemon (js-ipfs, from {@code tools/ipfs}) on loopback, offline, on a fresh repo, as a
 * child process that stops when the test JVM closes its stdin. Missing node or the package is a
 * failure, not a skip: ./run-tests installs them.
 */
public final class IpfsTestServer implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("\\{\"api\":\"http://127\\.0\\.0\\.1:(\\d+)\"}");
  private final ToolServer server;
  private final int port;

  private IpfsTestServer(ToolServer server) {
    this.server = server;
    this.port = server.port();
  }

  /** Starts a daemon whose repo is the (new) directory {@code repo}. */
  public static IpfsTestServer start(Path repo) throws IOException {
    return new IpfsTestServer(ToolServer.start("ipfs", "ipfs", READY, List.of(repo.toString())));
  }

  public int port() {
    return port;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /**
   * Settings for a store talking to a daemon on {@code port} (this one, or a proxy in front of it).
   */
  public static StorageSettings settingsFor(int port) {
    return StorageSettings.of(Map.of("ipfs.api", "http://127.0.0.1:" + port));
  }

  IpfsObjectStore open() {
    return (IpfsObjectStore) new IpfsStoreProvider().open(settingsFor(port));
  }

  /**
   * The CIDs pinned recursively on the daemon now, asked directly (not through the store under
   * test).
   */
  Set<String> recursivePins() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + port + "/api/v0/pin/ls?type=recursive&cid-base=base32"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "pin/ls answered " + response.statusCode() + ": " + response.body());
    }
    Object keys = Json.object(response.body().strip()).get("Keys");
    if (!(keys instanceof Map<?, ?> map)) {
      throw new IllegalStateException("pin/ls answered without Keys: " + response.body());
    }
    Set<String> pins = new TreeSet<>();
    map.keySet().forEach(k -> pins.add((String) k));
    return pins;
  }

  @Override
  public void close() {
    server.close();
  }
}
