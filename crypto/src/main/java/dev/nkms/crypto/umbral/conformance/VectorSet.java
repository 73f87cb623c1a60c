package dev.nkms.crypto.umbral.conformance;

import java.util.List;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/**
 * One file of the spec's JSON interchange format (§6.4): fixed keys, plaintext, capsule,
 * ciphertext, kfrags and the cfrags made from them, every byte string as lower-case hex. Values are
 * kept as given; checking them is {@link VectorChecker}'s job.
 */
public final class VectorSet {
  public final String aliceSk;
  public final String bobSk;
  public final String signerSk;
  public final String alicePk;
  public final String bobPk;
  public final String verifyingPk;
  public final String plaintext;
  public final String capsule;
  public final String ciphertext;
  public final int threshold;
  public final int shares;
  public final boolean signDelegatingKey;
  public final boolean signReceivingKey;
  public final List<String> kfrags;
  public final List<String> cfrags;

  public VectorSet(
      String aliceSk,
      String bobSk,
      String signerSk,
      String alicePk,
      String bobPk,
      String verifyingPk,
      String plaintext,
      String capsule,
      String ciphertext,
      int threshold,
      int shares,
      boolean signDelegatingKey,
      boolean signReceivingKey,
      List<String> kfrags,
      List<String> cfrags) {
    this.aliceSk = Objects.requireNonNull(aliceSk, "alice_sk");
    this.bobSk = Objects.requireNonNull(bobSk, "bob_sk");
    this.signerSk = Objects.requireNonNull(signerSk, "signer_sk");
    this.alicePk = Objects.requireNonNull(alicePk, "alice_pk");
    this.bobPk = Objects.requireNonNull(bobPk, "bob_pk");
    this.verifyingPk = Objects.requireNonNull(verifyingPk, "verifying_pk");
    this.plaintext = Objects.requireNonNull(plaintext, "plaintext");
    this.capsule = Objects.requireNonNull(capsule, "capsule");
    this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext");
    this.threshold = threshold;
    this.shares = shares;
    this.signDelegatingKey = signDelegatingKey;
    this.signReceivingKey = signReceivingKey;
    this.kfrags = List.copyOf(kfrags);
    this.cfrags = List.copyOf(cfrags);
  }

  /**
   * Exactly the bytes of JavaScript's {@code JSON.stringify(doc, null, 2) + "\n"}, so files compare
   * byte for byte.
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\n");
    field(sb, "alice_sk", str(aliceSk));
    field(sb, "bob_sk", str(bobSk));
    field(sb, "signer_sk", str(signerSk));
    field(sb, "alice_pk", str(alicePk));
    field(sb, "bob_pk", str(bobPk));
    field(sb, "verifying_pk", str(verifyingPk));
    field(sb, "plaintext", str(plaintext));
    field(sb, "capsule", str(capsule));
    field(sb, "ciphertext", str(ciphertext));
    field(sb, "threshold", Integer.toString(threshold));
    field(sb, "shares", Integer.toString(shares));
    field(sb, "sign_delegating_key", Boolean.toString(signDelegatingKey));
    field(sb, "sign_receiving_key", Boolean.toString(signReceivingKey));
    field(sb, "kfrags", array(kfrags));
    sb.append("  \"cfrags\": ").append(array(cfrags)).append("\n}\n");
    return sb.toString();
  }

  private static void field(StringBuilder sb, String name, String value) {
    sb.append("  \"").append(name).append("\": ").append(value).append(",\n");
  }

  private static String str(String hex) {
    return '"' + hex + '"';
  }

  private static String array(List<String> items) {
    if (items.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < items.size(); i++) {
      sb.append("    \"")
          .append(items.get(i))
          .append('"')
          .append(i + 1 < items.size() ? ",\n" : "\n");
    }
    return sb.append("  ]").toString();
  }

  static String hex(byte[] b) {
    return Hex.toHexString(b);
  }
}
