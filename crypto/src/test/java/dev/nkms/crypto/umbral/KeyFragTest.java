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
import dev.nkms.crypto.keys.PublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * KeyFrag layout (spec §4.4), strict parsing (§4.7, §7.2, §9.3, §9.4) and the proxy's check (§3.6).
 */
class KeyFragTest {
  static final String PREFIX =
      "9591c42103079390d0fbe220fc34aab8ecbf49098098036820fadb98c03143e55db8ec73cd";
  static final int U_AT = 4;
  static final int ID_AT = 39;
  static final int KEY_AT = 73;
  static final int PRECURSOR_AT = 107;
  static final int PROOF_AT = 140;
  static final int COMMITMENT_AT = 143;
  static final int SIG_PROXY_AT = 178;
  static final int SIG_RECEIVER_AT = 244;
  static final int DK_AT = 308;
  static final int RK_AT = 309;

  private final Scenario sc = new Scenario("kfrag-test");
  private final byte[] valid = sc.kfragBytes(0);

  static void assertMalformed(byte[] bytes, String... fragments) {
    assertThatThrownBy(() -> KeyFrag.fromBytes(bytes))
        .isInstanceOf(MalformedInputException.class)
        .satisfies(
            e -> {
              for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
              }
            });
  }

  private VerifiedKeyFrag verifyAsProxy(byte[] bytes) throws Exception {
    return KeyFrag.fromBytes(bytes).verify(sc.verifyingPk, sc.alicePk, sc.bobPk);
  }

  @Test
  void canonicalLayout() {
    assertThat(valid).hasSize(KeyFrag.SERIALIZED_LENGTH).hasSize(310);
    assertThat(hex(Arrays.copyOf(valid, 37))).isEqualTo(PREFIX);
    KeyFrag k = sc.kfrags.get(0).unverify();
    assertThat(Arrays.copyOfRange(valid, ID_AT, ID_AT + 32)).isEqualTo(k.id());
    assertThat(Arrays.copyOfRange(valid, KEY_AT, KEY_AT + 32)).isEqualTo(k.key().toBytes());
    assertThat(Arrays.copyOfRange(valid, PRECURSOR_AT, PRECURSOR_AT + 33))
        .isEqualTo(k.precursor().toCompressed());
    assertThat(valid[PROOF_AT]).isEqualTo((byte) 0x95);
    assertThat(Arrays.copyOfRange(valid, COMMITMENT_AT, COMMITMENT_AT + 33))
        .isEqualTo(k.commitment().toCompressed());
    assertThat(Arrays.copyOfRange(valid, SIG_RECEIVER_AT, SIG_RECEIVER_AT + 64))
        .isEqualTo(k.signatureForReceiver().toBEBytes());
    assertThat(valid[DK_AT]).isEqualTo((byte) 0xc3);
    assertThat(valid[RK_AT]).isEqualTo((byte) 0xc3);
    for (VerifiedKeyFrag other : sc.kfrags) {
      assertThat(hex(Arrays.copyOf(other.toBytes(), 37))).isEqualTo(PREFIX);
    }
  }

  @Test
  void flagsAreEncodedAsC2C3() {
    for (boolean dk : new boolean[] {false, true}) {
      for (boolean rk : new boolean[] {false, true}) {
        byte[] b = new Scenario("flags", 1, 1, dk, rk, new byte[0]).kfragBytes(0);
        assertThat(b[DK_AT]).isEqualTo((byte) (dk ? 0xc3 : 0xc2));
        assertThat(b[RK_AT]).isEqualTo((byte) (rk ? 0xc3 : 0xc2));
      }
    }
  }

  @Test
  void roundTripsAndVerifies() throws Exception {
    KeyFrag parsed = KeyFrag.fromBytes(valid);
    assertThat(parsed.toBytes()).isEqualTo(valid);
    assertThat(parsed).isEqualTo(sc.kfrags.get(0).unverify());
    VerifiedKeyFrag verified = parsed.verify(sc.verifyingPk, sc.alicePk, sc.bobPk);
    assertThat(verified.toBytes()).isEqualTo(valid);
    assertThat(verified).isEqualTo(sc.kfrags.get(0)).hasSameHashCodeAs(sc.kfrags.get(0));
    assertThat(parsed.skipVerification().toBytes()).isEqualTo(valid);
    assertThat(parsed.delegatingKeySigned()).isTrue();
    assertThat(parsed.receivingKeySigned()).isTrue();
  }

  @Test
  void idIsACopy() {
    KeyFrag k = sc.kfrags.get(0).unverify();
    byte[] id = k.id();
    id[0] ^= 1;
    assertThat(k.id()).isEqualTo(Arrays.copyOfRange(valid, ID_AT, ID_AT + 32));
    assertThat(sc.kfrags.get(0).id()).isEqualTo(k.id());
  }

  @Test
  void toStringNeverShowsTheKey() {
    for (VerifiedKeyFrag v : sc.kfrags) {
      String keyHex = hex(v.unverify().key().toBytes());
      assertThat(v.toString()).doesNotContain(keyHex).contains(hex(v.id()));
      assertThat(v.unverify().toString()).doesNotContain(keyHex);
    }
  }

  @Test
  void rejectsEveryTruncationAndTrailingBytes() {
    for (int len = 0; len < valid.length; len++) {
      assertMalformed(Arrays.copyOf(valid, len), "KeyFrag", "truncated");
    }
    assertMalformed(concat(valid, new byte[] {0}), "KeyFrag", "1 trailing byte");
  }

  @Test
  void rejectsWrongHeaders() {
    assertMalformed(copyWithByte(valid, 0, 0x94), "kfrag", "expected a 5-element fixarray");
    assertMalformed(copyWithByte(valid, 0, 0x85), "found 0x85"); // map form
    assertMalformed(copyWithByte(valid, 0, 0xdc), "found 0xdc"); // array16
    assertMalformed(copyWithByte(valid, 1, 0x92), "params", "1-element fixarray");
    // Parameters as a bare bin instead of a struct (reference: "expected struct Parameters").
    assertMalformed(copyWithByte(valid, 1, 0xc4), "params", "found 0xc4");
    assertMalformed(copyWithByte(valid, PROOF_AT, 0x96), "proof", "5-element fixarray");
    assertMalformed(copyWithByte(valid, ID_AT - 2, 0xc5), "id", "expected bin8");
    assertMalformed(copyWithByte(valid, KEY_AT - 2, 0xc6), "key", "expected bin8");
  }

  @Test
  void rejectsWrongFieldLengths() {
    assertMalformed(
        copyWithByte(valid, ID_AT - 1, 0x1f), "id", "expected 32 bytes, found a length of 31");
    assertMalformed(copyWithByte(valid, KEY_AT - 1, 0x1f), "key", "found a length of 31");
    assertMalformed(copyWithByte(valid, PRECURSOR_AT - 1, 0x20), "precursor", "expected 33 bytes");
    assertMalformed(
        copyWithByte(valid, SIG_PROXY_AT - 1, 0x3f), "signature_for_proxy", "expected 64 bytes");
    byte[] shortId =
        concat(
            Arrays.copyOf(valid, ID_AT - 1),
            new byte[] {0x1f},
            Arrays.copyOfRange(valid, ID_AT + 1, valid.length));
    assertMalformed(shortId, "truncated");
  }

  @Test
  void rejectsNonCanonicalKeys() {
    assertMalformed(copyWith(valid, KEY_AT, be32(N)), "key", "Invalid curve scalar representation");
    assertMalformed(
        copyWith(valid, KEY_AT, be32(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))),
        "key",
        "Invalid curve scalar representation");
    assertMalformed(copyWith(valid, KEY_AT, new byte[32]), "key is zero");
  }

  @Test
  void rejectsBadPoints() {
    assertMalformed(copyWithByte(valid, PRECURSOR_AT, 0x04), "precursor", "prefix 0x04");
    assertMalformed(copyWithByte(valid, COMMITMENT_AT, 0x05), "proof.commitment", "prefix 0x05");
    assertMalformed(
        copyWith(valid, PRECURSOR_AT + 1, be32(P)),
        "precursor",
        "Invalid curve point representation");
    assertMalformed(copyWithByte(valid, PRECURSOR_AT, 0x00), "precursor", "prefix 0x00");
  }

  @Test
  void rejectsANonStandardU() {
    // Spec §9.3: u := commitment and key := 1 passes KeyFrag.verify in the reference.
    byte[] commitment = Arrays.copyOfRange(valid, COMMITMENT_AT, COMMITMENT_AT + 33);
    byte[] attack = copyWith(copyWith(valid, U_AT, commitment), KEY_AT, be32(BigInteger.ONE));
    assertMalformed(attack, "params.u", "not the standard parameter U");
    assertMalformed(copyWith(valid, U_AT, sc.alicePk.toCompressedBytes()), "params.u");
    // −U (parity flipped) is a valid point but not U either.
    assertMalformed(
        copyWithByte(valid, U_AT, valid[U_AT] ^ 1), "params.u", "not the standard parameter U");
  }

  @Test
  void keyOneWithTheStandardUParsesButFailsTheCommitment() throws Exception {
    byte[] keyOne = copyWith(valid, KEY_AT, be32(BigInteger.ONE));
    KeyFrag k = KeyFrag.fromBytes(keyOne);
    assertThat(k.toBytes()).isEqualTo(keyOne);
    assertThatThrownBy(() -> k.verify(sc.verifyingPk, sc.alicePk, sc.bobPk))
        .isInstanceOf(VerificationException.class)
        .hasMessage("Invalid kfrag commitment");
  }

  @Test
  void rejectsBooleansThatAreNotC2OrC3() {
    for (int b : new int[] {0x00, 0x01, 0xc0, 0xc1, 0xc4}) {
      assertMalformed(
          copyWithByte(valid, DK_AT, b),
          "proof.delegating_key_signed",
          "expected a boolean",
          String.format("0x%02x", b));
      assertMalformed(
          copyWithByte(valid, RK_AT, b), "proof.receiving_key_signed", "expected a boolean");
    }
  }

  @Test
  void rejectsHighSAndOutOfRangeSignatures() {
    BigInteger sProxy =
        new BigInteger(1, Arrays.copyOfRange(valid, SIG_PROXY_AT + 32, SIG_PROXY_AT + 64));
    assertMalformed(
        copyWith(valid, SIG_PROXY_AT + 32, be32(N.subtract(sProxy))),
        "proof.signature_for_proxy",
        "low-S");
    BigInteger sRecv =
        new BigInteger(1, Arrays.copyOfRange(valid, SIG_RECEIVER_AT + 32, SIG_RECEIVER_AT + 64));
    assertMalformed(
        copyWith(valid, SIG_RECEIVER_AT + 32, be32(N.subtract(sRecv))),
        "proof.signature_for_receiver",
        "low-S");
    assertMalformed(copyWith(valid, SIG_PROXY_AT, new byte[32]), "signature_for_proxy", "non-zero");
    assertMalformed(
        copyWith(valid, SIG_RECEIVER_AT, be32(N)), "signature_for_receiver", "group order");
  }

  // ---- KeyFrag.verify (spec §3.6) ----

  @Test
  void verifyChecksFlagsAndKeysForAllFourCombinations() throws Exception {
    PublicKey stranger = fixedKey(0x44).publicKey();
    for (boolean dk : new boolean[] {false, true}) {
      for (boolean rk : new boolean[] {false, true}) {
        Scenario s = new Scenario("verify " + dk + rk, 2, 3, dk, rk, new byte[0]);
        KeyFrag k = KeyFrag.fromBytes(s.kfragBytes(1));
        // The keys the flags name verify; others may be null…
        k.verify(s.verifyingPk, dk ? s.alicePk : null, rk ? s.bobPk : null);
        // …or anything at all: a key for an unsigned flag is ignored, even a wrong one (spec §9.8).
        k.verify(s.verifyingPk, dk ? s.alicePk : stranger, rk ? s.bobPk : stranger);
        k.verify(s.verifyingPk, s.alicePk, s.bobPk);
        if (dk) {
          assertThatThrownBy(() -> k.verify(s.verifyingPk, null, s.bobPk))
              .isInstanceOf(VerificationException.class)
              .hasMessage(
                  "A signature of a delegating key was included in this kfrag but the key is not provided");
          assertThatThrownBy(() -> k.verify(s.verifyingPk, stranger, s.bobPk))
              .isInstanceOf(VerificationException.class)
              .hasMessage("Failed to verify the kfrag signature");
        }
        if (rk) {
          assertThatThrownBy(() -> k.verify(s.verifyingPk, s.alicePk, null))
              .isInstanceOf(VerificationException.class)
              .hasMessage(
                  "A signature of a receiving key was included in this kfrag, but the key is not provided");
          assertThatThrownBy(() -> k.verify(s.verifyingPk, s.alicePk, stranger))
              .isInstanceOf(VerificationException.class)
              .hasMessage("Failed to verify the kfrag signature");
        }
        assertThatThrownBy(() -> k.verify(stranger, s.alicePk, s.bobPk))
            .isInstanceOf(VerificationException.class)
            .hasMessage("Failed to verify the kfrag signature");
      }
    }
  }

  @Test
  void verifyChecksTheCommitmentBeforeTheKeys() throws Exception {
    // A tampered key with missing keys: the commitment error comes first (spec §3.6 order).
    byte[] tampered = copyWith(valid, KEY_AT, be32(BigInteger.valueOf(42)));
    KeyFrag k = KeyFrag.fromBytes(tampered);
    assertThatThrownBy(() -> k.verify(sc.verifyingPk, null, null))
        .hasMessage("Invalid kfrag commitment");
    // A kfrag with another kfrag's key (same delegation): commitment mismatch.
    byte[] otherKey = Arrays.copyOfRange(sc.kfragBytes(1), KEY_AT, KEY_AT + 32);
    assertThatThrownBy(() -> verifyAsProxy(copyWith(valid, KEY_AT, otherKey)))
        .hasMessage("Invalid kfrag commitment");
  }

  @Test
  void verifyDetectsTamperingWithSignedFields() throws Exception {
    // Flipping a flag changes the signed message (a key goes missing from it).
    assertThatThrownBy(() -> verifyAsProxy(copyWithByte(valid, DK_AT, 0xc2)))
        .hasMessage("Failed to verify the kfrag signature");
    assertThatThrownBy(() -> verifyAsProxy(copyWithByte(valid, RK_AT, 0xc2)))
        .hasMessage("Failed to verify the kfrag signature");
    // Another id.
    byte[] id = Arrays.copyOfRange(valid, ID_AT, ID_AT + 32);
    id[5] ^= 1;
    assertThatThrownBy(() -> verifyAsProxy(copyWith(valid, ID_AT, id)))
        .hasMessage("Failed to verify the kfrag signature");
    // Another precursor (from another delegation).
    byte[] precursor =
        Arrays.copyOfRange(new Scenario("x").kfragBytes(0), PRECURSOR_AT, PRECURSOR_AT + 33);
    assertThatThrownBy(() -> verifyAsProxy(copyWith(valid, PRECURSOR_AT, precursor)))
        .hasMessage("Failed to verify the kfrag signature");
    // signature_for_receiver in place of signature_for_proxy: they sign the same message only when
    // both flags are
    // set, so with both flags on this still verifies — but with a flag off it must not.
    Scenario partial = new Scenario("partial", 2, 3, true, false, new byte[0]);
    byte[] p = partial.kfragBytes(0);
    byte[] swapped =
        copyWith(p, SIG_PROXY_AT, Arrays.copyOfRange(p, SIG_RECEIVER_AT, SIG_RECEIVER_AT + 64));
    assertThatThrownBy(
            () -> KeyFrag.fromBytes(swapped).verify(partial.verifyingPk, partial.alicePk, null))
        .hasMessage("Failed to verify the kfrag signature");
  }

  /** signature_for_proxy, read back from the serialized form (the class has no accessor for it). */
  static dev.nkms.crypto.keys.Signature signatureForProxy(KeyFrag k) {
    try {
      return dev.nkms.crypto.keys.Signature.fromBEBytes(
          Arrays.copyOfRange(k.toBytes(), SIG_PROXY_AT, SIG_PROXY_AT + 64));
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }
}
