package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.cli.CliRunner;
import dev.nkms.cli.ExitCode;
import dev.nkms.crypto.RandomSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, bug 4: output files a user can trust. Against three real node processes: plaintext is
 * 0600, an interrupted {@code bob retrieve} (a separate JVM, sent SIGTERM) leaves nothing behind,
 * {@code --out} is not silently replaced, {@code --in} = {@code --out} is refused, and {@code -} is
 * stdin/stdout.
 *
 * <p>Why this file is long: one case per way an output file can go wrong (exists, partial,
 * permissions, stdout), against one shared network.
 */
class OutputFilesEndToEndTest {
  private static final String PASSPHRASE = "correct horse battery staple";
  private static final String LABEL = "files";

  @TempDir static Path dir;
  private static LocalNetwork network;
  private static Path pass;
  private static Path aliceKeys;
  private static Path bobKeys;
  private static Path map;
  private static String policyKey;

  @BeforeAll
  static void grant() throws Exception {
    network = TestNetworks.start(dir.resolve("network"), 3);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    pass = Files.writeString(keys.resolve("pass"), PASSPHRASE + "\n", StandardCharsets.UTF_8);
    aliceKeys = keys.resolve("alice.keys");
    bobKeys = keys.resolve("bob.keys");
    map = keys.resolve("bob.map");
    ok(
        CliRunner.run(
            "keys",
            "generate",
            "--out",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString()));
    ok(
        CliRunner.run(
            "keys", "generate", "--out", bobKeys.toString(), "--passphrase-file", pass.toString()));
    ok(
        CliRunner.run(
            "alice",
            "grant",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--bob",
            keys.resolve("bob.card").toString(),
            "--label",
            LABEL,
            "-m",
            "2",
            "-n",
            "3",
            "--expires",
            "30d",
            "--network",
            network.dir().toString(),
            "--store",
            keys.resolve("store").toString(),
            "--map-out",
            map.toString()));
    CliRunner key =
        CliRunner.run(
            "alice",
            "policy-key",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--label",
            LABEL);
    ok(key);
    policyKey = key.out.strip();
  }

  @AfterAll
  static void stop() throws IOException {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  /**
   * The bug as reported: SIGTERM in the middle of a retrieve left the partial plaintext behind,
   * 0644. Now the temporary file is 0600 while it exists and is gone after the signal, and no --out
   * appears.
   */
  @Test
  void sigtermDuringRetrieveLeavesNoPartialPlaintext(@TempDir Path work) throws Exception {
    byte[] plain = RandomSource.secure().nextBytes(4 << 20); // 64 chunks of 64 KiB
    byte[] sealed = seal(work, plain);
    Path outDir = Files.createDirectories(work.resolve("out"));
    Path out = outDir.resolve("plain.bin");

    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String backend = System.getProperty("nkms.backend");
    if (backend != null) {
      cmd.add("-Dnkms.backend=" + backend);
    }
    cmd.addAll(
        List.of(
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.nkms.cli.Main",
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            network.dir().toString(),
            "--in",
            "-",
            "--out",
            out.toString(),
            "--evidence-dir",
            work.resolve("evidence").toString()));
    Path log = work.resolve("retrieve.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      OutputStream stdin = p.getOutputStream();
      stdin.write(
          sealed, 0, sealed.length / 2); // half of it; the pipe stays open, as with a slow download
      stdin.flush();

      // Poll (not sleep) until the retrieval got its cfrags and is writing plaintext into its
      // temporary file.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      Optional<Path> temp = Optional.empty();
      while (Instant.now().isBefore(deadline) && p.isAlive()) {
        temp = tempFiles(outDir).stream().findFirst();
        if (temp.isPresent() && sizeOf(temp.get()) > 0) {
          break;
        }
        p.waitFor(50, TimeUnit.MILLISECONDS);
      }
      assertThat(p.isAlive()).as("retrieve still running; log:\n%s", read(log)).isTrue();
      assertThat(temp)
          .as("temporary plaintext file in %s; log:\n%s", outDir, read(log))
          .isPresent();
      assertThat(sizeOf(temp.get())).as("plaintext written so far").isPositive();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.get())))
          .isEqualTo("rw-------");
      assertThat(out).doesNotExist();

