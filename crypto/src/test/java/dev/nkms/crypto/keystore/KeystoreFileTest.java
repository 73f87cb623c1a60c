package dev.nkms.crypto.keystore;

import static dev.nkms.crypto.keystore.KeystoreFixtures.fixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeystoreFileTest {
  private static final byte[] CONTENTS = "some keystore text\n".getBytes(StandardCharsets.US_ASCII);
  private static final long MAX = 1024;

  @TempDir Path dir;

  private Path written() throws KeystoreException {
    Path file = dir.resolve("node.keystore");
    KeystoreFile.write(file, CONTENTS);
    return file;
  }

  private String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private String listing() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(" "));
    }
  }

  @Test
  void createdOwnerOnlyAndReplacedAtomicallyWithoutLeftovers() throws Exception {
    Path file = written();
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(KeystoreFile.read(file, MAX)).isEqualTo(CONTENTS);
    byte[] other = "other\n".getBytes(StandardCharsets.US_ASCII);
    KeystoreFile.write(file, other);
    assertThat(KeystoreFile.read(file, MAX)).isEqualTo(other);
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(listing()).isEqualTo("node.keystore");
  }

  @Test
  void replacingAWiderFileLeavesItOwnerOnly() throws Exception {
    Path file = dir.resolve("node.keystore");
    Files.write(file, CONTENTS);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    KeystoreFile.write(file, CONTENTS);
    assertThat(mode(file)).isEqualTo("rw-------");
  }

  @Test
  void aRelativePathIsWrittenWhereItPoints() throws Exception {
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.keystore"));
    KeystoreFile.write(relative, CONTENTS);
    assertThat(Files.readAllBytes(dir.resolve("rel.keystore"))).isEqualTo(CONTENTS);
  }

  @Test
  void writingIntoAMissingDirectoryFailsClearly() {
    Path file = dir.resolve("missing").resolve("node.keystore");
    assertThatThrownBy(() -> KeystoreFile.write(file, CONTENTS))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aTemporaryFileThatIsNotOursIsNeitherOverwrittenNorDeleted() throws Exception {
    Path file = dir.resolve("node.keystore");
    Path foreign = dir.resolve(".node.keystore.tmp-0102030405060708");
    Files.writeString(foreign, "not ours");
    assertThatThrownBy(
            () -> KeystoreFile.write(file, CONTENTS, fixed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
        .isInstanceOf(KeystoreException.class)
        .hasMessage(
            "cannot write keystore " + file + ": temporary file " + foreign + " already exists");
    assertThat(Files.readString(foreign)).isEqualTo("not ours");
    assertThat(file).doesNotExist();
  }

  @Test
  void aFailedRenameLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("a-directory");
    Files.createDirectory(file);
    Files.writeString(
        file.resolve("inside"), "x"); // a non-empty directory cannot be replaced by a file
    assertThatThrownBy(() -> KeystoreFile.write(file, CONTENTS))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("cannot write keystore " + file);
    assertThat(listing()).isEqualTo("a-directory");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw----rw-", "rw-----w-", "---r-----"})
  void refusesAFileThatGroupOrOthersMayAccess(String mode) throws Exception {
    Path file = written();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    assertThatThrownBy(() -> KeystoreFile.read(file, MAX))
        .isInstanceOf(KeystoreException.class)
        .hasMessage(
            "keystore "
                + file
                + " is accessible by group or others (mode "
                + mode
                + "); refusing to use it. Restrict it with: chmod 600 "
                + file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"r--------", "rwx------"})
  void acceptsOwnerOnlyModes(String mode) throws Exception {
    Path file = written();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    assertThat(KeystoreFile.read(file, MAX)).isEqualTo(CONTENTS);
  }

  @Test
  void aFileNobodyMayAccessIsATypedFailureOrReadable() throws Exception {
    // Mode 000 once escaped as an IllegalArgumentException (EnumSet.copyOf of an empty set). Root
    // may still read it.
    Path file = written();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    if (Files.isReadable(file)) {
      assertThat(KeystoreFile.read(file, MAX)).isEqualTo(CONTENTS);
    } else {
      assertThatThrownBy(() -> KeystoreFile.read(file, MAX))
          .isInstanceOf(KeystoreException.class)
          .hasMessage("cannot read keystore " + file + ": permission denied");
    }
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> KeystoreFile.read(dir.resolve("nope"), MAX))
        .isInstanceOf(KeystoreException.class)
        .hasMessage("no keystore at " + dir.resolve("nope"));
  }

  @Test
  void aDirectoryIsNotAKeystore() {
    assertThatThrownBy(() -> KeystoreFile.read(dir, MAX))
        .isInstanceOf(KeystoreException.class)
        .hasMessage("keystore " + dir + " is not a regular file");
  }

  @Test
  void refusesAFileLargerThanTheLimitBeforeReadingIt() throws Exception {
    Path file = written();
    assertThat(KeystoreFile.read(file, CONTENTS.length)).isEqualTo(CONTENTS);
    assertThatThrownBy(() -> KeystoreFile.read(file, CONTENTS.length - 1))
        .isInstanceOf(KeystoreException.class)
        .hasMessage(
            "keystore "
                + file
                + " is too large ("
                + CONTENTS.length
                + " bytes, at most "
                + (CONTENTS.length - 1)
                + ")");
  }
}
