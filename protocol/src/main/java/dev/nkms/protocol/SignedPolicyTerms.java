package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;

/**
 * Policy terms with Alice's signature. Parsing verifies the signature against the Alice key inside
 * the terms, so an instance always carries terms that key really signed — conditions included.
 */
public final class SignedPolicyTerms {
  public static final String BRAND = "PTrm";
  static final int MAJOR = 2;
  static final int MINOR = 0;
  static final int MAX_SIZE = 4096;
  private static final String PURPOSE = "policy-terms";

  private final PolicyTerms terms;
  private final byte[] bytes;

  private SignedPolicyTerms(PolicyTerms terms, byte[] bytes) {
    this.terms = terms;
    this.bytes = bytes;
  }

  public static SignedPolicyTerms sign(PolicyTerms terms, Signer alice, RandomSource random) {
    if (!alice.verifyingKey().equals(terms.aliceVerifyingKey())) {
      throw new IllegalArgumentException(
          "terms name a different Alice verifying key than the signer's");
    }
    byte[] payload = terms.toPayload();
    Signature sig = Signing.sign(alice, PURPOSE, payload, random);
    return new SignedPolicyTerms(terms, SignedEnvelope.encode(BRAND, MAJOR, MINOR, payload, sig));
  }

  public static SignedPolicyTerms fromBytes(byte[] bytes) throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    PolicyTerms terms = PolicyTerms.read(env.payloadReader(BRAND));
    if (!Signing.verify(env.signature, terms.aliceVerifyingKey(), PURPOSE, env.payload)) {
      throw new BadSignatureException(
          BRAND + ": Alice's signature over the policy terms does not verify");
    }
    return new SignedPolicyTerms(terms, bytes.clone());
  }

  public PolicyTerms terms() {
    return terms;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** SHA-256 of the signed bytes: what kfrag authorizations bind to. */
  public byte[] digest() {
    return ScalarDigest.sha256(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedPolicyTerms && Arrays.equals(bytes, ((SignedPolicyTerms) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Signed" + terms;
  }
}
