package dev.nkms.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every back-end promises, run against its real server by a subclass per back-end. Each test
 * uses fresh names, so a subclass may share one server across tests.
 */
public abstract class ObjectStoreContract {
  private static int counter;

  /** The store under test, talking to its real server. */
  protected abstract ObjectStore store();

  /** Where to put a fresh object (for a content-addressed back-end: the bare scheme). */
  protected abstract URI freshLocation(String name);

  /** A well-formed location where nothing was ever stored. */
  protected abstract URI missingLocation();

  /** Locations of this scheme that are malformed. */
  protected abstract List<URI> malformedLocations();

  /** Whether a put decides the location (content addressing) rather than taking it. */
  protected boolean contentAddressed() {
    return false;
  }

  protected DeleteResult deletedResult() {
    return DeleteResult.DELETED;
  }

  /**
   * The same back-end pointed at a port where nothing listens; empty where no service is involved.
   */
  protected abstract Optional<ObjectStore> unreachableStore() throws Exception;

  /**
   * The same back-end reached through a connection that breaks after {@code bytes} bytes of any
   * answer longer than that; empty where the back-end has no connection (then a subclass tests
   * truncation its own way).
   */
  protected abstract Optional<ObjectStore> storeCuttingAnswersAfter(long bytes) throws Exception;

  /** At least two parts for a back-end that uploads in parts. */
  protected long largeObjectSize() {
    return 11L * 1024 * 1024 + 3;
  }

  protected static synchronized String uniqueName(String what) {
    return what + "-" + (++counter) + "-" + System.nanoTime();
  }

  @Test
  void aSmallObjectComesBackByteForByte() throws Exception {
    byte[] data = TestData.bytes(1, 1000);
    URI at = store().put(freshLocation(uniqueName("small")), new ByteArrayInputStream(data));
    assertThat(store().exists(at)).isTrue();
    try (InputStream in = store().get(at)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void anEmptyObjectIsAnObject() throws Exception {
    URI at = store().put(freshLocation(uniqueName("empty")), new ByteArrayInputStream(new byte[0]));
    assertThat(store().exists(at)).isTrue();
    try (InputStream in = store().get(at)) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  @Test
  void aLargeObjectStreamsThroughInParts() throws Exception {
    long size = largeObjectSize();
    URI at = store().put(freshLocation(uniqueName("large")), TestData.stream(2, size));
    assertThat(TestData.digest(store().get(at)))
        .isEqualTo(TestData.digest(TestData.stream(2, size)));
  }

  @Test
  void aPutThatFailsMidwayLeavesNothing() throws Exception {
    assumeTrue(!contentAddressed(), "a content-addressed put has no name to leave behind");
    URI where = freshLocation(uniqueName("broken"));
    assertThatThrownBy(
            () -> store().put(where, TestData.stream(3, largeObjectSize(), 6L * 1024 * 1024)))
        .isInstanceOf(StorageFailedException.class)
        .hasMessageContaining("nothing was stored");
    assertThat(store().exists(where)).isFalse();
    assertThatThrownBy(() -> store().get(where)).isInstanceOf(ObjectNotFoundException.class);
  }

  @Test
  void aPutThatFailsOverAnObjectLeavesTheOldOneWhole() throws Exception {
    assumeTrue(!contentAddressed(), "a content-addressed put never replaces");
    URI where = freshLocation(uniqueName("kept"));
    byte[] old = TestData.bytes(4, 5000);
    store().put(where, new ByteArrayInputStream(old));
    assertThatThrownBy(
            () -> store().put(where, TestData.stream(5, largeObjectSize(), 6L * 1024 * 1024)))
        .isInstanceOf(StorageFailedException.class);
    try (InputStream in = store().get(where)) {
      assertThat(in.readAllBytes()).isEqualTo(old);
    }
  }

  @Test
  void aSecondPutReplacesTheWholeObject() throws Exception {
    assumeTrue(!contentAddressed(), "a content-addressed put never replaces");
    URI where = freshLocation(uniqueName("replaced"));
    store().put(where, new ByteArrayInputStream(TestData.bytes(6, 9000)));
    byte[] shorter = TestData.bytes(7, 10);
    store().put(where, new ByteArrayInputStream(shorter));
    try (InputStream in = store().get(where)) {
      assertThat(in.readAllBytes()).isEqualTo(shorter);
    }
  }

  @Test
  void deletingSaysWhatHappened() throws Exception {
    URI at =
        store()
            .put(
                freshLocation(uniqueName("deleted")),
                new ByteArrayInputStream(TestData.bytes(8, 100)));
    assertThat(store().delete(at)).isEqualTo(deletedResult());
    assertThat(store().exists(at)).isFalse();
    assertThat(store().delete(missingLocation())).isEqualTo(DeleteResult.NOT_FOUND);
  }

  @Test
  void aMissingObjectIsObjectNotFound() throws Exception {
    URI missing = missingLocation();
    assertThat(store().exists(missing)).isFalse();
    assertThatThrownBy(() -> store().get(missing))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("nothing is stored at " + missing);
  }

  @Test
  void aMalformedLocationIsInvalidLocation() {
    for (URI bad : malformedLocations()) {
      assertThatThrownBy(() -> store().get(bad))
          .as(bad.toString())
          .isInstanceOf(InvalidLocationException.class);
      assertThatThrownBy(() -> store().put(bad, new ByteArrayInputStream(new byte[1])))
          .as(bad.toString())
          .isInstanceOf(InvalidLocationException.class);
    }
  }

  @Test
  void anUnreachableServiceIsStorageUnreachable() throws Exception {
    Optional<ObjectStore> unreachable = unreachableStore();
    assumeTrue(unreachable.isPresent(), "no service behind this back-end");
    try (ObjectStore s = unreachable.get()) {
      assertThatThrownBy(() -> s.get(missingLocation()))
          .isInstanceOf(StorageUnreachableException.class)
          .hasMessageContaining("did not answer");
      assertThatThrownBy(
              () ->
                  s.put(
                      freshLocation(uniqueName("nowhere")), new ByteArrayInputStream(new byte[1])))
          .isInstanceOf(StorageUnreachableException.class);
    }
  }

  @Test
  void anAnswerCutShortIsTruncatedNotAShorterObject() throws Exception {
    byte[] data = TestData.bytes(9, 200_000);
    URI at = store().put(freshLocation(uniqueName("cut")), new ByteArrayInputStream(data));
    Optional<ObjectStore> cutting = storeCuttingAnswersAfter(50_000);
    assumeTrue(cutting.isPresent(), "no connection behind this back-end");
    try (ObjectStore s = cutting.get()) {
      assertThatThrownBy(
              () -> {
                try (InputStream in = s.get(at)) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(TruncatedObjectException.class)
          .hasMessageContaining("fetch it again");
    }
  }
}
