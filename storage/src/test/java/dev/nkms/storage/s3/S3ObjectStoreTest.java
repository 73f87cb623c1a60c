package dev.nkms.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.storage.BucketNotFoundException;
import dev.nkms.storage.CuttingProxy;
import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.ObjectStoreContract;
import dev.nkms.storage.StorageSettings;
import dev.nkms.storage.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The storage contract against a real S3-protocol server (s3rver) on loopback, parts of 5 MiB. */
class S3ObjectStoreTest extends ObjectStoreContract {
  static final String BUCKET = "nkms-test";
  @TempDir static Path dir;
  static S3TestServer server;
  static ObjectStore store;
  static final List<CuttingProxy> proxies = new java.util.ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    server = S3TestServer.start(dir, BUCKET);
    store = server.open();
  }

  @AfterAll
  static void stop() throws IOException {
    for (CuttingProxy p : proxies) {
      p.close();
    }
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected URI freshLocation(String name) {
    return URI.create("s3://" + BUCKET + "/dir/" + name + ".sealed");
  }

  @Override
  protected URI missingLocation() {
    return URI.create("s3://" + BUCKET + "/never/" + uniqueName("missing"));
  }

  @Override
  protected List<URI> malformedLocations() {
    return List.of(
        URI.create("s3:///no-bucket"),
        URI.create("s3://" + BUCKET),
        URI.create("s3://" + BUCKET + "/"),
        URI.create("s3://Upper_Case/key"),
        URI.create("s3://" + BUCKET + "/key?versionId=1"),
        URI.create("s3:opaque"));
  }

  @Override
  protected Optional<ObjectStore> unreachableStore() throws Exception {
    return Optional.of(new S3StoreProvider().open(S3TestServer.settingsFor(freePort())));
  }

  @Override
  protected Optional<ObjectStore> storeCuttingAnswersAfter(long bytes) throws Exception {
    CuttingProxy proxy = new CuttingProxy(server.address(), bytes);
    proxies.add(proxy);
    return Optional.of(new S3StoreProvider().open(S3TestServer.settingsFor(proxy.port())));
  }

  @Test
  void anObjectOverOnePartGoesUpInPartsAndAFailedUploadIsAborted() throws Exception {
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            calls.add(context.request().getClass().getSimpleName().replace("Request", ""));
          }
        };
    long size = 2 * S3Options.MIN_PART_SIZE + 1;
    try (ObjectStore recorded =
        S3ObjectStore.open(S3Options.from(S3TestServer.settingsFor(server.port())), recorder)) {
      URI at = freshLocation(uniqueName("parts"));
      recorded.put(at, TestData.stream(13, size));
      assertThat(calls)
          .containsExactly(
              "CreateMultipartUpload",
              "UploadPart",
              "UploadPart",
              "UploadPart",
              "CompleteMultipartUpload");
      assertThat(TestData.digest(recorded.get(at)))
          .isEqualTo(TestData.digest(TestData.stream(13, size)));

      calls.clear();
      URI broken = freshLocation(uniqueName("aborted"));
      assertThatThrownBy(() -> recorded.put(broken, TestData.stream(14, size, size - 10)))
          .isInstanceOf(dev.nkms.storage.StorageFailedException.class);
      // The source breaks inside the second part, so only the first went up before the abort.
      assertThat(calls)
          .containsExactly("CreateMultipartUpload", "UploadPart", "AbortMultipartUpload");
      assertThat(recorded.exists(broken)).isFalse();
    }
  }

  @Test
  void aMissingBucketIsBucketNotFoundForEveryVerb() {
    URI at = URI.create("s3://no-such-bucket/x");
    String message = "the S3 bucket no-such-bucket does not exist; create it first";
    assertThatThrownBy(() -> store.put(at, new ByteArrayInputStream(new byte[10])))
        .isInstanceOf(BucketNotFoundException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store.get(at))
        .isInstanceOf(BucketNotFoundException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store.exists(at))
        .isInstanceOf(BucketNotFoundException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store.delete(at))
        .isInstanceOf(BucketNotFoundException.class)
        .hasMessage(message);
  }

  @Test
  void settingsAreCheckedAtOpen() {
    assertThatThrownBy(
            () -> new S3StoreProvider().open(StorageSettings.of(Map.of("s3.part_size", "1000"))))
        .hasMessageContaining("at least 5 MiB");
    assertThatThrownBy(
            () -> new S3StoreProvider().open(StorageSettings.of(Map.of("s3.endpoint", "ftp://x"))))
        .hasMessageContaining("http(s)://host[:port]");
    assertThatThrownBy(
            () ->
                new S3StoreProvider()
                    .open(StorageSettings.of(Map.of("s3.access_key_id", "only-one"))))
        .hasMessageContaining("set both");
    assertThat(S3Options.from(StorageSettings.of(Map.of("s3.endpoint", "http://h:1"))).pathStyle())
        .isTrue();
    assertThat(S3Options.from(StorageSettings.none(), Map.of()).pathStyle()).isFalse();
    assertThat(
            S3Options.from(StorageSettings.none(), Map.of("AWS_ENDPOINT_URL_S3", "http://h:1"))
                .pathStyle())
        .isTrue();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
