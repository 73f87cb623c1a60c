package dev.nkms.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.client.NkmsException;
import dev.nkms.client.StoredObject;
import dev.nkms.client.internal.AtomicFiles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectIndexTest {
  private static final Instant T = Instant.parse("2026-03-01T10:15:30.123Z");

  @TempDir Path dir;

  private ObjectIndex index() {
    return new ObjectIndex(dir.resolve("objects"), Clock.fixed(T, ZoneOffset.UTC));
  }

  @Test
  void anEntryIsRecordedFoundListedAndRemovedUnderItsNormalizedLocation() throws Exception {
    ObjectIndex index = index();
    StoredObject b = index.record(URI.create("s3://b/photos/b.jpg"), "s3://b/photos/", 12);
    StoredObject a = index.record(URI.create("file:///x/./y/a.txt"), "notes", 0);
    assertThat(a).isEqualTo(new StoredObject(URI.create("file:/x/y/a.txt"), "notes", 0, T));
    assertThat(index.find(URI.create("file:/x/y/a.txt"))).contains(a);
    assertThat(index.find(URI.create("file://localhost/x/y/a.txt"))).contains(a);
    assertThat(index.list().objects()).containsExactly(a, b); // by location: file: < s3:
    assertThat(index.list().damaged()).isEmpty();

    Path file = index.fileOf(URI.create("s3://b/photos/b.jpg"));
    assertThat(file.getFileName().toString()).matches("[0-9a-f]{64}\\.object");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    StoredObject again = index.record(URI.create("s3://b/photos/b.jpg"), "other", 99);
    assertThat(index.find(URI.create("s3://b/photos/b.jpg"))).contains(again);
    assertThat(index.list().objects()).hasSize(2);

    assertThat(index.remove(URI.create("s3://b/photos/b.jpg"))).isTrue();
    assertThat(index.remove(URI.create("s3://b/photos/b.jpg"))).isFalse();
    assertThat(index.find(URI.create("s3://b/photos/b.jpg"))).isEmpty();
    assertThat(index.list().objects()).containsExactly(a);
  }

  @Test
  void aMissingDirectoryIsAnEmptyIndex() throws Exception {
    assertThat(index().list().objects()).isEmpty();
    assertThat(index().find(URI.create("s3://b/k"))).isEmpty();
  }

  @Test
  void aTemporaryFileLeftByACrashIsNotAnEntry() throws Exception {
    ObjectIndex index = index();
    URI kept = URI.create("s3://b/kept");
    StoredObject entry = index.record(kept, "l", 1);
    // A crash between writing the temporary file and the rename leaves it behind, whole or cut.
    URI cut = URI.create("s3://b/cut");
    Path tmp = AtomicFiles.temporaryOf(index.fileOf(cut));
    Files.writeString(tmp, "{\"location\":\"s3://b/cut\",\"la");
    Files.copy(index.fileOf(kept), AtomicFiles.temporaryOf(index.fileOf(kept)));

    assertThat(index.list().objects()).containsExactly(entry);
    assertThat(index.list().damaged()).isEmpty();
    assertThat(index.find(cut)).isEmpty();
    // The next write of either location replaces its leftover.
    index.record(cut, "l", 2);
    assertThat(index.find(cut)).map(StoredObject::size).contains(2L);
    assertThat(Files.exists(tmp)).isFalse();
  }

  @Test
  void aDamagedEntryIsSkippedAndReportedNeverTakenForAnObject() throws Exception {
    ObjectIndex index = index();
    StoredObject good = index.record(URI.create("s3://b/good"), "l", 1);
    String[] damaged = {
      "{\"location\":\"s3://b/x\",\"label\":\"l\",\"size\":1", // cut short
      "{\"location\":\"s3://b/x\",\"label\":\"l\",\"size\":1,\"written\":\"2026-03-01T10:15:30Z\","
          + "\"extra\":1}",
      "{\"location\":\"s3://b/x\",\"label\":\"l\",\"size\":-1,\"written\":\"2026-03-01T10:15:30Z\"}",
      "{\"location\":\"s3://b/x\",\"label\":\"l\",\"size\":\"1\",\"written\":\"2026-03-01T10:15:30Z\"}",
      "{\"location\":\"s3://b/x\",\"label\":\"\",\"size\":1,\"written\":\"2026-03-01T10:15:30Z\"}",
      "{\"location\":\"s3://b/x\",\"label\":\"l\",\"size\":1,\"written\":\"yesterday\"}",
      "{\"location\":\"s3://b/./x\",\"label\":\"l\",\"size\":1,\"written\":\"2026-03-01T10:15:30Z\"}",
      "{\"location\":\"s3://b/x\",\"location\":\"s3://b/x\",\"label\":\"l\",\"size\":1,"
          + "\"written\":\"2026-03-01T10:15:30Z\"}",
      "[1,2,3]",
    };
    for (int i = 0; i < damaged.length; i++) {
      URI at = URI.create("s3://b/x");
      Files.writeString(index.fileOf(at), damaged[i], StandardCharsets.UTF_8);
      ObjectIndex.Listing listing = index.list();
      assertThat(listing.objects()).as(damaged[i]).containsExactly(good);
      assertThat(listing.damaged()).as(damaged[i]).containsOnlyKeys(index.fileOf(at));
      assertThatThrownBy(() -> index.find(at))
          .as(damaged[i])
          .isInstanceOf(ObjectIndex.DamagedEntry.class)
          .hasMessageContaining("is damaged");
    }
    // A valid entry under another location's file name is damaged too (a copied file).
    Files.copy(
        index.fileOf(URI.create("s3://b/good")),
        index.fileOf(URI.create("s3://b/x")),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(index.list().objects()).containsExactly(good);
    assertThat(index.list().damaged().values())
        .singleElement()
        .asString()
        .contains("names s3://b/good");
  }

  @ParameterizedTest
  @CsvSource({
    "s3://b/photos/2024/a.jpg, s3://b/photos/2024/",
    "file:/x/y/z.txt, file:/x/y/",
    "file:///x/y/z.txt, file:/x/y/",
    "file://localhost/x/y/z.txt, file:/x/y/",
    "file:/x/y/../w/z.txt, file:/x/w/",
    "S3://b/a.jpg, s3://b/",
    "s3://b/photos/, s3://b/photos/",
    "file:/z.txt, file:/",
    "s3://b/with%20space/a, s3://b/with%20space/",
  })
  void theFolderLabelIsTheLocationWithoutItsLastSegment(String where, String label) {
    assertThat(ObjectIndex.folderLabel(URI.create(where))).isEqualTo(label);
  }

  @ParameterizedTest
  @CsvSource({
    "ipfs:/, the CID is known only after storing",
    "ipfs://bafyabc, the CID is known only after storing",
    "s3://b, has no folder path",
    "s3://b/k?x=1, has no folder path",
    "mailto:a@b, has no folder path",
    "relative/path, is not an absolute location",
  })
  void aLocationWithNoFolderNeedsAnExplicitLabel(String where, String message) {
    assertThatThrownBy(() -> ObjectIndex.folderLabel(URI.create(where)))
        .isInstanceOfSatisfying(
            NkmsException.class,
            e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT))
        .hasMessageContaining(message)
        .hasMessageNotContaining("\n");
  }
}
