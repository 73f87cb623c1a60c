package dev.nkms.protocol;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic keys, parties and one sample of every protocol object, shared by the protocol
 * tests. Everything is derived from fixed secrets and seeded {@link Random}s, so a failure
 * reproduces byte for byte.
 */
final class Fixtures {
  private Fixtures() {}

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2031-01-01T00:00:00Z");
  static final String LABEL = "medical-records";

  /**
   * Alice signs terms, maps, authorizations and revocations; her policy key is a separate key pair.
   */
  static final SecretKey ALICE = key(0x11);

  static final SecretKey POLICY = key(0x12);
  static final SecretKey BOB_VERIFYING = key(0x21);
  static final SecretKey BOB_ENCRYPTING = key(0x22);
  static final SecretKey OTHER_BOB_ENCRYPTING = key(0x23);
  static final SecretKey MALLORY = key(0x66);
  static final SecretKey[] NODE_SIGNING = {key(0x31), key(0x32), key(0x33)};
  static final SecretKey[] NODE_ENCRYPTING = {key(0x41), key(0x42), key(0x43)};

  static final Signer ALICE_SIGNER = new Signer(ALICE);
  static final Signer BOB_SIGNER = new Signer(BOB_VERIFYING);
  static final Signer MALLORY_SIGNER = new Signer(MALLORY);

  /** The grant nonce of the sample policy, and of another one. */
  static final byte[] NONCE = bytes(16, 0x70);

  static final byte[] OTHER_NONCE = bytes(16, 0x71);
  static final Hrac HRAC = Hrac.derive(ALICE.publicKey(), NONCE);
  static final Hrac OTHER_HRAC = Hrac.derive(ALICE.publicKey(), OTHER_NONCE);

  /** A fresh deterministic random source. */
  static RandomSource random(long seed) {
    Random r = new Random(seed);
    return r::nextBytes;
  }

