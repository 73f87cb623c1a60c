package dev.nkms.crypto.umbral;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.P;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.concat;
import static dev.nkms.crypto.TestFixtures.copyWith;
import static dev.nkms.crypto.TestFixtures.copyWithByte;
import static dev.nkms.crypto.TestFixtures.fixedKey;
import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.PublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CapsuleFrag layout (spec §4.5), strict parsing (§4.7) and the receiver's check (§3.8). */
class CapsuleFragTest {
  static final int E1_AT = 3;
  static final int V1_AT = 38;
  static final int ID_AT = 73;
  static final int PRECURSOR_AT = 107;
  static final int PROOF_AT = 140;
  static final int E2_AT = 143;
  static final int V2_AT = 178;
  static final int U1_AT = 213;
  static final int U2_AT = 248;
  static final int Z_AT = 283;
  static final int SIG_AT = 317;

  private final Scenario sc = new Scenario("cfrag-test");
  private final byte[] valid = sc.cfragBytes(0);

  static void assertMalformed(byte[] bytes, String... fragments) {
    assertThatThrownBy(() -> CapsuleFrag.fromBytes(bytes))
        .isInstanceOf(MalformedInputException.class)
        .satisfies(
            e -> {
              for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
              }
            });
  }

  private VerifiedCapsuleFrag verifyAsBob(byte[] bytes) throws Exception {
    return CapsuleFrag.fromBytes(bytes).verify(sc.capsule, sc.verifyingPk, sc.alicePk, sc.bobPk);
  }

  @Test
  void canonicalLayoutAndSimpleForm() {
    assertThat(valid).hasSize(CapsuleFrag.SERIALIZED_LENGTH).hasSize(381);
    assertThat(valid[0]).isEqualTo((byte) 0x95);
    assertThat(valid[PROOF_AT]).isEqualTo((byte) 0x96);
    int[] headers = {1, 36, 71, 105, 141, 176, 211, 246, 281, 315};
    String[] expected = {
      "c421", "c421", "c420", "c421", "c421", "c421", "c421", "c421", "c420", "c440"
    };
    for (int i = 0; i < headers.length; i++) {
      assertThat(hex(Arrays.copyOfRange(valid, headers[i], headers[i] + 2)))
          .as("header at %d", headers[i])
          .isEqualTo(expected[i]);
    }
    KeyFrag kfrag = sc.kfrags.get(0).unverify();
    assertThat(Arrays.copyOfRange(valid, ID_AT, ID_AT + 32)).isEqualTo(kfrag.id());
    assertThat(Arrays.copyOfRange(valid, PRECURSOR_AT, PRECURSOR_AT + 33))
        .isEqualTo(kfrag.precursor().toCompressed());
    assertThat(Arrays.copyOfRange(valid, U1_AT, U1_AT + 33))
        .isEqualTo(kfrag.commitment().toCompressed());
    assertThat(Arrays.copyOfRange(valid, SIG_AT, SIG_AT + 64))
        .isEqualTo(kfrag.signatureForReceiver().toBEBytes());
    // E1 = rk·E, V1 = rk·V (spec §3.7).
    assertThat(Arrays.copyOfRange(valid, E1_AT, E1_AT + 33))
        .isEqualTo(sc.capsule.e().mulPublic(kfrag.key()).toCompressed());
    assertThat(Arrays.copyOfRange(valid, V1_AT, V1_AT + 33))
        .isEqualTo(sc.capsule.v().mulPublic(kfrag.key()).toCompressed());

    byte[] simple = sc.cfrags.get(0).toBytesSimple();
    assertThat(simple).hasSize(CapsuleFrag.SIMPLE_LENGTH).hasSize(359);
    assertThat(simple)
        .isEqualTo(
            concat(
                slice(E1_AT, 33),
                slice(V1_AT, 33),
                slice(ID_AT, 32),
                slice(PRECURSOR_AT, 33),
                slice(E2_AT, 33),
                slice(V2_AT, 33),
                slice(U1_AT, 33),
                slice(U2_AT, 33),
                slice(Z_AT, 32),
                slice(SIG_AT, 64)));
    assertThat(sc.cfrags.get(0).unverify().toBytesSimple()).isEqualTo(simple);
  }

  private byte[] slice(int at, int len) {
    return Arrays.copyOfRange(valid, at, at + len);
  }

  @Test
  void satisfiesTheProofEquations() throws Exception {
    CapsuleFrag c = sc.cfrags.get(0).unverify();
    Point e2 = Point.fromCompressed(slice(E2_AT, 33));
    Point v2 = Point.fromCompressed(slice(V2_AT, 33));
    Point u1 = Point.fromCompressed(slice(U1_AT, 33));
    Point u2 = Point.fromCompressed(slice(U2_AT, 33));
    Scalar z = Scalar.reduce(new BigInteger(1, slice(Z_AT, 32)));
    Scalar h =
        CapsuleFrag.proofChallenge(sc.capsule.e(), c.e1(), e2, sc.capsule.v(), c.v1(), v2, u1, u2);
    assertThat(sc.capsule.e().mulPublic(z)).isEqualTo(e2.add(c.e1().mulPublic(h)));
    assertThat(sc.capsule.v().mulPublic(z)).isEqualTo(v2.add(c.v1().mulPublic(h)));
    assertThat(Parameters.u().mulPublic(z)).isEqualTo(u2.add(u1.mulPublic(h)));
  }

  @Test
  void roundTripsAndVerifies() throws Exception {
    CapsuleFrag parsed = CapsuleFrag.fromBytes(valid);
    assertThat(parsed.toBytes()).isEqualTo(valid);
    assertThat(parsed)
        .isEqualTo(sc.cfrags.get(0).unverify())
        .hasSameHashCodeAs(sc.cfrags.get(0).unverify());
    VerifiedCapsuleFrag verified = verifyAsBob(valid);
    assertThat(verified).isEqualTo(sc.cfrags.get(0)).hasSameHashCodeAs(sc.cfrags.get(0));
    assertThat(verified.toBytes()).isEqualTo(valid);
    assertThat(parsed.skipVerification().toBytes()).isEqualTo(valid);
    assertThat(parsed.kfragId()).isEqualTo(sc.kfrags.get(0).id());
    assertThat(parsed.toString()).contains(hex(sc.kfrags.get(0).id()));
    for (int i = 1; i < sc.shares; i++) {
      assertThat(verifyAsBob(sc.cfragBytes(i)).toBytes()).isEqualTo(sc.cfragBytes(i));
    }
  }

  @Test
  void rejectsEveryTruncationAndTrailingBytes() {
    for (int len = 0; len < valid.length; len++) {
      assertMalformed(Arrays.copyOf(valid, len), "CapsuleFrag", "truncated");
    }
    assertMalformed(concat(valid, new byte[] {0}), "CapsuleFrag", "1 trailing byte");
  }

  @Test
  void rejectsWrongHeaders() {
    assertMalformed(copyWithByte(valid, 0, 0x96), "cfrag", "5-element fixarray");
    assertMalformed(copyWithByte(valid, 0, 0x85), "found 0x85");
    assertMalformed(copyWithByte(valid, PROOF_AT, 0x95), "proof", "6-element fixarray");
    assertMalformed(copyWithByte(valid, PROOF_AT, 0xdc), "proof", "found 0xdc");
    assertMalformed(copyWithByte(valid, E1_AT - 2, 0xc5), "point_e1", "expected bin8");
    assertMalformed(
        copyWithByte(valid, ID_AT - 1, 0x1f),
        "kfrag_id",
        "expected 32 bytes, found a length of 31");
    assertMalformed(copyWithByte(valid, Z_AT - 1, 0x21), "proof.signature", "expected 32 bytes");
    assertMalformed(
        copyWithByte(valid, SIG_AT - 1, 0x48), "proof.kfrag_signature", "expected 64 bytes");
  }

  @Test
  void rejectsBadPoints() {
    int[] at = {E1_AT, V1_AT, PRECURSOR_AT, E2_AT, V2_AT, U1_AT, U2_AT};
    String[] names = {
      "point_e1",
      "point_v1",
      "precursor",
      "proof.point_e2",
      "proof.point_v2",
      "proof.kfrag_commitment",
      "proof.kfrag_pok"
    };
    for (int i = 0; i < at.length; i++) {
      assertMalformed(copyWithByte(valid, at[i], 0x04), names[i], "prefix 0x04");
      assertMalformed(copyWithByte(valid, at[i], 0x00), names[i], "prefix 0x00");
      assertMalformed(
          copyWith(valid, at[i] + 1, be32(P)), names[i], "Invalid curve point representation");
    }
  }

  @Test
  void rejectsNonCanonicalZAndBadSignatures() {
    assertMalformed(
        copyWith(valid, Z_AT, be32(N)), "proof.signature", "Invalid curve scalar representation");
    assertMalformed(
        copyWith(valid, Z_AT, be32(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))),
        "Invalid curve scalar representation");
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(valid, SIG_AT + 32, SIG_AT + 64));
    assertMalformed(
        copyWith(valid, SIG_AT + 32, be32(N.subtract(s))), "proof.kfrag_signature", "low-S");
    assertMalformed(
        copyWith(valid, SIG_AT + 32, new byte[32]), "proof.kfrag_signature", "non-zero");
  }

  @Test
  void zeroZParsesButFailsTheProof() throws Exception {
    // A zero scalar is a valid encoding for z (spec §2.2); the proof then fails.
    byte[] zeroZ = copyWith(valid, Z_AT, new byte[32]);
    assertThat(CapsuleFrag.fromBytes(zeroZ).toBytes()).isEqualTo(zeroZ);
    assertThatThrownBy(() -> verifyAsBob(zeroZ))
        .isInstanceOf(VerificationException.class)
        .hasMessage("Failed to verify reencryption proof");
  }

  // ---- CapsuleFrag.verify (spec §3.8) ----

  @Test
  void verifyWithTheWrongCapsuleFailsTheProof() {
    Capsule other = new Scenario("some other capsule").capsule;
    assertThatThrownBy(
            () -> CapsuleFrag.fromBytes(valid).verify(other, sc.verifyingPk, sc.alicePk, sc.bobPk))
        .isInstanceOf(VerificationException.class)
        .hasMessage("Failed to verify reencryption proof");
  }

  @Test
  void verifyWithWrongKeysFailsTheSignature() throws Exception {
    PublicKey stranger = fixedKey(0x44).publicKey();
    CapsuleFrag c = CapsuleFrag.fromBytes(valid);
    assertThatThrownBy(() -> c.verify(sc.capsule, sc.verifyingPk, sc.alicePk, stranger))
        .isInstanceOf(VerificationException.class)
        .hasMessage("Invalid CapsuleFrag signature");
    assertThatThrownBy(() -> c.verify(sc.capsule, sc.verifyingPk, stranger, sc.bobPk))
        .hasMessage("Invalid CapsuleFrag signature");
    assertThatThrownBy(() -> c.verify(sc.capsule, stranger, sc.alicePk, sc.bobPk))
        .hasMessage("Invalid CapsuleFrag signature");
    // sig_for_receiver always covers both keys, whatever the kfrag flags were (spec §9.8).
    Scenario unsigned = new Scenario("unsigned flags", 2, 3, false, false, new byte[0]);
    CapsuleFrag u = CapsuleFrag.fromBytes(unsigned.cfragBytes(0));
    u.verify(unsigned.capsule, unsigned.verifyingPk, unsigned.alicePk, unsigned.bobPk);
    assertThatThrownBy(
            () -> u.verify(unsigned.capsule, unsigned.verifyingPk, unsigned.alicePk, stranger))
        .hasMessage("Invalid CapsuleFrag signature");
  }

  @Test
  void verifyDetectsTamperedProofValues() {
    Point someOtherPoint = sc.capsule.e();
    int[] pointFields = {E1_AT, V1_AT, E2_AT, V2_AT, U2_AT};
    for (int at : pointFields) {
      byte[] tampered = copyWith(valid, at, someOtherPoint.toCompressed());
      assertThatThrownBy(() -> verifyAsBob(tampered))
          .as("point at %d", at)
          .isInstanceOf(VerificationException.class)
          .hasMessage("Failed to verify reencryption proof");
    }
    BigInteger z = new BigInteger(1, slice(Z_AT, 32));
    assertThatThrownBy(() -> verifyAsBob(copyWith(valid, Z_AT, be32(z.add(BigInteger.ONE).mod(N)))))
        .hasMessage("Failed to verify reencryption proof");
    // U1 (the commitment) and the id and precursor are covered by the signature.
    assertThatThrownBy(() -> verifyAsBob(copyWith(valid, U1_AT, someOtherPoint.toCompressed())))
        .hasMessage("Invalid CapsuleFrag signature");
    byte[] id = slice(ID_AT, 32);
    id[0] ^= 1;
    assertThatThrownBy(() -> verifyAsBob(copyWith(valid, ID_AT, id)))
        .hasMessage("Invalid CapsuleFrag signature");
    assertThatThrownBy(
            () -> verifyAsBob(copyWith(valid, PRECURSOR_AT, someOtherPoint.toCompressed())))
        .hasMessage("Invalid CapsuleFrag signature");
  }

  @Test
  void aCfragFromAnotherKfragOfTheSameDelegationIsNotInterchangeable() {
    // Splice cfrag 1's E1/V1 into cfrag 0: a proxy cannot pass one kfrag's work off as another's.
    byte[] spliced =
        copyWith(
            copyWith(valid, E1_AT, Arrays.copyOfRange(sc.cfragBytes(1), E1_AT, E1_AT + 33)),
            V1_AT,
            Arrays.copyOfRange(sc.cfragBytes(1), V1_AT, V1_AT + 33));
    assertThatThrownBy(() -> verifyAsBob(spliced))
        .hasMessage("Failed to verify reencryption proof");
  }

  @Test
  void aProxyReencryptingWithAKeyThatDoesNotMatchTheCommitmentIsCaught() {
    // kfrag 0's id, precursor, commitment and signatures, but kfrag 1's key: the E and V equations
    // still hold
    // (E1, V1, E2, V2 and z are all consistent with the key used); only z·U = U2 + h·U1 ties the
    // key to the signed
    // commitment.
    KeyFrag k0 = sc.kfrags.get(0).unverify();
    KeyFrag k1 = sc.kfrags.get(1).unverify();
    KeyFrag forged =
        new KeyFrag(
            k0.id(),
            k1.key(),
            k0.precursor(),
            k0.commitment(),
            KeyFragTest.signatureForProxy(k0),
            k0.signatureForReceiver(),
            true,
            true);
    assertThatThrownBy(() -> forged.verify(sc.verifyingPk, sc.alicePk, sc.bobPk))
        .hasMessage("Invalid kfrag commitment");
    byte[] bad = Umbral.reencrypt(sc.capsule, forged.skipVerification()).toBytes();
    assertThatThrownBy(() -> verifyAsBob(bad))
        .isInstanceOf(VerificationException.class)
        .hasMessage("Failed to verify reencryption proof");
  }
}
