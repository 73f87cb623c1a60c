package dev.nkms.app.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * Bob's evidence against a node whose cfrag failed verification, as a file anyone can submit to the
 * adjudicator: the node's signed response, which capsule in it, and the policy's keys (Alice's
 * verifying key, the policy key and Bob's encrypting key, which the policy contract committed to
 * when Alice paid).
 */
public record EvidenceFile(
    NodeAddress node,
    String finding,
    byte[] signedResponse,
    int index,
    PublicKey alice,
    PublicKey policyKey,
    PublicKey bob) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public EvidenceFile {
    Objects.requireNonNull(node);
    Objects.requireNonNull(finding);
    Objects.requireNonNull(alice);
    Objects.requireNonNull(policyKey);
    Objects.requireNonNull(bob);
    signedResponse = signedResponse.clone();
    if (index < 0) {
      throw new IllegalArgumentException("negative capsule index");
    }
  }

  /** The evidence for {@code capsule}'s cfrag in the node's signed response. */
  public static EvidenceFile of(
      NodeAddress node,
      String finding,
      byte[] signedResponse,
      byte[] capsule,
      PublicKey alice,
      PublicKey policyKey,
      PublicKey bob)
      throws WireFormatException {
    List<Capsule> capsules = ReencryptionResponse.fromBytes(signedResponse).capsules();
    for (int i = 0; i < capsules.size(); i++) {
      if (java.util.Arrays.equals(capsules.get(i).toBytes(), capsule)) {
        return new EvidenceFile(node, finding, signedResponse, i, alice, policyKey, bob);
      }
    }
    throw new WireFormatException("the capsule is not in the node's response");
  }

  @Override
  public byte[] signedResponse() {
    return signedResponse.clone();
  }

  /**
   * What the adjudicator takes: the signed payload, the cfrag's index, the keys and the hints for
   * the check.
   */
  public dev.nkms.chain.EvidenceSubmission.Evidence prepare() throws WireFormatException {
    return dev.nkms.chain.EvidenceSubmission.prepare(
        signedResponse, index, node, alice, policyKey, bob);
  }

  public void save(Path file) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("node", node.toHex())
        .put("finding", finding)
        .put("signed_response", Hex.toHexString(signedResponse))
        .put("index", index)
        .put("alice_verifying_key", alice.toHex())
        .put("policy_key", policyKey.toHex())
        .put("bob_encrypting_key", bob.toHex());
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
  }

  /**
   * @throws WireFormatException naming the field that is missing or malformed
   */
  public static EvidenceFile load(Path file) throws IOException, WireFormatException {
    JsonNode o;
    try {
      o = JSON.readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new WireFormatException(file + " is not JSON: " + e.getOriginalMessage());
    }
    try {
      return new EvidenceFile(
          NodeAddress.fromHex(text(o, "node")),
          text(o, "finding"),
          Hex.decode(text(o, "signed_response")),
          o.path("index").asInt(-1),
          key(o, "alice_verifying_key"),
          key(o, "policy_key"),
          key(o, "bob_encrypting_key"));
    } catch (DecoderException | IllegalArgumentException e) {
      throw new WireFormatException(file + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode o, String field) throws WireFormatException {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new WireFormatException("evidence: missing field " + field);
    }
    return v.asText();
  }

  private static PublicKey key(JsonNode o, String field) throws WireFormatException {
    try {
      return PublicKey.fromCompressedBytes(Hex.decode(text(o, field)));
    } catch (MalformedInputException | DecoderException e) {
      throw new WireFormatException("evidence: field " + field + ": " + e.getMessage());
    }
  }
}
