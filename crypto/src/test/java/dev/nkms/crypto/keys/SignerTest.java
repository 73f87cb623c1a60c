package dev.nkms.crypto.keys;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.PEACE_AT_DAWN;
import static dev.nkms.crypto.TestFixtures.VERIFYING_PK;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.filled;
import static dev.nkms.crypto.TestFixtures.fixedKey;
import static dev.nkms.crypto.TestFixtures.hex;
import static dev.nkms.crypto.TestFixtures.randomScalarValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.TestFixtures.CountingSource;
import dev.nkms.crypto.TestFixtures.ScriptedSource;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;

class SignerTest {

  /**
   * An ECDSA verifier independent of the implementation's back-ends: BouncyCastle's generic
   * ECDSASigner.
   */
  private static boolean independentVerify(PublicKey pk, byte[] message, byte[] rs) {
    X9ECParameters params = CustomNamedCurves.getByName("secp256k1");
    ECDomainParameters domain =
        new ECDomainParameters(params.getCurve(), params.getG(), params.getN());
    ECDSASigner v = new ECDSASigner();
    v.init(
        false,
        new ECPublicKeyParameters(params.getCurve().decodePoint(pk.toCompressedBytes()), domain));
    byte[] digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256").digest(message);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    return v.verifySignature(
        digest,
        new BigInteger(1, Arrays.copyOf(rs, 32)),
        new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)));
  }

  @Test
  void specKnownAnswer() {
    // Spec §2.7: secret key 33×32, message "peace at dawn", ad = ab×32; WASM consumed exactly 32
    // RNG bytes.
    Signer signer = new Signer(fixedKey(0x33));
    CountingSource src = new CountingSource(new ScriptedSource(filled(32, 0xab)));
    Signature sig = signer.sign(PEACE_AT_DAWN, src);
    assertThat(hex(sig.toBEBytes())).isEqualTo(SignatureTest.SPEC_SIGNATURE);
    assertThat(src.bytes()).isEqualTo(32);
    assertThat(src.requests()).isEqualTo(1);
    assertThat(signer.verifyingKey().toHex()).isEqualTo(VERIFYING_PK);
  }

  @Test
  void sameAdSameSignatureDifferentAdDifferentSignature() {
    Signer signer = new Signer(fixedKey(0x33));
    byte[] a = signer.sign(PEACE_AT_DAWN, new ScriptedSource(filled(32, 1))).toBEBytes();
    byte[] a2 = signer.sign(PEACE_AT_DAWN, new ScriptedSource(filled(32, 1))).toBEBytes();
    byte[] b = signer.sign(PEACE_AT_DAWN, new ScriptedSource(filled(32, 2))).toBEBytes();
    assertThat(a).isEqualTo(a2);
    assertThat(Arrays.copyOf(a, 32))
        .isNotEqualTo(Arrays.copyOf(b, 32)); // a different nonce, so a different r
    assertThat(signer.sign(PEACE_AT_DAWN)).isNotEqualTo(signer.sign(PEACE_AT_DAWN)); // secure ad
  }

  @Test
  void signaturesAreLowSAndVerifyIndependently() throws Exception {
    SplittableRandom rnd = new SplittableRandom(40);
    BigInteger half = N.shiftRight(1);
    for (int i = 0; i < 200; i++) {
      SecretKey sk = SecretKey.fromBEBytes(be32(randomScalarValue(rnd)));
      Signer signer = new Signer(sk);
      byte[] msg = new byte[rnd.nextInt(0, 200)];
      rnd.nextBytes(msg);
      Signature sig = signer.sign(msg, rnd::nextBytes);
      byte[] rs = sig.toBEBytes();
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
      assertThat(s).isLessThanOrEqualTo(half).isPositive();
      assertThat(sig.verify(signer.verifyingKey(), msg)).isTrue();
      assertThat(independentVerify(signer.verifyingKey(), msg, rs)).isTrue();
      // The high-S twin (r, n − s) is a valid ECDSA signature too: unnormalized, half of these 200
      // would be high.
      byte[] twin = rs.clone();
      System.arraycopy(be32(N.subtract(s)), 0, twin, 32, 32);
      assertThat(independentVerify(signer.verifyingKey(), msg, twin)).isTrue();
      byte[] other = msg.length == 0 ? new byte[] {1} : msg.clone();
      other[0] ^= 1;
      assertThat(sig.verify(signer.verifyingKey(), other)).isFalse();
    }
  }

  @Test
  void verifyingKeyIsTheSigningKeysPublicKeyAndToStringHidesTheSecret() {
    SecretKey sk = fixedKey(0x33);
    Signer signer = new Signer(sk);
    assertThat(signer.verifyingKey()).isEqualTo(sk.publicKey());
    assertThat(signer.toString()).doesNotContain(hex(sk.toSecretBytes())).contains(VERIFYING_PK);
  }
}
