package dev.nkms.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.umbral.conformance.VectorSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict reader for the Umbral interchange JSON: every field present with its JSON type, no unknown
 * fields.
 */
final class VectorSetJson {
  private static final Set<String> FIELDS =
      Set.of(
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
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private VectorSetJson() {}

  static VectorSet parse(String json) throws MalformedInputException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedInputException("not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedInputException("expected a JSON object at the top level");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new MalformedInputException("unknown field '" + name + "'");
      }
    }
    return new VectorSet(
        text(root, "alice_sk"),
        text(root, "bob_sk"),
        text(root, "signer_sk"),
        text(root, "alice_pk"),
        text(root, "bob_pk"),
        text(root, "verifying_pk"),
        text(root, "plaintext"),
        text(root, "capsule"),
        text(root, "ciphertext"),
        integer(root, "threshold"),
        integer(root, "shares"),
        bool(root, "sign_delegating_key"),
        bool(root, "sign_receiving_key"),
        texts(root, "kfrags"),
        texts(root, "cfrags"));
  }

  private static JsonNode field(JsonNode root, String name) throws MalformedInputException {
    JsonNode n = root.get(name);
    if (n == null) {
      throw new MalformedInputException("missing field '" + name + "'");
    }
    return n;
  }

  private static String text(JsonNode root, String name) throws MalformedInputException {
    JsonNode n = field(root, name);
    if (!n.isTextual()) {
      throw new MalformedInputException("field '" + name + "' must be a string of hex");
    }
    return n.asText();
  }

  private static int integer(JsonNode root, String name) throws MalformedInputException {
    JsonNode n = field(root, name);
    if (!n.isInt()) {
      throw new MalformedInputException("field '" + name + "' must be an integer");
    }
    return n.asInt();
  }

  private static boolean bool(JsonNode root, String name) throws MalformedInputException {
    JsonNode n = field(root, name);
    if (!n.isBoolean()) {
      throw new MalformedInputException("field '" + name + "' must be true or false");
    }
    return n.asBoolean();
  }

  private static List<String> texts(JsonNode root, String name) throws MalformedInputException {
    JsonNode n = field(root, name);
    if (!n.isArray()) {
      throw new MalformedInputException("field '" + name + "' must be an array of hex strings");
    }
    if (n.size() > 255) {
      throw new MalformedInputException("field '" + name + "' has more than 255 entries");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : n) {
      if (!item.isTextual()) {
        throw new MalformedInputException("field '" + name + "' must contain only hex strings");
      }
      out.add(item.asText());
    }
    return out;
  }
}
