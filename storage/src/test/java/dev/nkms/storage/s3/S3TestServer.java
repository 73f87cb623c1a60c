package dev.nkms.storage.s3;

import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.StorageSettings;
import dev.nkms.storage.ToolServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  private static final Pattern READY = Pattern.compile("\\{\"port\":(\\d+)}");
  private final ToolServer server;
  private final int port;

  private S3TestServer(ToolServer server) {
    this.server = server;
    this.port = server.port();
  }

  /** Starts a server storing under {@code dir} with these buckets. */
  public static S3TestServer start(Path dir, String... buckets) throws IOException {
    List<String> args = new ArrayList<>(List.of(dir.toString()));
    args.addAll(List.of(buckets));
    return new S3TestServer(ToolServer.start("s3", "s3rver", READY, args));
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

  @Override
  public void close() {
    server.close();
  }
}
