package dev.nkms.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.store.ObjectIndex;
import dev.nkms.client.store.SealedObjects;
import dev.nkms.client.testing.World;
import dev.nkms.storage.Storage;
import dev.nkms.storage.StorageSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The storage verbs that need no node, on the real file back-end (sharing and deleting with
 * revocation run against a real network in the cli module's FacadeExampleTest).
 */
class ObjectVerbsTest {
  @TempDir Path dir;

  private ObjectVerbs verbs(World w, Path index) {
    return new ObjectVerbs(
        null, // share and revoke are not reached here
        w.alice,
        new PolicyBook(dir.resolve("policies")),
        new SealedObjects(Storage.load(StorageSettings.none())),
        new ObjectIndex(index, w.clock),
        URI.create("file:" + dir.resolve("default") + "/"),
        w.clock,
        w.random);
  }

  @ParameterizedTest
  @CsvSource({
    "medical, medical",
    "x-ray_2024.v1, x-ray_2024.v1",
    "s3://b/photos/, s3___b_photos_",
    "'a b/c', a_b_c",
    "., _.",
    ".., _..",
    "über, _ber",
  })
  void aLabelBecomesOneSafePathSegment(String label, String segment) {
    assertThat(ObjectVerbs.segment(label)).isEqualTo(segment);
  }

  @Test
  void aLongLabelIsCutToSixtyFourCharacters() {
    assertThat(ObjectVerbs.segment("a".repeat(500))).hasSize(64);
  }

  @Test
  void aWriteByLabelGoesUnderTheDefaultStoreAndIsReadBackWithTheIndexedLabel() throws Exception {
    World w = new World(1);
    ObjectVerbs verbs = verbs(w, dir.resolve("objects"));
    byte[] data = {1, 2, 3};
    URI at = verbs.write("medical/2024", new ByteArrayInputStream(data), data.length);
    assertThat(at.toString())
        .startsWith("file:" + dir.resolve("default") + "/medical_2024/")
        .matches(".*/[0-9a-f]{32}");
    URI other = verbs.write("medical/2024", new ByteArrayInputStream(data), data.length);
    assertThat(other).isNotEqualTo(at);
    assertThat(verbs.objects())
        .extracting(StoredObject::label, StoredObject::size)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("medical/2024", 3L));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    verbs.readOwn(at, out);
    assertThat(out.toByteArray()).isEqualTo(data);
  }

  @Test
  void whenOnlyTheRecordingFailsTheObjectStaysAndTheErrorSaysSo() throws Exception {
    World w = new World(1);
    Path notADirectory = Files.writeString(dir.resolve("objects"), "a file where the index goes");
    ObjectVerbs verbs = verbs(w, notADirectory);
    URI where = URI.create("file:" + dir.resolve("folder/a.txt"));
    assertThatThrownBy(() -> verbs.write(where, new ByteArrayInputStream(new byte[] {9}), 1))
        .isInstanceOfSatisfying(
            NkmsException.class, e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.FAILED))
        .hasMessageStartingWith("stored at ")
        .hasMessageContaining(
            dir.resolve("folder/a.txt")
                + " (it stays there), but recording it in the object index");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    verbs.readOwn(where, "file:" + dir.resolve("folder") + "/", out);
    assertThat(out.toByteArray()).containsExactly(9);
  }
}
