package dev.nkms.cli.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OutputFile on real files: modes, refusals, the temporary file's life, stdout and devices. */
class OutputFileTest {
  @TempDir Path dir;

  @Test
  void aSecretIs0600FromTheTemporaryFileOnAndAppearsOnlyWhenCommitted() throws Exception {
    Path target = dir.resolve("plain.txt");
    try (OutputFile f = OutputFile.create(target, OutputFile.Kind.SECRET, false)) {
      f.stream().write("secret".getBytes(StandardCharsets.UTF_8));
      f.stream().flush();
      Path temp = only(dir);
      assertThat(temp.getFileName().toString()).startsWith(".plain.txt.").endsWith(".tmp");
      assertThat(mode(temp)).isEqualTo("rw-------");
      assertThat(TempFiles.isLive(temp)).as("deleted at shutdown until moved").isTrue();
      assertThat(target).doesNotExist();
      f.commit();
      assertThat(TempFiles.isLive(temp)).isFalse();
    }
    assertThat(list(dir)).containsExactly(target);
    assertThat(Files.readString(target)).isEqualTo("secret");
    assertThat(mode(target)).isEqualTo("rw-------");
  }

  @Test
  void aPublicFileIs0644OnceWhole() throws Exception {
    Path card = dir.resolve("bob.card");
    OutputFile.write(card, OutputFile.Kind.PUBLIC, false, "card".getBytes(StandardCharsets.UTF_8));
    assertThat(mode(card)).isEqualTo("rw-r--r--");
    assertThat(list(dir)).containsExactly(card);
  }

  @Test
  void withoutCommitNothingIsLeftAndTheTargetIsUntouched() throws Exception {
    Path target = Files.writeString(dir.resolve("out"), "old");
    Path temp;
    try (OutputFile f = OutputFile.create(target, OutputFile.Kind.SECRET, true)) {
      f.stream().write(new byte[200_000]);
      temp = only(dir.resolve("."), p -> p.getFileName().toString().endsWith(".tmp"));
    }
    assertThat(temp).doesNotExist();
    assertThat(TempFiles.isLive(temp)).isFalse();
    assertThat(list(dir)).containsExactly(target);
    assertThat(Files.readString(target)).isEqualTo("old");
  }

  @Test
  void anExistingTargetNeedsForceAndAnInputIsNeverATarget() throws Exception {
    Path target = Files.writeString(dir.resolve("out"), "old");
    assertThatThrownBy(() -> OutputFile.create(target, OutputFile.Kind.SECRET, false))
        .isInstanceOf(UserError.class)
        .hasMessage(target + " exists; pass --force to replace it")
        .extracting(e -> ((UserError) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
    Path in = Files.writeString(dir.resolve("in"), "input");
    Path alias = dir.resolve("sub").resolve("..").resolve("in");
    Files.createDirectories(dir.resolve("sub"));
    assertThatThrownBy(() -> OutputFile.create(alias, OutputFile.Kind.SECRET, true, in))
        .hasMessage(alias + " is also an input of this command; write the output to another file");
    Path hardLink = Files.createLink(dir.resolve("hard"), in);
    assertThatThrownBy(() -> OutputFile.create(hardLink, OutputFile.Kind.SECRET, true, in))
        .hasMessageContaining("is also an input");
    OutputFile.write(
        target, OutputFile.Kind.SECRET, true, "new".getBytes(StandardCharsets.UTF_8), in);
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(Files.readString(in)).isEqualTo("input");
  }

  @Test
  void dashIsStdoutAndADeviceIsWrittenStraightInto() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    try (AutoCloseable io = Stdio.use(new java.io.ByteArrayInputStream(new byte[0]), stdout);
        OutputFile f = OutputFile.create(Path.of("-"), OutputFile.Kind.SECRET, false)) {
      f.stream().write("to stdout".getBytes(StandardCharsets.UTF_8));
      f.commit();
    }
    assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("to stdout");
    OutputFile.write(Path.of("/dev/null"), OutputFile.Kind.SECRET, false, new byte[10]);
    assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
  }

  @Test
  void aRecordGetsItsDirectoriesAndIsReplaced() throws Exception {
    Path record = dir.resolve("store").resolve("a.policy");
    OutputFile.writeRecord(record, OutputFile.Kind.PUBLIC, new byte[] {1});
    OutputFile.writeRecord(record, OutputFile.Kind.PUBLIC, new byte[] {2});
    assertThat(Files.readAllBytes(record)).containsExactly(2);
    assertThat(list(record.getParent())).containsExactly(record);
  }

  @Test
  void aMissingDirectoryOrADirectoryTargetIsAUsageError() {
    assertThatThrownBy(
            () -> OutputFile.create(dir.resolve("no").resolve("x"), OutputFile.Kind.SECRET, false))
        .hasMessage(
            "cannot write "
                + dir.resolve("no").resolve("x")
                + ": directory "
                + dir.resolve("no")
                + " does not exist");
    assertThatThrownBy(() -> OutputFile.create(dir, OutputFile.Kind.SECRET, true))
        .hasMessage(dir + " is a directory; give the name of a file to write");
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static Path only(Path d) throws IOException {
    return only(d, p -> true);
  }

  private static Path only(Path d, java.util.function.Predicate<Path> which) throws IOException {
    List<Path> files = list(d).stream().filter(which).toList();
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }
}
