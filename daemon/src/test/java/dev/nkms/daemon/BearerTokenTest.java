package dev.nkms.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.RandomSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {
  @TempDir Path dir;

  @Test
  void theTokenFileIsOwnerOnlyAndHoldsWhatIsAccepted() throws Exception {
    BearerToken token = BearerToken.random(RandomSource.secure());
    Path file = dir.resolve("state/daemon.token");
    token.writeTo(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String written = Files.readString(file);
    assertThat(written).matches("[0-9a-f]{64}");
    assertThat(token.accepts("Bearer " + written)).isTrue();
    assertThat(token.accepts("bearer " + written)).isTrue();
    assertThat(token.toString()).doesNotContain(written);
    try (var names = Files.list(file.getParent())) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("daemon.token");
    }
  }

  @Test
  void anythingElseIsRefused() {
    BearerToken token = BearerToken.random(RandomSource.secure());
    String good = token.reveal();
    assertThat(token.accepts(null)).isFalse();
    assertThat(token.accepts(good)).isFalse();
    assertThat(token.accepts("Basic " + good)).isFalse();
    assertThat(token.accepts("Bearer " + good.substring(1))).isFalse();
    assertThat(token.accepts("Bearer " + good + "0")).isFalse();
    assertThat(token.accepts("Bearer " + BearerToken.random(RandomSource.secure()).reveal()))
        .isFalse();
  }

  @Test
  void aNewStartReplacesTheOldToken() throws Exception {
    Path file = dir.resolve("daemon.token");
    BearerToken first = BearerToken.random(RandomSource.secure());
    first.writeTo(file);
    BearerToken second = BearerToken.random(RandomSource.secure());
    second.writeTo(file);
    assertThat(second.accepts("Bearer " + Files.readString(file))).isTrue();
    assertThat(first.accepts("Bearer " + Files.readString(file))).isFalse();
  }
}
