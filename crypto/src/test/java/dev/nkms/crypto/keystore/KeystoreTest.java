package dev.nkms.crypto.keystore;

import static dev.nkms.crypto.keystore.KeystoreFixtures.DEFAULT_FILE;
import static dev.nkms.crypto.keystore.KeystoreFixtures.DEFAULT_FILE_PASS;
import static dev.nkms.crypto.keystore.KeystoreFixtures.FAST;
import static dev.nkms.crypto.keystore.KeystoreFixtures.N16;
import static dev.nkms.crypto.keystore.KeystoreFixtures.PASS;
import static dev.nkms.crypto.keystore.KeystoreFixtures.committed;
import static dev.nkms.crypto.keystore.KeystoreFixtures.committedSecrets;
import static dev.nkms.crypto.keystore.KeystoreFixtures.secrets;
import static dev.nkms.crypto.keystore.KeystoreFixtures.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade end to end: secrets in, a file on disk, secrets out. Each part has its own test class.
 */
class KeystoreTest {
  @TempDir Path dir;

  private Path written() throws KeystoreException {
    Path file = dir.resolve("node.keystore");
    Keystore.write(file, PASS, secrets(), FAST);
    return file;
  }

  private static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  @Test
  void roundTripsNamedSecrets() throws Exception {
    Path file = written();
    Map<String, byte[]> read = Keystore.read(file, PASS);
    assertThat(read.keySet()).containsExactly("encrypting.key_2", "signing-key", "tls");
    secrets().forEach((name, value) -> assertThat(read.get(name)).as(name).isEqualTo(value));
    assertThat(Keystore.params(file)).isEqualTo(FAST);
  }

  @Test
  void roundTripsAnEmptyKeystoreAndANonAsciiPassphrase() throws Exception {
    Path file = dir.resolve("empty.keystore");
    char[] pass = "pässwörd \uD83D\uDD11".toCharArray();
    Keystore.write(file, pass, Map.of(), FAST);
    assertThat(Keystore.read(file, pass)).isEmpty();
    assertThatThrownBy(() -> Keystore.read(file, "passwörd \uD83D\uDD11".toCharArray()))
        .isInstanceOf(KeystoreException.class);
  }

  @Test
  void writesWithTheDefaultParametersUnlessToldOtherwise() throws Exception {
    Path file = dir.resolve("default.keystore");
    Keystore.write(file, PASS, Map.of("a", new byte[] {1}));
    assertThat(text(file)).contains("\nn=32768\nr=8\np=1\n");
    assertThat(Keystore.params(file)).isEqualTo(ScryptParams.DEFAULT);
    assertThat(Keystore.read(file, PASS).get("a")).containsExactly(1);
  }

  @Test
  void opensTheCommittedVersionOneFiles() throws Exception {
    Map<String, byte[]> n16 = Keystore.read(committed(dir, N16), PASS);
    assertThat(n16.keySet()).containsExactly("alice", "bob", "tls");
    committedSecrets()
        .forEach((name, value) -> assertThat(n16.get(name)).as(name).isEqualTo(value));
    Path byDefault = committed(dir, DEFAULT_FILE);
    assertThat(Keystore.params(byDefault)).isEqualTo(ScryptParams.DEFAULT);
    Map<String, byte[]> federation = Keystore.read(byDefault, DEFAULT_FILE_PASS);
    assertThat(federation.keySet()).containsExactly("federation");
    assertThat(federation.get("federation")).isEqualTo(sequence(32, 0x40));
  }

  @Test
  void fileHasTheDocumentedLayoutOwnerOnlyAndNoPlaintext() throws Exception {
    Path file = written();
    String t = text(file);
    assertThat(t)
        .matches(
            "nkms-keystore v1\n"
                + "kdf=scrypt\nn=16\nr=8\np=1\n"
                + "salt=[0-9a-f]{32}\nnonce=[0-9a-f]{24}\n"
                + "ciphertext-bytes=[0-9]+\nciphertext=[0-9a-f]+\n");
    assertThat(t)
        .doesNotContain("1111111111111111")
        .doesNotContain("signing-key")
        .doesNotContain("00ff00ff");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void wrongPassphraseIsReportedWithoutLeakingAnything() throws Exception {
    Path file = written();
    assertThatThrownBy(() -> Keystore.read(file, "Correct horse battery staple".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessage("wrong passphrase or corrupted keystore " + file)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("orse").doesNotContain("1111"));
  }

  @Test
  void theFileChecksComeBeforeTheFormatAndTheFormatBeforeThePassphrase() throws Exception {
    Path file = written();
    Files.writeString(file, "hello world\n");
    assertThatThrownBy(() -> Keystore.read(file, "wrong".toCharArray()))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("not an nkms keystore");
    assertThatThrownBy(() -> Keystore.params(file))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("not an nkms keystore");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> Keystore.read(file, PASS))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("accessible by group or others");
    assertThatThrownBy(() -> Keystore.params(file))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("accessible by group or others");
    assertThatThrownBy(() -> Keystore.read(dir.resolve("nope"), PASS))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("no keystore at ");
  }

  @Test
  void randomByteChangesNeverOpenAndNeverEscapeAsUntypedErrors() throws Exception {
    Path file = written();
    byte[] full = Files.readAllBytes(file);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 300; i++) {
      byte[] mutated = full.clone();
      int at = random.nextInt(mutated.length);
      byte replacement = (byte) random.nextInt(256);
      if (replacement == mutated[at]) {
        continue;
      }
      mutated[at] = replacement;
      Files.write(file, mutated);
      assertThatThrownBy(() -> Keystore.read(file, PASS))
          .as("byte %d set to %d", at, replacement)
          .isInstanceOf(KeystoreException.class);
    }
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsWritten() {
    Path file = dir.resolve("k");
    assertThatThrownBy(() -> Keystore.write(file, PASS, Map.of("Upper", new byte[] {1}), FAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret name");
    assertThatThrownBy(() -> Keystore.write(file, PASS, Map.of("a", new byte[0]), FAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret 'a' must be 1 to");
    assertThatThrownBy(() -> Keystore.write(file, new char[0], secrets(), FAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("passphrase must not be empty");
    assertThat(file).doesNotExist();
    assertThat(Keystore.isValidName("a.b_c-9")).isTrue();
    assertThat(Keystore.isValidName("a/b")).isFalse();
  }

  @Test
  void theReturnedMapIsUnmodifiableAndItsToStringShowsNoSecret() throws Exception {
    Map<String, byte[]> read = Keystore.read(written(), PASS);
    assertThat(read.toString())
        .isEqualTo(
            "Secrets{encrypting.key_2=<4 bytes, redacted>, signing-key=<32 bytes, redacted>, "
                + "tls=<1 bytes, redacted>}");
    assertThatThrownBy(() -> read.put("x", new byte[1]))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> read.entrySet().iterator().next().setValue(new byte[1]))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theCallersPassphraseAndSecretsAreLeftIntact() throws Exception {
    char[] pass = PASS.clone();
    Map<String, byte[]> secrets = secrets();
    Keystore.write(dir.resolve("k"), pass, secrets, FAST);
    Keystore.read(dir.resolve("k"), pass);
    assertThat(pass).isEqualTo(PASS);
    secrets().forEach((name, value) -> assertThat(secrets.get(name)).as(name).isEqualTo(value));
  }
}
