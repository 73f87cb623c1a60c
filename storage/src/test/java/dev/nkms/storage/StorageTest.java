package dev.nkms.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {
  @TempDir Path dir;

  @Test
  void theBackEndsOnTheClassPathAreFoundByScheme() throws Exception {
    try (Storage storage = Storage.load(StorageSettings.none())) {
      assertThat(storage.schemes()).contains("file", "s3");
      URI at =
          storage.put(
              dir.resolve("a.sealed").toUri(), new ByteArrayInputStream(new byte[] {1, 2, 3}));
      try (InputStream in = storage.get(at)) {
        assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
      }
    }
  }

  @Test
  void anUnknownSchemeSaysWhichAreServed() {
    try (Storage storage = Storage.load(StorageSettings.none())) {
      assertThatThrownBy(() -> storage.get(URI.create("swarm://abc")))
          .isInstanceOf(UnknownSchemeException.class)
          .hasMessageStartingWith("no storage back-end for swarm: locations; this build serves ")
          .hasMessageContaining("file:");
      assertThatThrownBy(() -> storage.get(URI.create("just-a-name")))
          .isInstanceOf(InvalidLocationException.class)
          .hasMessageContaining("has no scheme");
    }
  }

  @Test
  void aBadSettingIsInvalidSettingsWhenItsBackEndOpens() {
    StorageSettings bad = StorageSettings.of(java.util.Map.of("s3.part_size", "1000"));
    try (Storage storage = Storage.load(bad)) {
      assertThatThrownBy(() -> storage.exists(URI.create("s3://bucket/key")))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessageContaining("s3.part_size must be at least 5 MiB");
    }
  }

  @Test
  void twoBackEndsForOneSchemeAreRefused() {
    ObjectStoreProvider a = new dev.nkms.storage.file.FileStoreProvider();
    ObjectStoreProvider b = new dev.nkms.storage.file.FileStoreProvider();
    assertThatThrownBy(() -> Storage.of(StorageSettings.none(), java.util.List.of(a, b)))
        .hasMessageContaining("two storage back-ends serve the scheme file:");
  }

  @Test
  void settingsAreCheckedWhenRead() {
    StorageSettings s =
        StorageSettings.of(java.util.Map.of("s3.part_size", "-3", "s3.path_style", "yes"));
    assertThatThrownBy(() -> s.positiveLong("s3.part_size", 1))
        .hasMessageContaining("positive whole number");
    assertThatThrownBy(() -> s.bool("s3.path_style", false)).hasMessageContaining("true or false");
    assertThat(s.positiveLong("absent", 7)).isEqualTo(7);
  }
}
