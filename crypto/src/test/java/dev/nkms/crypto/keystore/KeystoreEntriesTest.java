package dev.nkms.crypto.keystore;

import static dev.nkms.crypto.keystore.KeystoreFixtures.secrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeystoreEntriesTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void encodesSortedNameHexLines() {
    assertThat(new String(KeystoreEntries.of(secrets()).encode(), StandardCharsets.US_ASCII))
        .isEqualTo(
            "encrypting.key_2=00ff00ff\n"
                + "signing-key=1111111111111111111111111111111111111111111111111111111111111111\n"
                + "tls=ab\n");
    assertThat(KeystoreEntries.of(Map.of()).encode()).isEmpty();
  }

  @Test
  void decodesWhatItEncodes() throws Exception {
    KeystoreEntries decoded = KeystoreEntries.decode(KeystoreEntries.of(secrets()).encode());
    assertThat(decoded.keySet()).containsExactly("encrypting.key_2", "signing-key", "tls");
    secrets().forEach((name, value) -> assertThat(decoded.get(name)).as(name).isEqualTo(value));
    assertThat(KeystoreEntries.decode(new byte[0])).isEmpty();
  }

  @Test
  void decodingTheLargestKeystoreWorks() throws Exception {
    Map<String, byte[]> most = new HashMap<>();
    for (int i = 0; i < KeystoreEntries.MAX_SECRETS; i++) {
      most.put(String.format("%064d", i), new byte[KeystoreEntries.MAX_SECRET_BYTES]);
    }
    byte[] encoded = KeystoreEntries.of(most).encode();
    assertThat((long) encoded.length).isEqualTo(KeystoreEntries.MAX_ENCODED_BYTES);
    assertThat(KeystoreEntries.decode(encoded)).hasSize(KeystoreEntries.MAX_SECRETS);
  }

  @Test
  void decodingIsStrict() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("a", "entry 1 has no '='");
    cases.put("a\n", "entry 1 has no '='");
    cases.put("Upper=01\n", "entry 1 has an invalid name");
    cases.put("=01\n", "entry 1 has an invalid name");
    cases.put("b=01\na=01\n", "entry 'a' is duplicated or out of order");
    cases.put("a=01\na=02\n", "entry 'a' is duplicated or out of order");
    cases.put("a=01", "entry 'a' is not terminated by a newline");
    cases.put("a=\n", "entry 'a' has a value of invalid length");
    cases.put("a=012\n", "entry 'a' has a value of invalid length");
    cases.put(
        "a=" + "00".repeat(KeystoreEntries.MAX_SECRET_BYTES + 1) + "\n",
        "entry 'a' has a value of invalid length");
    cases.put("a=AB\n", "entry 'a' is not lower-case hex");
    cases.put("a=0g\n", "entry 'a' is not lower-case hex");
    cases.put("a=0 \n", "entry 'a' is not lower-case hex");
    StringBuilder tooMany = new StringBuilder();
    for (int i = 0; i <= KeystoreEntries.MAX_SECRETS; i++) {
      tooMany.append(String.format("e%03d=01\n", i));
    }
    cases.put(tooMany.toString(), "more than 256 entries");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThatThrownBy(() -> KeystoreEntries.decode(ascii(c.getKey())))
          .as(c.getValue())
          .isInstanceOf(KeystoreException.class)
          .hasMessage("keystore contents are malformed: " + c.getValue());
    }
  }

  @Test
  void namesAreRestricted() {
    for (String bad : List.of("", "Upper", "a/b", "a b", "é", "x".repeat(65), "a=b")) {
      assertThat(KeystoreEntries.isValidName(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> KeystoreEntries.of(Map.of(bad, new byte[] {1})))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("secret name");
    }
    assertThat(KeystoreEntries.isValidName(null)).isFalse();
    assertThat(KeystoreEntries.isValidName("a.b_c-9")).isTrue();
    assertThat(KeystoreEntries.isValidName("x".repeat(64))).isTrue();
  }

  @Test
  void refusesEmptyOversizedAndTooManySecrets() {
    assertThatThrownBy(() -> KeystoreEntries.of(Map.of("a", new byte[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret 'a' must be 1 to 65536 bytes, got 0");
    assertThatThrownBy(
            () -> KeystoreEntries.of(Map.of("a", new byte[KeystoreEntries.MAX_SECRET_BYTES + 1])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret 'a' must be 1 to 65536 bytes, got 65537");
    Map<String, byte[]> withNull = new HashMap<>();
    withNull.put("a", null);
    assertThatThrownBy(() -> KeystoreEntries.of(withNull))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret 'a' must be 1 to 65536 bytes, got null");
    Map<String, byte[]> tooMany = new HashMap<>();
    for (int i = 0; i <= KeystoreEntries.MAX_SECRETS; i++) {
      tooMany.put("e" + i, new byte[] {1});
    }
    assertThatThrownBy(() -> KeystoreEntries.of(tooMany))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a keystore holds at most 256 secrets, got 257");
  }

  @Test
  void theMapIsUnmodifiableAndItsToStringShowsNoSecret() throws Exception {
    KeystoreEntries entries = KeystoreEntries.decode(KeystoreEntries.of(secrets()).encode());
    assertThat(entries.toString())
        .isEqualTo(
            "Secrets{encrypting.key_2=<4 bytes, redacted>, signing-key=<32 bytes, redacted>, "
                + "tls=<1 bytes, redacted>}");
    assertThatThrownBy(() -> entries.put("x", new byte[1]))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> entries.remove("tls"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> entries.entrySet().iterator().next().setValue(new byte[1]))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void decodedArraysAreFreshAndTheCallersArraysAreNotCopied() throws Exception {
    byte[] plaintext = ascii("a=01\n");
    KeystoreEntries decoded = KeystoreEntries.decode(plaintext);
    plaintext[2] = '7';
    assertThat(decoded.get("a")).containsExactly(1);
    byte[] value = {1};
    assertThat(KeystoreEntries.of(Map.of("a", value)).get("a")).isSameAs(value);
  }
}