  static SecretKey key(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    try {
      return SecretKey.fromBEBytes(b);
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  static Signer nodeSigner(int i) {
    return new Signer(NODE_SIGNING[i]);
  }

  static NodeAddress nodeAddress(int i) {
    return NodeAddress.of(NODE_SIGNING[i].publicKey());
  }

  static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] concat(byte[]... parts) {
    return Hrac.concat(parts);
  }

  // ---------------------------------------------------------------------------------------------------- objects

  static Conditions someConditions() {
    return Conditions.of(
        new TimeWindow(T0.getEpochSecond(), T1.getEpochSecond()), AccessLogging.REQUIRED);
  }

  static PolicyTerms terms(Conditions conditions) {
    return new PolicyTerms(
        NONCE,
        2,
        3,
        T0,
        T1,
        0,
        conditions,
        POLICY.publicKey(),
        ALICE.publicKey(),
        BOB_VERIFYING.publicKey(),
        BOB_ENCRYPTING.publicKey());
  }

  static SignedPolicyTerms signedTerms(Conditions conditions) {
    return SignedPolicyTerms.sign(terms(conditions), ALICE_SIGNER, random(1));
  }

  /**
   * Signs {@code payload} as {@code purpose} and wraps it in {@code brand}'s signed envelope,
   * current version.
   */
  static byte[] signedEnvelope(String brand, String purpose, byte[] payload, Signer signer) {
    Signature sig = Signing.sign(signer, purpose, payload, random(7));
    return SignedEnvelope.encode(brand, major(brand), 0, payload, sig);
  }

  /** The major version this build writes for {@code brand}. */
  static int major(String brand) {
    switch (brand) {
      case SignedPolicyTerms.BRAND:
        return SignedPolicyTerms.MAJOR;
      case RevocationOrder.BRAND:
        return RevocationOrder.MAJOR;
      default:
        return 1;
    }
  }

  /** The (payload, signature) of a signed object's bytes (which must be well-formed). */
  static byte[][] split(byte[] signedObject) {
    int tag = signedObject[9] & 0xff;
    int start;
    int len;
    if (tag == 0xc4) {
      len = signedObject[10] & 0xff;
      start = 11;
    } else if (tag == 0xc5) {
      len = ((signedObject[10] & 0xff) << 8) | (signedObject[11] & 0xff);
      start = 12;
    } else if (tag == 0xc6) {
      len =
          ((signedObject[10] & 0xff) << 24)
              | ((signedObject[11] & 0xff) << 16)
              | ((signedObject[12] & 0xff) << 8)
              | (signedObject[13] & 0xff);
      start = 14;
    } else {
      throw new AssertionError("not a signed object");
    }
    byte[] payload = Arrays.copyOfRange(signedObject, start, start + len);
    byte[] sig = Arrays.copyOfRange(signedObject, start + len + 2, start + len + 2 + 64);
    return new byte[][] {payload, sig};
  }

  /** Offsets [payloadStart, payloadEnd, signatureStart, signatureEnd) of a signed object. */
  static int[] signedRegions(byte[] signedObject) {
    byte[][] parts = split(signedObject);
    int start = (signedObject[9] & 0xff) == 0xc4 ? 11 : (signedObject[9] & 0xff) == 0xc5 ? 12 : 14;
    int end = start + parts[0].length;
    return new int[] {start, end, end + 2, end + 66};
  }

  /** Lazily built samples (kfrag generation and re-encryption are not free). */
  static final class Samples {
    private Samples() {}

    static final SignedPolicyTerms TERMS = signedTerms(someConditions());
    static final SignedPolicyTerms TERMS_PLAIN = signedTerms(Conditions.NONE);
    static final List<VerifiedKeyFrag> KFRAGS =
        Umbral.generateKFrags(
            POLICY, BOB_ENCRYPTING.publicKey(), ALICE_SIGNER, 2, 3, true, true, random(2));
    static final KFragDelivery DELIVERY =
        KFragDelivery.seal(
            TERMS_PLAIN,
            KFRAGS.get(0),
            nodeAddress(0),
            NODE_ENCRYPTING[0].publicKey(),
            ALICE_SIGNER,
            random(3));

    static final Umbral.Encrypted SEALED_DEK =
        Umbral.encrypt(POLICY.publicKey(), bytes(32, 4), random(4));
    static final Capsule CAPSULE = SEALED_DEK.capsule();
    static final MessageKit KIT =
        new MessageKit(CAPSULE, SEALED_DEK.ciphertext(), someConditions(), 65536, 1_000_000);
    static final MessageKit KIT_PLAIN =
        new MessageKit(CAPSULE, SEALED_DEK.ciphertext(), Conditions.NONE, 4096, 0);

    static final List<Capsule> CAPSULES = capsules(3, 5);

    static final TreasureMap MAP = map();
    static final EncryptedTreasureMap ENCRYPTED_MAP =
        EncryptedTreasureMap.seal(MAP, ALICE_SIGNER, BOB_ENCRYPTING.publicKey(), random(6));

    static final ReencryptionRequest REQUEST =
        ReencryptionRequest.sign(
            HRAC,
            CAPSULES.subList(0, 2),
            Map.of("purpose", "audit", "app", "nkms-test"),
            T0,
            BOB_SIGNER,
            random(8));
    static final ReencryptionRequest REQUEST_SMALL =
        ReencryptionRequest.sign(
            HRAC, CAPSULES.subList(0, 1), Map.of("k", "v"), T0, BOB_SIGNER, random(9));

    static final List<VerifiedCapsuleFrag> CFRAGS = reencrypt(CAPSULES, KFRAGS.get(0));
    static final ReencryptionResponse RESPONSE =
        ReencryptionResponse.sign(HRAC, CAPSULES, CFRAGS, nodeSigner(0), random(10));
    static final ReencryptionResponse RESPONSE_SMALL =
        ReencryptionResponse.sign(
            HRAC, CAPSULES.subList(0, 1), CFRAGS.subList(0, 1), nodeSigner(0), random(11));

    static final RevocationOrder ORDER =
        RevocationOrder.sign(TERMS.terms(), nodeAddress(0), T0, ALICE_SIGNER, random(12));
    static final PolicyStatusQuery QUERY =
        PolicyStatusQuery.sign(TERMS.terms(), nodeAddress(0), T0, ALICE_SIGNER, random(16));
    static final PolicyStatus STATUS =
        PolicyStatus.sign(
            HRAC,
            nodeAddress(0),
            PolicyStatus.State.REVOKED,
            0,
            T1,
            T0,
            T0.plusSeconds(5),
            nodeSigner(0),
            random(17));
    static final RevocationReceipt RECEIPT =
        RevocationReceipt.sign(HRAC, nodeAddress(0), T0, nodeSigner(0), random(13));
    static final NodeMetadata METADATA =
        NodeMetadata.sign(
            nodeSigner(0),
            NODE_ENCRYPTING[0].publicKey(),
            "test",
            "node0.example.org",
            9151,
            bytes(32, 14),
            T0,
            random(14));

    static List<Capsule> capsules(int n, long seed) {
      RandomSource r = random(seed);
      List<Capsule> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(Umbral.encrypt(POLICY.publicKey(), bytes(32, i), r).capsule());
      }
      return List.copyOf(out);
    }

    static List<VerifiedCapsuleFrag> reencrypt(List<Capsule> capsules, VerifiedKeyFrag kfrag) {
      RandomSource r = random(15);
      List<VerifiedCapsuleFrag> out = new ArrayList<>();
      for (Capsule c : capsules) {
        out.add(Umbral.reencrypt(c, kfrag, r));
      }
      return List.copyOf(out);
    }

    private static TreasureMap map() {
      Map<NodeAddress, byte[]> dest = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        dest.put(nodeAddress(i), KFRAGS.get(i).id());
      }
      return new TreasureMap(2, HRAC, dest, POLICY.publicKey(), ALICE.publicKey());
    }
  }

  static PublicKey alicePk() {
    return ALICE.publicKey();
  }
}
