package dev.nkms.crypto.keystore;

import static dev.nkms.crypto.keystore.KeystoreFixtures.DEFAULT_FILE;
import static dev.nkms.crypto.keystore.KeystoreFixtures.DEFAULT_FILE_PASS;
import static dev.nkms.crypto.keystore.KeystoreFixtures.FAST;
import static dev.nkms.crypto.keystore.KeystoreFixtures.N16;
import static dev.nkms.crypto.keystore.KeystoreFixtures.PASS;
import static dev.nkms.crypto.keystore.KeystoreFixtures.field;
import static dev.nkms.crypto.keystore.KeystoreFixtures.fixed;
import static dev.nkms.crypto.keystore.KeystoreFixtures.resource;
import static dev.nkms.crypto.keystore.KeystoreFixtures.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.RandomSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeystoreCipherTest {
  private static final String N16_PLAINTEXT =
      "alice="
          + hex(sequence(32, 0x01))
          + "\n"
          + "bob="
          + hex(sequence(32, 0x81))
          + "\n"
          + "tls=ab\n";
  private static final KeystoreCipher SECURE = new KeystoreCipher(RandomSource.secure());

  private static String hex(byte[] bytes) {
    return org.bouncycastle.util.encoders.Hex.toHexString(bytes);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void opensTheCommittedFiles() throws Exception {
    assertThat(SECURE.open(KeystoreDocument.parse(resource(N16)), PASS))
        .isEqualTo(ascii(N16_PLAINTEXT));
    // The default KDF parameters and a passphrase outside ASCII (UTF-8 before scrypt).
    assertThat(SECURE.open(KeystoreDocument.parse(resource(DEFAULT_FILE)), DEFAULT_FILE_PASS))
        .isEqualTo(ascii("federation=" + hex(sequence(32, 0x40)) + "\n"));
  }

  @Test
  void givenTheSameSaltAndNonceSealingReproducesTheCommittedFileByteForByte() throws Exception {
    byte[] committed = resource(N16);
    KeystoreDocument.Header header = KeystoreDocument.parse(committed).header();
    KeystoreCipher cipher = new KeystoreCipher(fixed(header.salt(), header.nonce()));
    assertThat(cipher.seal(PASS, ascii(N16_PLAINTEXT), FAST).toBytes()).isEqualTo(committed);
  }

  @Test
  void drawsTheSaltThenTheNonceAndNothingElse() {
    List<Integer> draws = new ArrayList<>();
    KeystoreCipher cipher = new KeystoreCipher(out -> draws.add(out.length));
    cipher.seal(PASS, ascii("a=01\n"), FAST);
    assertThat(draws).containsExactly(16, 12);
  }

  @Test
  void aKnownSaltAndNonceGiveKnownBytes() throws Exception {
    KeystoreCipher cipher = new KeystoreCipher(fixed(sequence(16, 0), sequence(12, 0x10)));
    KeystoreDocument document = cipher.seal(PASS, ascii("a=01\n"), FAST);
    assertThat(document.header().salt()).isEqualTo(sequence(16, 0));
    assertThat(document.header().nonce()).isEqualTo(sequence(12, 0x10));
    assertThat(document.header().ciphertextBytes()).isEqualTo(5 + 16);
    // Independently: scrypt of the UTF-8 passphrase, then AES-256-GCM with the header as associated
    // data.
    byte[] key =
        SCrypt.generate(
            new String(PASS).getBytes(StandardCharsets.UTF_8), sequence(16, 0), 16, 8, 1, 32);
    assertThat(document.ciphertext())
        .isEqualTo(
            KeystoreCipher.gcm(
                Cipher.ENCRYPT_MODE,
                key,
                sequence(12, 0x10),
                document.header().toBytes(),
                ascii("a=01\n")));
  }

  @Test
  void freshSaltAndNonceEverySeal() {
    KeystoreDocument a = SECURE.seal(PASS, ascii("a=01\n"), FAST);
    KeystoreDocument b = SECURE.seal(PASS, ascii("a=01\n"), FAST);
    assertThat(a.header().salt()).isNotEqualTo(b.header().salt());
    assertThat(a.header().nonce()).isNotEqualTo(b.header().nonce());
  }

  @Test
  void theHeaderIsTheAssociatedData() throws Exception {
    // The header fields that matter also feed the KDF or the nonce, so no file edit isolates the
    // AAD; check it
    // one level down: the stored ciphertext opens with the header as AAD and fails with one AAD
    // byte changed.
    KeystoreDocument document = KeystoreDocument.parse(resource(N16));
    byte[] salt = document.header().salt();
    byte[] nonce = document.header().nonce();
    byte[] aad = document.header().toBytes();
    byte[] key =
        SCrypt.generate(new String(PASS).getBytes(StandardCharsets.UTF_8), salt, 16, 8, 1, 32);
    assertThat(KeystoreCipher.gcm(Cipher.DECRYPT_MODE, key, nonce, aad, document.ciphertext()))
        .isEqualTo(ascii(N16_PLAINTEXT));
    aad[aad.length - 2] ^= 1;
    assertThatThrownBy(
            () -> KeystoreCipher.gcm(Cipher.DECRYPT_MODE, key, nonce, aad, document.ciphertext()))
        .isInstanceOf(AEADBadTagException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"salt", "nonce", "ciphertext"})
  void aChangedHeaderOrCiphertextDigitFailsAuthentication(String name) throws Exception {
    String t = new String(resource(N16), StandardCharsets.US_ASCII);
    String value = field(t, name);
    String flipped = (value.charAt(0) == '0' ? "1" : "0") + value.substring(1);
    KeystoreDocument changed =
        KeystoreDocument.parse(
            ascii(t.replace(name + "=" + value + "\n", name + "=" + flipped + "\n")));
    assertThatThrownBy(() -> SECURE.open(changed, PASS))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessage("wrong passphrase or corrupted keystore");
  }

  @Test
  void aWrongPassphraseIsTheOneTypedFailure() throws Exception {
    KeystoreDocument document = KeystoreDocument.parse(resource(N16));
    assertThatThrownBy(() -> SECURE.open(document, "Correct horse battery staple".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessage("wrong passphrase or corrupted keystore");
  }

  @Test
  void refusesEmptyAndInvalidPassphrases() throws Exception {
    KeystoreDocument document = KeystoreDocument.parse(resource(N16));
    assertThatThrownBy(() -> SECURE.seal(new char[0], ascii("a=01\n"), FAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("passphrase must not be empty");
    assertThatThrownBy(() -> SECURE.open(document, new char[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("passphrase must not be empty");
    assertThatThrownBy(() -> SECURE.seal(new char[] {'a', '\uD83D'}, ascii("a=01\n"), FAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void theCallersPassphraseAndPlaintextAreLeftIntact() throws Exception {
    char[] pass = PASS.clone();
    byte[] plaintext = ascii(N16_PLAINTEXT);
    KeystoreDocument document = SECURE.seal(pass, plaintext, FAST);
    assertThat(pass).isEqualTo(PASS);
    assertThat(plaintext).isEqualTo(ascii(N16_PLAINTEXT));
    SECURE.open(document, pass);
    assertThat(pass).isEqualTo(PASS);
  }
}
