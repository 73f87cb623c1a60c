package dev.nkms.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.storage.InvalidLocationException;
import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.ObjectStoreContract;
import dev.nkms.storage.StorageSettings;
import dev.nkms.storage.TestData;
import dev.nkms.storage.TruncatedObjectException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileObjectStoreTest extends ObjectStoreContract {
  @TempDir static Path dir;
  private final ObjectStore store = new FileStoreProvider().open(StorageSettings.none());

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected URI freshLocation(String name) {
    return dir.resolve("objects").resolve(name + ".sealed").toUri();
  }

  @Override
  protected URI missingLocation() {
    return dir.resolve("never").resolve(uniqueName("missing")).toUri();
  }

  @Override
  protected List<URI> malformedLocations() {
    return List.of(
        URI.create("file:relative/path"),
        URI.create("file://otherhost/etc/x"),
        URI.create("file:/tmp/x?query=1"),
        URI.create("file:/"),
        URI.create("file:/tmp/.x.sealed.nkms-partial-00"));
  }

  @Override
  protected Optional<ObjectStore> unreachableStore() {
    return Optional.empty();
  }

  @Override
  protected Optional<ObjectStore> storeCuttingAnswersAfter(long bytes) {
    return Optional.empty();
  }

  @Test
  void aFileThatShrinksWhileReadIsTruncated() throws Exception {
    URI at =
        store.put(
            freshLocation(uniqueName("shrinks")),
            new ByteArrayInputStream(TestData.bytes(10, 300_000)));
    try (InputStream in = store.get(at)) {
      in.readNBytes(1000);
      try (RandomAccessFile f = new RandomAccessFile(Path.of(at).toFile(), "rw")) {
        f.setLength(2000);
      }
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(TruncatedObjectException.class)
          .hasMessageContaining("ended after 2000 of 300000 bytes");
    }
  }

  @Test
  void whileAPutRunsTheNameHoldsNothingAndOnlyAHiddenOwnerOnlyPartialExists() throws Exception {
    URI where = freshLocation(uniqueName("inflight"));
    Path target = Path.of(where);
    CountDownLatch halfWay = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InputStream slow =
        new InputStream() {
          private final InputStream first = new ByteArrayInputStream(TestData.bytes(11, 70_000));
          private boolean paused;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = first.read(b, off, len);
            if (n < 0 && !paused) {
              paused = true;
              halfWay.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
              return -1;
            }
            return n;
          }
        };
    CompletableFuture<URI> put =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return store.put(where, slow);
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    assertThat(halfWay.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(target)).isFalse();
    assertThat(store.exists(where)).isFalse();
    List<Path> partials;
    try (Stream<Path> s = Files.list(target.getParent())) {
      partials =
          s.filter(p -> p.getFileName().toString().startsWith("." + target.getFileName())).toList();
    }
    assertThat(partials).hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(partials.get(0))))
        .isEqualTo("rw-------");
    release.countDown();
    assertThat(put.get(30, TimeUnit.SECONDS)).isEqualTo(target.toUri());
    assertThat(Files.size(target)).isEqualTo(70_000);
    assertThat(Files.exists(partials.get(0))).isFalse();
  }

  @Test
  void aFailedPutLeavesNoFileAtAllInItsDirectory() throws Exception {
    Path sub = dir.resolve(uniqueName("clean"));
    URI where = sub.resolve("x.sealed").toUri();
    assertThatThrownBy(() -> store.put(where, TestData.stream(12, 1_000_000, 400_000)))
        .hasMessageContaining("nothing was stored");
    try (Stream<Path> s = Files.list(sub)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void aDirectoryIsNotAnObject() throws Exception {
    Path sub = Files.createDirectories(dir.resolve(uniqueName("adir")));
    assertThatThrownBy(() -> store.get(sub.toUri())).isInstanceOf(InvalidLocationException.class);
    assertThatThrownBy(() -> store.delete(sub.toUri()))
        .isInstanceOf(InvalidLocationException.class);
  }
}
