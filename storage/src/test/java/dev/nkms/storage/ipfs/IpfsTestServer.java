package dev.nkms.storage.ipfs;

import dev.nkms.storage.StorageSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real IPFS daemon (js-ipfs, from {@code tools/ipfs}) on loopback, offline, on a fresh repo, as a
 * child process that stops when the test JVM closes its stdin. Missing node or the package is a
 * failure, not a skip: ./run-tests installs them.
 */
public final class IpfsTestServer implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("\\{\"api\":\"http://127\\.0\\.0\\.1:(\\d+)\"}");
  private final Process process;
  private final int port;

  private IpfsTestServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a daemon whose repo is the (new) directory {@code repo}. */
  public static IpfsTestServer start(Path repo) throws IOException {
    Path tools = toolsDir();
    if (!Files.isDirectory(tools.resolve("node_modules/ipfs"))) {
      throw new IllegalStateException(
          "the IPFS test daemon is not installed: run `npm ci` in "
              + tools
              + " (./run-tests does this)");
    }
    Process p =
        new ProcessBuilder(List.of("node", tools.resolve("serve.js").toString(), repo.toString()))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    // The ready line, past anything a dependency prints first; end of output means it failed.
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = READY.matcher(line.strip());
      if (m.matches()) {
        return new IpfsTestServer(p, Integer.parseInt(m.group(1)));
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("js-ipfs did not start (see its error output above)");
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

  static Path toolsDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("tools/ipfs"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("tools/ipfs not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("tools/ipfs");
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
