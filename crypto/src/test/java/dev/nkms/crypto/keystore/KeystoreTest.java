package dev.nkms.crypto.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeystoreTest {
  /** Cheap scrypt so the suite stays fast; the format and code path are the production ones. */
  private static final Keystore.ScryptParams FAST = Keystore.ScryptParams.of(16, 8, 1);
  private static final char[] PASS = "correct horse battery staple".toCharArray();

  @TempDir
  Path dir;

  private static Map<String, byte[]> secrets() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("signing-key", Hex.decode("1111111111111111111111111111111111111111111111111111111111111111"));
    m.put("encrypting.key_2", Hex.decode("00ff00ff"));
    m.put("tls", new byte[] {(byte) 0xab});
    return m;
  }

  private Path written() throws KeystoreException {
    Path file = dir.resolve("node.keystore");
    Keystore.write(file, PASS, secrets(), FAST);
    return file;
  }

  private static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  private static void overwrite(Path file, String contents) throws IOException {
    Files.writeString(file, contents, StandardCharsets.ISO_8859_1);
  }

  @Test
  void roundTripsNamedSecrets() throws Exception {
    Path file = written();
    Map<String, byte[]> read = Keystore.read(file, PASS);
    assertThat(read.keySet()).containsExactly("encrypting.key_2", "signing-key", "tls");
    secrets().forEach((name, value) -> assertThat(read.get(name)).as(name).isEqualTo(value));
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
  void defaultParametersAreTheDocumentedOnes() throws Exception {
    assertThat(Keystore.ScryptParams.DEFAULT.n()).isEqualTo(1 << 15);
    assertThat(Keystore.ScryptParams.DEFAULT.r()).isEqualTo(8);
    assertThat(Keystore.ScryptParams.DEFAULT.p()).isEqualTo(1);
    Path file = dir.resolve("default.keystore");
    Keystore.write(file, PASS, Map.of("a", new byte[] {1}));
    assertThat(text(file)).contains("\nn=32768\nr=8\np=1\n");
    assertThat(Keystore.params(file)).isEqualTo(Keystore.ScryptParams.DEFAULT);
    assertThat(Keystore.read(file, PASS).get("a")).containsExactly(1);
  }

  @Test
  void fileHasTheDocumentedLayoutAndNoPlaintext() throws Exception {
    String t = text(written());
    assertThat(t).matches("nkms-keystore v1\n"
        + "kdf=scrypt\nn=16\nr=8\np=1\n"
        + "salt=[0-9a-f]{32}\nnonce=[0-9a-f]{24}\n"
        + "ciphertext-bytes=[0-9]+\nciphertext=[0-9a-f]+\n");
    assertThat(t).doesNotContain("1111111111111111").doesNotContain("signing-key").doesNotContain("00ff00ff");
  }

  @Test
  void freshSaltAndNonceEveryWrite() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Keystore.write(a, PASS, secrets(), FAST);
    Keystore.write(b, PASS, secrets(), FAST);
    assertThat(field(text(a), "salt")).isNotEqualTo(field(text(b), "salt"));
    assertThat(field(text(a), "nonce")).isNotEqualTo(field(text(b), "nonce"));
  }

  @Test
  void createdOwnerOnlyAndReplacedAtomicallyWithoutLeftovers() throws Exception {
    Path file = written();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    Keystore.write(file, PASS, Map.of("other", new byte[] {7}), FAST);
    assertThat(Keystore.read(file, PASS).keySet()).containsExactly("other");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .containsExactly("node.keystore");
    }
  }

  @Test
  void writingIntoAMissingDirectoryFailsClearly() {
    Path file = dir.resolve("missing").resolve("node.keystore");
    assertThatThrownBy(() -> Keystore.write(file, PASS, secrets(), FAST))
        .isInstanceOf(KeystoreException.class).hasMessageContaining("does not exist");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw----rw-", "rw-----w-"})
  void refusesAFileThatGroupOrOthersMayAccess(String mode) throws Exception {
    Path file = written();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    assertThatThrownBy(() -> Keystore.read(file, PASS))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("accessible by group or others")
        .hasMessageContaining(mode)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void wrongPassphraseIsReportedWithoutLeakingAnything() throws Exception {
    Path file = written();
    assertThatThrownBy(() -> Keystore.read(file, "Correct horse battery staple".toCharArray()))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("wrong passphrase or corrupted keystore")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("orse").doesNotContain("1111"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"salt", "nonce", "ciphertext"})
  void aChangedHeaderOrCiphertextDigitFailsAuthentication(String field) throws Exception {
    Path file = written();
    String t = text(file);
    String value = field(t, field);
    String flipped = (value.charAt(0) == '0' ? "1" : "0") + value.substring(1);
    overwrite(file, t.replace(field + "=" + value + "\n", field + "=" + flipped + "\n"));
    assertThatThrownBy(() -> Keystore.read(file, PASS))
        .isInstanceOf(KeystoreException.class).hasMessageStartingWith("wrong passphrase or corrupted keystore");
  }

  @Test
  void theHeaderIsTheAssociatedData() throws Exception {
    // The header fields that matter also feed the KDF or the nonce, so no file edit isolates the AAD; check it
    // one level down: the stored ciphertext opens with the header as AAD and fails with one AAD byte changed.
    Keystore.Parsed parsed = Keystore.parse(Files.readAllBytes(written()));
    byte[] key = org.bouncycastle.crypto.generators.SCrypt.generate(
        new String(PASS).getBytes(StandardCharsets.UTF_8), parsed.salt, 16, 8, 1, 32);
    assertThat(Keystore.gcm(Cipher.DECRYPT_MODE, key, parsed.nonce, parsed.aad, parsed.ciphertext)).isNotEmpty();
    assertThat(new String(parsed.aad, StandardCharsets.US_ASCII)).startsWith("nkms-keystore v1\n")
        .endsWith("\n").contains("ciphertext-bytes=").doesNotContain("ciphertext=");
    byte[] aad = parsed.aad.clone();
    aad[aad.length - 2] ^= 1;
    assertThatThrownBy(() -> Keystore.gcm(Cipher.DECRYPT_MODE, key, parsed.nonce, aad, parsed.ciphertext))
        .isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void unsupportedVersion() throws Exception {
    Path file = written();
    overwrite(file, text(file).replaceFirst("v1\n", "v2\n"));
    assertThatThrownBy(() -> Keystore.read(file, PASS))
        .isInstanceOf(KeystoreException.class).hasMessageStartingWith("unsupported keystore version 2");
  }

  @Test
  void truncatedFiles() throws Exception {
    Path file = written();
    String t = text(file);
    overwrite(file, t.substring(0, t.length() - 11));
    assertThatThrownBy(() -> Keystore.read(file, PASS))
        .isInstanceOf(KeystoreException.class).hasMessageStartingWith("keystore file is truncated");
    overwrite(file, t.substring(0, t.length() - 11) + "\n");
    assertThatThrownBy(() -> Keystore.read(file, PASS))
        .isInstanceOf(KeystoreException.class).hasMessageStartingWith("keystore file is truncated");
    overwrite(file, t.substring(0, t.indexOf("nonce=")));
    assertThatThrownBy(() -> Keystore.read(file, PASS))
        .isInstanceOf(KeystoreException.class).hasMessage("keystore file is truncated (the 'nonce' line is missing)");
  }

  @Test
  void everyProperPrefixIsRefusedWithATypedError() throws Exception {
    byte[] full = Files.readAllBytes(written());
    for (int len = 0; len < full.length; len++) {
      byte[] prefix = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> Keystore.parse(prefix)).as("prefix of %d bytes", len)
          .isInstanceOf(KeystoreException.class);
    }
    assertThat(Keystore.parse(full).ciphertext).isNotEmpty();
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
      assertThatThrownBy(() -> Keystore.read(file, PASS)).as("byte %d set to %d", at, replacement)
          .isInstanceOf(KeystoreException.class);
    }
  }

  @Test
  void strictParsing() throws Exception {
    Path file = written();
    String t = text(file);
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(t.replace("\nn=16\n", "\nn=016\n"), "'n' is not a canonical decimal number");
    cases.put(t.replace("\nn=16\n", "\nn=+16\n"), "'n' is not a canonical decimal number");
    String salt = field(t, "salt");
    cases.put(t.replace("salt=" + salt, "salt=A" + salt.substring(1)), "'salt' is not lower-case hex");
    cases.put(t.replace("salt=", "salt=00"), "'salt' must be 16 bytes");
    cases.put(t + "extra\n", "unexpected data after the ciphertext line");
    cases.put(t.replace("\n", "\r\n"), "unexpected byte 0x0d");
    cases.put(t.replace("kdf=scrypt", "kdf=argon2"), "unsupported key derivation function");
    cases.put(t.replace("\nr=8\n", "\nR=8\n"), "expected the 'r' field");
    cases.put("hello world\n", "not an nkms keystore");
    cases.put("nkms-keystore vX\n", "not an nkms keystore");
    cases.put("", "keystore file is empty");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      overwrite(file, c.getKey());
      assertThatThrownBy(() -> Keystore.read(file, PASS)).as(c.getValue())
          .isInstanceOf(KeystoreException.class).hasMessageContaining(c.getValue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2097152,8,1", "3,8,1", "1,8,1", "0,8,1", "16,0,1", "16,33,1", "16,8,17", "16,8,0",
      "1048576,9,1"})
  void refusesAbsurdKdfParametersBeforeDerivingAnything(String nrp) throws Exception {
    Path file = written();
    String[] v = nrp.split(",");
    overwrite(file, text(file).replace("\nn=16\nr=8\np=1\n", "\nn=" + v[0] + "\nr=" + v[1] + "\np=" + v[2] + "\n"));
    assertThatThrownBy(() -> Keystore.read(file, PASS))
        .isInstanceOf(KeystoreException.class).hasMessageContaining("unacceptable KDF parameters");
  }

  @Test
  void scryptParamsAreValidatedOnConstructionToo() {
    assertThatThrownBy(() -> Keystore.ScryptParams.of(1 << 21, 8, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two between 2 and 2^20");
    assertThatThrownBy(() -> Keystore.ScryptParams.of(1000, 8, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keystore.ScryptParams.of(1 << 20, 16, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 GiB");
    assertThat(Keystore.ScryptParams.of(1 << 20, 8, 1).toString()).isEqualTo("scrypt(N=1048576, r=8, p=1)");
  }

  @Test
  void namesAreRestricted() {
    for (String bad : List.of("", "Upper", "a/b", "a b", "é", "x".repeat(65), "a=b")) {
      assertThat(Keystore.isValidName(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> Keystore.write(dir.resolve("k"), PASS, Map.of(bad, new byte[] {1}), FAST))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret name");
    }
    assertThat(Keystore.isValidName("a.b_c-9")).isTrue();
    assertThat(Keystore.isValidName("x".repeat(64))).isTrue();
    assertThat(Files.exists(dir.resolve("k"))).isFalse();
  }

  @Test
  void refusesEmptySecretsAndEmptyPassphrases() {
    assertThatThrownBy(() -> Keystore.write(dir.resolve("k"), PASS, Map.of("a", new byte[0]), FAST))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret 'a' must be 1 to");
    assertThatThrownBy(() -> Keystore.write(dir.resolve("k"), new char[0], secrets(), FAST))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("passphrase must not be empty");
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> Keystore.read(dir.resolve("nope"), PASS))
        .isInstanceOf(KeystoreException.class).hasMessageStartingWith("no keystore at ");
  }

  @Test
  void theReturnedMapIsUnmodifiableAndItsToStringShowsNoSecret() throws Exception {
    Map<String, byte[]> read = Keystore.read(written(), PASS);
    assertThat(read.toString())
        .isEqualTo("Secrets{encrypting.key_2=<4 bytes, redacted>, signing-key=<32 bytes, redacted>, "
            + "tls=<1 bytes, redacted>}");
    assertThatThrownBy(() -> read.put("x", new byte[1])).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> read.entrySet().iterator().next().setValue(new byte[1]))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theCallersPassphraseIsLeftIntact() throws Exception {
    char[] pass = PASS.clone();
    Keystore.read(written(), pass);
    assertThat(pass).isEqualTo(PASS);
  }

  @Test
  void opensTheCommittedVersionOneFiles() throws Exception {
    Map<String, byte[]> n16 = Keystore.read(committed("v1-scrypt-n16.keystore"), PASS);
    assertThat(n16.keySet()).containsExactly("alice", "bob", "tls");
    assertThat(n16.get("alice")).isEqualTo(sequence(32, 0x01));
    assertThat(n16.get("bob")).isEqualTo(sequence(32, 0x81));
    assertThat(n16.get("tls")).containsExactly(0xab);
    Path byDefault = committed("v1-scrypt-default.keystore");
    assertThat(Keystore.params(byDefault)).isEqualTo(Keystore.ScryptParams.DEFAULT);
    Map<String, byte[]> federation = Keystore.read(byDefault, "p\u00e4ssw\u00f6rd \uD83D\uDD11".toCharArray());
    assertThat(federation.keySet()).containsExactly("federation");
    assertThat(federation.get("federation")).isEqualTo(sequence(32, 0x40));
  }

  /** A committed keystore, copied owner-only (a checkout leaves it 0644, which the reader rightly refuses). */
  private Path committed(String name) throws IOException {
    Path file = dir.resolve(name);
    try (var in = KeystoreTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      Files.write(file, in.readAllBytes());
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static byte[] sequence(int length, int first) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (first + i);
    }
    return out;
  }

  private static String field(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no field " + name);
  }
}