      // SIGTERM. Through the handle: Process.destroy() would also close our end of stdin, and the
      // end of input
      // alone makes the retrieve fail (and clean up) — a race that would hide a missing shutdown
      // hook.
      assertThat(p.toHandle().destroy()).isTrue();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("retrieve exits on SIGTERM").isTrue();
      assertThat(p.exitValue())
          .as("killed by SIGTERM (128 + 15); log:\n%s", read(log))
          .isEqualTo(143);
      assertThat(list(outDir)).as("nothing left after SIGTERM; log:\n%s", read(log)).isEmpty();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void retrievedPlaintextIs0600AndAnExistingOutIsReplacedOnlyWithForce(@TempDir Path work)
      throws Exception {
    byte[] plain = RandomSource.secure().nextBytes(100_000);
    Path sealed = Files.write(work.resolve("plain.nkms"), seal(work, plain));
    Path out = work.resolve("plain.bin");

    ok(retrieve(sealed.toString(), out.toString()));
    assertThat(Files.readAllBytes(out)).isEqualTo(plain);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");

    Files.writeString(out, "precious", StandardCharsets.UTF_8);
    CliRunner refused = retrieve(sealed.toString(), out.toString());
    assertThat(refused.exitCode).as(refused.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(refused.err).isEqualTo("nkms: " + out + " exists; pass --force to replace it\n");
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("precious");

    ok(retrieve(sealed.toString(), out.toString(), "--force"));
    assertThat(Files.readAllBytes(out)).isEqualTo(plain);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
    assertThat(tempFiles(work)).isEmpty();
  }

  @Test
  void theInputAsOutputIsRefusedEvenWithForceAndNothingIsTouched(@TempDir Path work)
      throws Exception {
    byte[] plain = RandomSource.secure().nextBytes(10_000);
    byte[] sealedBytes = seal(work, plain);
    Path sealed = Files.write(work.resolve("plain.nkms"), sealedBytes);
    Path link = Files.createSymbolicLink(work.resolve("link.nkms"), sealed);
    for (String same :
        List.of(
            sealed.toString(),
            work.resolve(".").resolve("plain.nkms").toString(),
            link.toString())) {
      CliRunner r = retrieve(sealed.toString(), same, "--force");
      assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err)
          .as(r.toString())
          .isEqualTo(
              "nkms: "
                  + same
                  + " is also an input of this command; write the"
                  + " output to another file\n");
      assertThat(Files.readAllBytes(sealed)).isEqualTo(sealedBytes);
    }
    Path plainFile = Files.write(work.resolve("p.txt"), plain);
    CliRunner enc =
        CliRunner.run(
            "enrico",
            "encrypt",
            "--policy-key",
            policyKey,
            "--in",
            plainFile.toString(),
            "--out",
            plainFile.toString(),
            "--force");
    assertThat(enc.exitCode).as(enc.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(enc.err).contains("is also an input");
    assertThat(Files.readAllBytes(plainFile)).isEqualTo(plain);
    CliRunner dec =
        CliRunner.run(
            "alice",
            "decrypt",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--label",
            LABEL,
            "--in",
            sealed.toString(),
            "--out",
            sealed.toString(),
            "--force");
    assertThat(dec.exitCode).as(dec.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(Files.readAllBytes(sealed)).isEqualTo(sealedBytes);
    // the keystore is an input too: a retrieve must not write over it
    CliRunner overKeys = retrieve(sealed.toString(), bobKeys.toString(), "--force");
    assertThat(overKeys.exitCode).as(overKeys.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(overKeys.err).contains("is also an input");
    assertThat(tempFiles(work)).isEmpty();
  }

  @Test
  void dashIsStdinAndStdout(@TempDir Path work) throws Exception {
    byte[] plain = RandomSource.secure().nextBytes(150_000);

    CliRunner enc =
        CliRunner.run(
            plain, "enrico", "encrypt", "--policy-key", policyKey, "--in", "-", "--out", "-");
    ok(enc);
    byte[] sealed = enc.stdout;
    assertThat(sealed.length).isGreaterThan(plain.length);
    // the stdin spool (in the working directory, as the output is stdout) is gone
    assertThat(list(Path.of("").toAbsolutePath()))
        .noneMatch(f -> f.getFileName().toString().startsWith(".nkms-stdin"));

    CliRunner ret =
        CliRunner.run(
            sealed,
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            network.dir().toString(),
            "--in",
            "-",
            "--out",
            "-",
            "--evidence-dir",
            work.resolve("evidence").toString());
    ok(ret);
    assertThat(ret.stdout).isEqualTo(plain);
    assertThat(ret.out).as("results go to stderr when stdout carries the data").isEmpty();

    CliRunner dec =
        CliRunner.run(
            sealed,
            "alice",
            "decrypt",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--label",
            LABEL,
            "--in",
            "-",
            "--out",
            "-");
    ok(dec);
    assertThat(dec.stdout).isEqualTo(plain);

    // and a file in, stdout out / stdin in, file out
    Path sealedFile = Files.write(work.resolve("s.nkms"), sealed);
    CliRunner toStdout = retrieve(sealedFile.toString(), "-");
    ok(toStdout);
    assertThat(toStdout.stdout).isEqualTo(plain);
    Path out = work.resolve("from-stdin.bin");
    CliRunner fromStdin =
        CliRunner.run(
            sealed,
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            network.dir().toString(),
            "--in",
            "-",
            "--out",
            out.toString(),
            "--evidence-dir",
            work.resolve("evidence").toString(),
            "--json");
    ok(fromStdin);
    assertThat(Files.readAllBytes(out)).isEqualTo(plain);
    assertThat(fromStdin.out.strip())
        .isEqualTo("{\"out\":\"" + out + "\",\"bytes\":" + plain.length + "}");
  }

  @Test
  void keysGenerateRefusesToOverwriteAKeystoreOrACard(@TempDir Path work) throws Exception {
    Path keys = work.resolve("carol.keys");
    Path card = work.resolve("carol.card");
    CliRunner first =
        CliRunner.run(
            "keys",
            "generate",
            "--out",
            keys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--json");
    ok(first);
    assertThat(first.out)
        .contains("\"card\":\"" + card + "\"")
        .contains("\"bob_encrypting_key\":\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(card)))
        .isEqualTo("rw-r--r--");
    byte[] keystore = Files.readAllBytes(keys);
    byte[] cardBytes = Files.readAllBytes(card);

    CliRunner again =
        CliRunner.run(
            "keys", "generate", "--out", keys.toString(), "--passphrase-file", pass.toString());
    assertThat(again.exitCode).as(again.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(again.err).isEqualTo("nkms: " + keys + " exists; pass --force to replace it\n");
    assertThat(Files.readAllBytes(keys)).isEqualTo(keystore);

    // The card alone existing is refused too, and the keystore is then not created (no keystore
    // without its card).
    Files.delete(keys);
    CliRunner cardOnly =
        CliRunner.run(
            "keys", "generate", "--out", keys.toString(), "--passphrase-file", pass.toString());
    assertThat(cardOnly.exitCode).as(cardOnly.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(cardOnly.err).isEqualTo("nkms: " + card + " exists; pass --force to replace it\n");
    assertThat(keys).doesNotExist();
    assertThat(Files.readAllBytes(card)).isEqualTo(cardBytes);

    ok(
        CliRunner.run(
            "keys",
            "generate",
            "--out",
            keys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--force"));
    assertThat(Files.readAllBytes(card)).isNotEqualTo(cardBytes);
    assertThat(tempFiles(work)).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  private static byte[] seal(Path work, byte[] plain) throws IOException {
    CliRunner r =
        CliRunner.run(
            plain, "enrico", "encrypt", "--policy-key", policyKey, "--in", "-", "--out", "-");
    ok(r);
    return r.stdout;
  }

  private static CliRunner retrieve(String in, String out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bob",
                "retrieve",
                "--keys",
                bobKeys.toString(),
                "--passphrase-file",
                pass.toString(),
                "--map",
                map.toString(),
                "--network",
                network.dir().toString(),
                "--in",
                in,
                "--out",
                out,
                "--evidence-dir",
                dir.resolve("evidence").toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  private static void ok(CliRunner r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).as(r.toString()).doesNotContain("nkms: ");
  }

  /** The temporary files OutputFile leaves while writing: hidden, ending in .tmp. */
  private static List<Path> tempFiles(Path d) throws IOException {
    return list(d).stream()
        .filter(
            f ->
                f.getFileName().toString().startsWith(".")
                    && f.getFileName().toString().endsWith(".tmp"))
        .toList();
  }

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }

  private static long sizeOf(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
