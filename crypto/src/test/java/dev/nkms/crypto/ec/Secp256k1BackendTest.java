package dev.nkms.crypto.ec;

import static dev.nkms.crypto.TestFixtures.P;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.concat;
import static dev.nkms.crypto.TestFixtures.randomScalarValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.ScalarDigest;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two back-ends must agree bit for bit on every operation the protocol uses, on seeded random
 * inputs. (That a whole Umbral run is identical under both is checked by {@code
 * VectorGeneratorTest}, which runs the other back-end in a child JVM, and by the build running the
 * suite once per back-end.)
 */
class Secp256k1BackendTest {
  private static final int CASES = 500;
  private static Secp256k1Backend acinq;
  private static Secp256k1Backend bc;

  @BeforeAll
  static void loadBoth() {
    bc = Backends.bouncyCastle();
    try {
      acinq = Backends.acinq();
    } catch (LinkageError | RuntimeException e) {
      Assumptions.abort("libsecp256k1 (acinq) cannot load on this machine: " + e);
    }
  }

  private static byte[] k(SplittableRandom rnd) {
    return be32(randomScalarValue(rnd));
  }

  /** −P on the raw 65-byte form: y := p − y. */
  private static byte[] negate(byte[] uncompressed) {
    byte[] out = uncompressed.clone();
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
    System.arraycopy(be32(P.subtract(y)), 0, out, 33, 32);
    return out;
  }

  @Test
  void namesIdentifyTheImplementations() {
    assertThat(acinq.name()).containsIgnoringCase("libsecp256k1");
    assertThat(bc.name()).containsIgnoringCase("BouncyCastle");
  }

  @Test
  void mulGAgrees() {
    SplittableRandom rnd = new SplittableRandom(100);
    for (int i = 0; i < CASES; i++) {
      byte[] k = k(rnd);
      byte[] a = acinq.mulG(k);
      assertThat(a).hasSize(65);
      assertThat(bc.mulG(k)).as("case %d", i).isEqualTo(a);
    }
    byte[] one = be32(BigInteger.ONE);
    assertThat(bc.mulG(one)).isEqualTo(acinq.mulG(one));
  }

  @Test
  void mulAgrees() {
    SplittableRandom rnd = new SplittableRandom(101);
    for (int i = 0; i < CASES; i++) {
      byte[] p = acinq.mulG(k(rnd));
      byte[] k = i % 10 == 0 ? be32(BigInteger.valueOf(1 + rnd.nextInt(1000))) : k(rnd);
      assertThat(bc.mul(p, k)).as("case %d", i).isEqualTo(acinq.mul(p, k));
    }
  }

  @Test
  void addAgreesIncludingDoublingAndInfinity() {
    SplittableRandom rnd = new SplittableRandom(102);
    for (int i = 0; i < CASES; i++) {
      byte[] p = acinq.mulG(k(rnd));
      byte[] q = acinq.mulG(k(rnd));
      assertThat(bc.add(p, q)).as("P + Q, case %d", i).isEqualTo(acinq.add(p, q));
      assertThat(bc.add(p, p)).as("P + P, case %d", i).isEqualTo(acinq.add(p, p));
      byte[] minusP = negate(p);
      assertThat(acinq.add(p, minusP)).as("acinq P + (−P), case %d", i).isNull();
      assertThat(bc.add(p, minusP)).as("bc P + (−P), case %d", i).isNull();
    }
  }

  @Test
  void decompressAgreesOnValidAndInvalidEncodings() {
    SplittableRandom rnd = new SplittableRandom(103);
    int onCurve = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] p = acinq.mulG(k(rnd));
      byte[] compressed = new byte[33];
      compressed[0] = (byte) (2 | (p[64] & 1));
      System.arraycopy(p, 1, compressed, 1, 32);
      assertThat(acinq.decompress(compressed)).isEqualTo(p);
      assertThat(bc.decompress(compressed)).isEqualTo(p);

      // A random x below p: on the curve about half the time; both must agree either way.
      byte[] x = new byte[32];
      rnd.nextBytes(x);
      if (new BigInteger(1, x).compareTo(P) >= 0) {
        continue;
      }
      byte[] random = concat(new byte[] {(byte) (2 + rnd.nextInt(2))}, x);
      byte[] a = acinq.decompress(random);
      byte[] b = bc.decompress(random);
      assertThat(b).as("case %d", i).isEqualTo(a);
      onCurve += a == null ? 0 : 1;
    }
    assertThat(onCurve).as("random x values that decode").isBetween(CASES / 4, 3 * CASES / 4);
    byte[] xIsP = concat(new byte[] {2}, be32(P));
    assertThat(acinq.decompress(xIsP)).isNull();
    assertThat(bc.decompress(xIsP)).isNull();
  }

  @Test
  void verifyEcdsaAgrees() throws Exception {
    SplittableRandom rnd = new SplittableRandom(104);
    RandomSource ad = rnd::nextBytes;
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      SecretKey sk = SecretKey.fromBEBytes(k(rnd));
      byte[] pk = sk.publicKey().point().toUncompressed();
      byte[] msg = new byte[1 + rnd.nextInt(64)];
      rnd.nextBytes(msg);
      byte[] digest = ScalarDigest.sha256(msg);
      byte[] rs = new Signer(sk).sign(msg, ad).toBEBytes();

      byte[][] digests = {digest, ScalarDigest.sha256(concat(msg, new byte[] {1}))};
      byte[] otherPk = acinq.mulG(k(rnd));
      byte[] badR = rs.clone();
      badR[31] ^= 1;
      byte[] badS = rs.clone();
      badS[63] ^= 1;
      for (byte[] d : digests) {
        for (byte[] key : new byte[][] {pk, otherPk}) {
          for (byte[] sig : new byte[][] {rs, badR, badS}) {
            boolean a = acinq.verifyEcdsa(key, d, sig);
            boolean b = bc.verifyEcdsa(key, d, sig);
            assertThat(b).as("case %d", i).isEqualTo(a);
            accepted += a ? 1 : 0;
          }
        }
      }
    }
    // Exactly the untampered signature with the right key and digest verifies, once per case.
    assertThat(accepted).isEqualTo(CASES);
  }

  @Test
  void activeBackendIsOneOfTheTwo() {
    assertThat(Backends.active().name()).isIn(acinq.name(), bc.name());
    byte[] k = be32(BigInteger.valueOf(424242));
    assertThat(Backends.active().mulG(k)).isEqualTo(bc.mulG(k));
    assertThat(Arrays.equals(Backends.active().mulG(k), acinq.mulG(k))).isTrue();
  }
}
