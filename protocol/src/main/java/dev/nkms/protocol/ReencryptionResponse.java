package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's answer: one cfrag per capsule, signed by the node over (hrac, capsules, cfrags). The
 * signed bytes are the evidence Bob keeps when a cfrag fails its proof — the node cannot deny
 * having sent it.
 */
public final class ReencryptionResponse {
  public static final String BRAND = "ReRs";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_SIZE = 512 * 1024;
  private static final String PURPOSE = "reencryption-response";

  private final Hrac hrac;
  private final List<Capsule> capsules;
  private final List<CapsuleFrag> cfrags;
  private final Signature signature;
  private final byte[] payload;
  private final byte[] bytes;

  private ReencryptionResponse(
      Hrac hrac,
      List<Capsule> capsules,
      List<CapsuleFrag> cfrags,
      Signature signature,
      byte[] payload,
      byte[] bytes) {
    this.hrac = hrac;
    this.capsules = capsules;
    this.cfrags = cfrags;
    this.signature = signature;
    this.payload = payload;
    this.bytes = bytes;
  }

  public static ReencryptionResponse sign(
      Hrac hrac,
      List<Capsule> capsules,
      List<VerifiedCapsuleFrag> cfrags,
      Signer node,
      RandomSource random) {
    if (capsules.size() != cfrags.size()) {
      throw new IllegalArgumentException("one cfrag per capsule");
    }
    MsgpackWriter w = new MsgpackWriter().array(3).bin(hrac.toBytes()).array(capsules.size());
    for (Capsule c : capsules) {
      w.bin(c.toBytes());
    }
    w.array(cfrags.size());
    List<CapsuleFrag> plain = new ArrayList<>();
    for (VerifiedCapsuleFrag c : cfrags) {
      w.bin(c.toBytes());
      plain.add(c.unverify());
    }
    byte[] payload = w.toBytes();
    Signature sig = Signing.sign(node, PURPOSE, payload, random);
    return new ReencryptionResponse(
        hrac,
        List.copyOf(capsules),
        List.copyOf(plain),
        sig,
        payload,
        SignedEnvelope.encode(BRAND, MAJOR, MINOR, payload, sig));
  }

  /** Parses only; call {@link #verify} with the node's key before using the cfrags. */
  public static ReencryptionResponse fromBytes(byte[] bytes) throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    MsgpackReader r = env.payloadReader(BRAND);
    r.struct(3, "response");
    Hrac hrac = Hrac.read(r, "hrac");
    int n = r.list(ReencryptionRequest.MAX_CAPSULES, "capsules");
    List<Capsule> capsules = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      capsules.add(Fields.capsule(r, "capsules[" + i + "]"));
    }
    int m = r.list(ReencryptionRequest.MAX_CAPSULES, "cfrags");
    if (m != n) {
      throw r.fail("cfrags", n + " capsules but " + m + " cfrags");
    }
    List<CapsuleFrag> cfrags = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      cfrags.add(Fields.cfrag(r, "cfrags[" + i + "]"));
    }
    r.end();
    return new ReencryptionResponse(
        hrac,
        List.copyOf(capsules),
        List.copyOf(cfrags),
        env.signature,
        env.payload,
        bytes.clone());
  }

  /**
   * Checks the node's signature and that the response answers exactly the request (same policy,
   * same capsules in the same order). Returns the cfrags, still unverified: each must pass {@code
   * CapsuleFrag.verify}.
   */
  public List<CapsuleFrag> verify(
      PublicKey nodeVerifyingKey, Hrac expectedHrac, List<Capsule> expectedCapsules)
      throws VerificationException {
    if (!Signing.verify(signature, nodeVerifyingKey, PURPOSE, payload)) {
      throw new VerificationException(
          "re-encryption response: the node's signature does not verify");
    }
    if (!hrac.equals(expectedHrac) || !capsules.equals(expectedCapsules)) {
      throw new VerificationException("re-encryption response does not answer this request");
    }
    return cfrags;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public Hrac hrac() {
    return hrac;
  }

  public List<Capsule> capsules() {
    return capsules;
  }

  public List<CapsuleFrag> cfrags() {
    return cfrags;
  }
}
