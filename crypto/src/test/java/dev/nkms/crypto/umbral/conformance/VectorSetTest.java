package dev.nkms.crypto.umbral.conformance;

import static dev.nkms.crypto.TestFixtures.PEACE_AT_DAWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.crypto.RandomSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorSetTest {
  private final VectorSet v =
      VectorGenerator.generate(
          RandomSource.deterministicStream("json"), 2, 3, false, true, PEACE_AT_DAWN);

  @Test
  void jsonHasTheSpecFieldsInOrderAndValues() throws Exception {
    JsonNode n = new ObjectMapper().readTree(v.toJson());
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertThat(names)
        .containsExactly(
            "alice_sk",
            "bob_sk",
            "signer_sk",
            "alice_pk",
            "bob_pk",
            "verifying_pk",
            "plaintext",
            "capsule",
            "ciphertext",
            "threshold",
            "shares",
            "sign_delegating_key",
            "sign_receiving_key",
            "kfrags",
            "cfrags");
    assertThat(n.get("alice_sk").asText()).isEqualTo(v.aliceSk);
    assertThat(n.get("capsule").asText()).isEqualTo(v.capsule);
    assertThat(n.get("threshold").isInt()).isTrue();
    assertThat(n.get("threshold").asInt()).isEqualTo(2);
    assertThat(n.get("shares").asInt()).isEqualTo(3);
    assertThat(n.get("sign_delegating_key").isBoolean()).isTrue();
    assertThat(n.get("sign_delegating_key").asBoolean()).isFalse();
    assertThat(n.get("sign_receiving_key").asBoolean()).isTrue();
    assertThat(n.get("kfrags").size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(n.get("kfrags").get(i).asText()).isEqualTo(v.kfrags.get(i));
      assertThat(n.get("cfrags").get(i).asText()).isEqualTo(v.cfrags.get(i));
    }
  }

  @Test
  void layoutMatchesJsonStringifyWithTwoSpaces() {
    String json = v.toJson();
    assertThat(json).startsWith("{\n  \"alice_sk\": \"" + v.aliceSk + "\",\n");
    assertThat(json)
        .contains("\n  \"threshold\": 2,\n  \"shares\": 3,\n  \"sign_delegating_key\": false,\n");
    assertThat(json).contains("\n  \"kfrags\": [\n    \"" + v.kfrags.get(0) + "\",\n    \"");
    assertThat(json).endsWith("    \"" + v.cfrags.get(2) + "\"\n  ]\n}\n");
    assertThat(json).doesNotContain("\t").doesNotContain("\r");
  }

  @Test
  void emptyArraysAreWrittenAsBrackets() throws Exception {
    VectorSet empty =
        new VectorSet(
            "a", "b", "c", "d", "e", "f", "", "g", "h", 1, 0, true, false, List.of(), List.of());
    String json = empty.toJson();
    assertThat(json).contains("\"kfrags\": [],\n").endsWith("\"cfrags\": []\n}\n");
    assertThat(new ObjectMapper().readTree(json).get("plaintext").asText()).isEmpty();
  }

  @Test
  void listsAreCopiedAndNullsRefused() {
    List<String> kfrags = new ArrayList<>(v.kfrags);
    VectorSet copy =
        new VectorSet(
            v.aliceSk,
            v.bobSk,
            v.signerSk,
            v.alicePk,
            v.bobPk,
            v.verifyingPk,
            v.plaintext,
            v.capsule,
            v.ciphertext,
            v.threshold,
            v.shares,
            v.signDelegatingKey,
            v.signReceivingKey,
            kfrags,
            v.cfrags);
    kfrags.clear();
    assertThat(copy.kfrags).hasSize(3);
    assertThat(copy.toJson()).isEqualTo(v.toJson());
    assertThatThrownBy(
            () ->
                new VectorSet(
                    null, "", "", "", "", "", "", "", "", 1, 1, true, true, List.of(), List.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("alice_sk");
  }
}
