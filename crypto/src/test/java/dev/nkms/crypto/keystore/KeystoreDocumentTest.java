package dev.nkms.crypto.keystore;

import static dev.nkms.crypto.keystore.KeystoreFixtures.DEFAULT_FILE;
import static dev.nkms.crypto.keystore.KeystoreFixtures.FAST;
import static dev.nkms.crypto.keystore.KeystoreFixtures.N16;
import static dev.nkms.crypto.keystore.KeystoreFixtures.field;
import static dev.nkms.crypto.keystore.KeystoreFixtures.resource;
import static dev.nkms.crypto.keystore.KeystoreFixtures.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeystoreDocumentTest {
  private static String text() throws Exception {
    return new String(resource(N16), StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void serializesToTheDocumentedLayout() {
    KeystoreDocument.Header header =
        new KeystoreDocument.Header(FAST, sequence(16, 0), sequence(12, 0xa0), 17);
    KeystoreDocument document = new KeystoreDocument(header, sequence(17, 0xf0));
    assertThat(new String(document.toBytes(), StandardCharsets.US_ASCII))
        .isEqualTo(
            "nkms-keystore v1\n"
                + "kdf=scrypt\nn=16\nr=8\np=1\n"
                + "salt=000102030405060708090a0b0c0d0e0f\nnonce=a0a1a2a3a4a5a6a7a8a9aaab\n"
                + "ciphertext-bytes=17\nciphertext=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff00\n");
  }

  @Test
  void theHeaderIsEveryLineBeforeTheCiphertextLine() throws Exception {
    String t = text();
    KeystoreDocument document = KeystoreDocument.parse(bytes(t));
    assertThat(new String(document.header().toBytes(), StandardCharsets.US_ASCII))
        .isEqualTo(t.substring(0, t.indexOf("ciphertext=")));
  }

  @Test
  void parsingTheCommittedFilesGivesBackTheirFieldsAndExactBytes() throws Exception {
    byte[] n16 = resource(N16);
    KeystoreDocument document = KeystoreDocument.parse(n16);
    assertThat(document.header().params()).isEqualTo(FAST);
    String t = text();
    assertThat(document.header().salt()).asHexString().isEqualToIgnoringCase(field(t, "salt"));
    assertThat(document.header().nonce()).asHexString().isEqualToIgnoringCase(field(t, "nonce"));
    assertThat(document.ciphertext()).hasSize(Integer.parseInt(field(t, "ciphertext-bytes")));
    assertThat(document.toBytes()).isEqualTo(n16);
    byte[] byDefault = resource(DEFAULT_FILE);
    assertThat(KeystoreDocument.parse(byDefault).header().params()).isEqualTo(ScryptParams.DEFAULT);
    assertThat(KeystoreDocument.parse(byDefault).toBytes()).isEqualTo(byDefault);
  }

  @Test
  void valuesAreCopiedInAndOut() throws Exception {
    byte[] salt = sequence(16, 0);
    byte[] ciphertext = sequence(16, 0);
    KeystoreDocument.Header header = new KeystoreDocument.Header(FAST, salt, sequence(12, 0), 16);
    KeystoreDocument document = new KeystoreDocument(header, ciphertext);
    salt[0] = 9;
    ciphertext[0] = 9;
    header.salt()[1] = 9;
    document.ciphertext()[1] = 9;
    assertThat(header.salt()).isEqualTo(sequence(16, 0));
    assertThat(document.ciphertext()).isEqualTo(sequence(16, 0));
  }

  @Test
  void constructionRefusesWhatCouldNotBeParsedBack() {
    assertThatThrownBy(() -> new KeystoreDocument.Header(FAST, new byte[15], new byte[12], 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("salt must be 16 bytes, got 15");
    assertThatThrownBy(() -> new KeystoreDocument.Header(FAST, new byte[16], new byte[16], 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nonce must be 12 bytes, got 16");
    assertThatThrownBy(() -> new KeystoreDocument.Header(FAST, new byte[16], new byte[12], 15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(
            () -> new KeystoreDocument.Header(FAST, new byte[16], new byte[12], Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    KeystoreDocument.Header header =
        new KeystoreDocument.Header(FAST, new byte[16], new byte[12], 20);
    assertThatThrownBy(() -> new KeystoreDocument(header, new byte[19]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the header declares 20 ciphertext bytes, got 19");
  }

  @Test
  void unsupportedVersion() throws Exception {
    assertThatThrownBy(() -> KeystoreDocument.parse(bytes(text().replaceFirst("v1\n", "v2\n"))))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("unsupported keystore version 2");
  }

  @Test
  void truncatedFiles() throws Exception {
    String t = text();
    assertThatThrownBy(() -> KeystoreDocument.parse(bytes(t.substring(0, t.length() - 11))))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("keystore file is truncated");
    assertThatThrownBy(() -> KeystoreDocument.parse(bytes(t.substring(0, t.length() - 11) + "\n")))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("keystore file is truncated");
    assertThatThrownBy(() -> KeystoreDocument.parse(bytes(t.substring(0, t.indexOf("nonce=")))))
        .isInstanceOf(KeystoreException.class)
        .hasMessage("keystore file is truncated (the 'nonce' line is missing)");
  }

  @Test
  void everyProperPrefixIsRefusedWithATypedError() throws Exception {
    byte[] full = resource(N16);
    for (int len = 0; len < full.length; len++) {
      byte[] prefix = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> KeystoreDocument.parse(prefix))
          .as("prefix of %d bytes", len)
          .isInstanceOf(KeystoreException.class);
    }
    assertThat(KeystoreDocument.parse(full).ciphertext()).isNotEmpty();
  }

  @Test
  void anyByteChangeIsRefusedOrParsesToExactlyTheChangedBytes() throws Exception {
    // Strict means canonical: nothing the parser accepts could have been written differently.
    byte[] full = resource(N16);
    SplittableRandom random = new SplittableRandom(7);
    int parsed = 0;
    for (int i = 0; i < 2000; i++) {
      byte[] mutated = full.clone();
      mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      KeystoreDocument document;
      try {
        document = KeystoreDocument.parse(mutated);
      } catch (KeystoreException refused) {
        continue;
      }
      parsed++;
      assertThat(document.toBytes()).isEqualTo(mutated);
    }
    assertThat(parsed).as("some changes (hex digits) still parse").isPositive();
  }

  @Test
  void strictParsing() throws Exception {
    String t = text();
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(t.replace("\nn=16\n", "\nn=016\n"), "'n' is not a canonical decimal number");
    cases.put(t.replace("\nn=16\n", "\nn=+16\n"), "'n' is not a canonical decimal number");
    String salt = field(t, "salt");
    cases.put(
        t.replace("salt=" + salt, "salt=A" + salt.substring(1)), "'salt' is not lower-case hex");
    cases.put(
        t.replace("salt=" + salt, "salt= " + salt.substring(1)), "'salt' is not lower-case hex");
    cases.put(t.replace("salt=", "salt=00"), "'salt' must be 16 bytes");
    String ct = field(t, "ciphertext");
    cases.put(
        t.replace("ciphertext=" + ct, "ciphertext=" + ct.substring(2) + "0g"),
        "'ciphertext' is not lower-case hex");
    cases.put(t.replace("ciphertext=" + ct, "ciphertext=" + ct + "00"), "longer than the declared");
    cases.put(
        t.replaceFirst("ciphertext-bytes=[0-9]+", "ciphertext-bytes=15"),
        "ciphertext-bytes 15 is out of range");
    cases.put(
        t.replaceFirst("ciphertext-bytes=[0-9]+", "ciphertext-bytes=9999999999"),
        "is out of range");
    cases.put(t + "extra\n", "unexpected data after the ciphertext line");
    cases.put(t.replace("\n", "\r\n"), "unexpected byte 0x0d");
    cases.put(t.replace("kdf=scrypt", "kdf=argon2"), "unsupported key derivation function");
    cases.put(t.replace("\nr=8\n", "\nR=8\n"), "expected the 'r' field");
    cases.put("hello world\n", "not an nkms keystore");
    cases.put("nkms-keystore vX\n", "not an nkms keystore");
    cases.put("", "keystore file is empty");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThatThrownBy(() -> KeystoreDocument.parse(bytes(c.getKey())))
          .as(c.getValue())
          .isInstanceOf(KeystoreException.class)
          .hasMessageContaining(c.getValue());
    }
  }

  @Test
  void messagesNeverQuoteTheInput() throws Exception {
    String t = text();
    String salt = field(t, "salt");
    String ct = field(t, "ciphertext");
    for (String bad :
        new String[] {
          t.replace("salt=" + salt, "salt=X" + salt.substring(1)),
          t.replace("ciphertext=" + ct, "ciphertext=" + ct.substring(2) + "0g"),
          "secret-looking-garbage\n"
        }) {
      assertThatThrownBy(() -> KeystoreDocument.parse(bytes(bad)))
          .isInstanceOf(KeystoreException.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain(salt.substring(1, 9))
                      .doesNotContain(ct.substring(2, 10))
                      .doesNotContain("garbage"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2097152,8,1",
        "3,8,1",
        "1,8,1",
        "0,8,1",
        "16,0,1",
        "16,33,1",
        "16,8,17",
        "16,8,0",
        "1048576,9,1"
      })
  void refusesAbsurdKdfParameters(String nrp) throws Exception {
    String[] v = nrp.split(",");
    String t =
        text().replace("\nn=16\nr=8\np=1\n", "\nn=" + v[0] + "\nr=" + v[1] + "\np=" + v[2] + "\n");
    assertThatThrownBy(() -> KeystoreDocument.parse(bytes(t)))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("unacceptable KDF parameters");
  }
}
