package dev.nkms.storage.s3;

import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.StorageSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3-protocol server (s3rver, from {@code tools/s3}) on loopback, as a child process that
 * stops when the test JVM closes its stdin. Missing node or the package is a failure, not a skip:
 * ./run-tests installs them.
 */
public final class S3TestServer implements AutoCloseable {
  /** s3rver's fixed credentials. */
  public static final String ACCESS_KEY = "S3RVER";

  public static final String SECRET_KEY = "S3RVER";

  private static final Pattern PORT = Pattern.compile("\\{\"port\":(\\d+)}");
  private final Process process;
  private final int port;

  private S3TestServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a server storing under {@code dir} with these buckets. */
  public static S3TestServer start(Path dir, String... buckets) throws IOException {
    Path tools = toolsDir();
    if (!Files.isDirectory(tools.resolve("node_modules/s3rver"))) {
      throw new IllegalStateException(
          "the S3 test server is not installed: run `npm ci` in "
              + tools
              + " (./run-tests does this)");
    }
    List<String> cmd =
        new ArrayList<>(List.of("node", tools.resolve("serve.js").toString(), dir.toString()));
    cmd.addAll(List.of(buckets));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    Matcher m = line == null ? null : PORT.matcher(line);
    if (m == null || !m.matches()) {
      p.destroyForcibly();
      throw new IllegalStateException("s3rver did not start (it printed " + line + ")");
    }
    return new S3TestServer(p, Integer.parseInt(m.group(1)));
  }

  public int port() {
    return port;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /**
   * Settings for a store talking to a server on {@code port} (this one, or a proxy in front of it).
   */
  public static StorageSettings settingsFor(int port) {
    return StorageSettings.of(
        java.util.Map.of(
            "s3.endpoint",
            "http://127.0.0.1:" + port,
            "s3.region",
            "us-east-1",
            "s3.part_size",
            String.valueOf(S3Options.MIN_PART_SIZE),
            "s3.access_key_id",
            ACCESS_KEY,
            "s3.secret_access_key",
            SECRET_KEY));
  }

  public ObjectStore open() throws dev.nkms.storage.StorageException {
    return new S3StoreProvider().open(settingsFor(port));
  }

  static Path toolsDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("tools/s3"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("tools/s3 not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("tools/s3");
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
