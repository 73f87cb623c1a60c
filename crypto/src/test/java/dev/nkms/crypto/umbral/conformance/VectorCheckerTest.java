package dev.nkms.crypto.umbral.conformance;

import static dev.nkms.crypto.TestFixtures.PEACE_AT_DAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VectorCheckerTest {
  private final VectorSet good =
      VectorGenerator.generate(
          RandomSource.deterministicStream("checker"), 2, 3, true, true, PEACE_AT_DAWN);

  private static VectorSet with(VectorSet v, String field, Object value) {
    return new VectorSet(
        field.equals("alice_sk") ? (String) value : v.aliceSk,
        v.bobSk,
        v.signerSk,
        field.equals("alice_pk") ? (String) value : v.alicePk,
        v.bobPk,
        v.verifyingPk,
        field.equals("plaintext") ? (String) value : v.plaintext,
        field.equals("capsule") ? (String) value : v.capsule,
        field.equals("ciphertext") ? (String) value : v.ciphertext,
        field.equals("threshold") ? (Integer) value : v.threshold,
        v.shares,
        field.equals("sign_dk") ? (Boolean) value : v.signDelegatingKey,
        v.signReceivingKey,
        field.equals("kfrags") ? castList(value) : v.kfrags,
        field.equals("cfrags") ? castList(value) : v.cfrags);
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object o) {
    return (List<String>) o;
  }

  private static List<String> editOne(List<String> items, int index, UnaryOperator<String> edit) {
    List<String> out = new ArrayList<>(items);
    out.set(index, edit.apply(out.get(index)));
    return out;
  }

  /** Flips the low bit of the hex byte at {@code byteIndex}. */
  private static String flip(String hex, int byteIndex) {
    int v = Integer.parseInt(hex.substring(2 * byteIndex, 2 * byteIndex + 2), 16) ^ 1;
    return hex.substring(0, 2 * byteIndex)
        + String.format("%02x", v)
        + hex.substring(2 * byteIndex + 2);
  }

  private static Map<String, VectorChecker.Check> byName(List<VectorChecker.Check> checks) {
    return checks.stream().collect(Collectors.toMap(c -> c.name, c -> c, (a, b) -> a));
  }

  private static List<String> failed(List<VectorChecker.Check> checks) {
    return checks.stream().filter(c -> !c.passed).map(c -> c.name).collect(Collectors.toList());
  }

  @Test
  void aGoodSetPassesEveryNamedCheck() throws Exception {
    List<VectorChecker.Check> checks = VectorChecker.check(good);
    assertThat(failed(checks)).isEmpty();
    assertThat(byName(checks).keySet())
        .contains(
            "capsule parses",
            "capsule re-serializes byte-identically",
            "decrypt_original gives the plaintext",
            "kfrag[2] verifies",
            "cfrag[0] verifies",
            "decrypt_reencrypted with the first 2 cfrags gives the plaintext");
    assertThat(checks.get(0).toString()).startsWith("ok");
  }

  @Test
  void aTamperedKfragSignatureFailsOnlyThatKfrag() throws Exception {
    // Byte 210 is in signature_for_proxy's s.
    VectorSet bad = with(good, "kfrags", editOne(good.kfrags, 1, h -> flip(h, 210)));
    List<VectorChecker.Check> checks = VectorChecker.check(bad);
    assertThat(failed(checks)).containsExactly("kfrag[1] parses, verifies and re-encrypts");
    VectorChecker.Check c = byName(checks).get("kfrag[1] parses, verifies and re-encrypts");
    assertThat(c.detail)
        .isIn(
            "Failed to verify the kfrag signature",
            "KeyFrag: field proof.signature_for_proxy at byte 176: Invalid signature: s is not low-S normalized"
                + " (malleable encoding)");
    assertThat(c.toString()).startsWith("FAIL");
  }

  @Test
  void aTamperedCfragFailsAndDecryptionUsesTheOthers() throws Exception {
    // Byte 300 is in the proof response z.
    VectorSet bad = with(good, "cfrags", editOne(good.cfrags, 0, h -> flip(h, 300)));
    List<VectorChecker.Check> checks = VectorChecker.check(bad);
    assertThat(failed(checks)).containsExactly("cfrag[0] parses and verifies");
    assertThat(byName(checks).get("cfrag[0] parses and verifies").detail)
        .isEqualTo("Failed to verify reencryption proof");
  }

  @Test
  void tooFewVerifiedCfragsFailTheDecryptionCheck() throws Exception {
    VectorSet bad =
        with(
            good,
            "cfrags",
            editOne(editOne(good.cfrags, 0, h -> flip(h, 300)), 1, h -> flip(h, 300)));
    assertThat(failed(VectorChecker.check(bad)))
        .contains(
            "cfrag[0] parses and verifies",
            "cfrag[1] parses and verifies",
            "decrypt_reencrypted with the first 2 cfrags gives the plaintext");
  }

  @Test
  void aNonCanonicalCapsuleStopsTheCheck() throws Exception {
    List<VectorChecker.Check> checks =
        VectorChecker.check(with(good, "capsule", good.capsule + "00"));
    assertThat(checks.get(checks.size() - 1).name).isEqualTo("capsule parses");
    assertThat(checks.get(checks.size() - 1).passed).isFalse();
    assertThat(checks.get(checks.size() - 1).detail).contains("trailing");
  }

  @Test
  void wrongPlaintextAndWrongKeysAreReported() throws Exception {
    List<String> f = failed(VectorChecker.check(with(good, "plaintext", "00")));
    assertThat(f)
        .containsExactlyInAnyOrder(
            "decrypt_original gives the plaintext",
            "decrypt_reencrypted with the first 2 cfrags gives the plaintext");
    List<String> g = failed(VectorChecker.check(with(good, "alice_pk", good.bobPk)));
    assertThat(g).contains("alice_sk yields alice_pk");
  }

  @Test
  void wrongFlagsMakeKfragVerificationFail() throws Exception {
    // The file claims sign_dk = false, so the checker passes no delegating key: the kfrag says it
    // was signed.
    List<VectorChecker.Check> checks = VectorChecker.check(with(good, "sign_dk", false));
    assertThat(failed(checks))
        .containsExactly(
            "kfrag[0] parses, verifies and re-encrypts",
            "kfrag[1] parses, verifies and re-encrypts",
            "kfrag[2] parses, verifies and re-encrypts");
    assertThat(byName(checks).get("kfrag[0] parses, verifies and re-encrypts").detail)
        .startsWith("A signature of a delegating key was included");
  }

  @Test
  void malformedFilesThrow() {
    assertThatThrownBy(() -> VectorChecker.check(with(good, "capsule", good.capsule.toUpperCase())))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("capsule")
        .hasMessageContaining("lower-case hex");
    assertThatThrownBy(() -> VectorChecker.check(with(good, "ciphertext", good.ciphertext + "0")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("ciphertext");
    assertThatThrownBy(() -> VectorChecker.check(with(good, "alice_sk", "00".repeat(32))))
        .isInstanceOf(MalformedInputException.class);
    assertThatThrownBy(() -> VectorChecker.check(with(good, "threshold", 4)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("threshold");
    assertThatThrownBy(() -> VectorChecker.check(with(good, "kfrags", good.kfrags.subList(0, 2))))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("expected 3 kfrags");
  }
}
