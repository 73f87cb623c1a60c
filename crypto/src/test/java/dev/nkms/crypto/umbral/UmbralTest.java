package dev.nkms.crypto.umbral;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.PEACE_AT_DAWN;
import static dev.nkms.crypto.TestFixtures.fixedKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.TestFixtures.CountingSource;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.ScalarDigest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PRE API end to end (spec §3, §7.2, §9.9, §9.10).
 *
 * <p>Why this file is long: it mirrors Umbral, the whole primitive's API (encrypt, kfrags,
 * re-encryption, verification, decryption), with the spec's rules one case each.
 */
class UmbralTest {
  private static final String ON_OPEN = "Re-encryption error on open: ";
  private static final String DEM_FAILED =
      "Decryption of ciphertext failed: either someone tampered with the ciphertext or you are using an incorrect"
          + " decryption key.";

  // ---- encrypt / decryptOriginal ----

  @Test
  void ciphertextLengthsAreNoncePlusPlaintextPlusTag() throws Exception {
    SecretKey alice = fixedKey(0x11);
    Umbral.Encrypted empty = Umbral.encrypt(alice.publicKey(), new byte[0]);
    Umbral.Encrypted peace = Umbral.encrypt(alice.publicKey(), PEACE_AT_DAWN);
    assertThat(empty.ciphertext()).hasSize(40);
    assertThat(peace.ciphertext()).hasSize(53);
    assertThat(Umbral.decryptOriginal(alice, empty.capsule(), empty.ciphertext())).isEmpty();
    assertThat(Umbral.decryptOriginal(alice, peace.capsule(), peace.ciphertext()))
        .isEqualTo(PEACE_AT_DAWN);
  }

  @Test
  void encryptDecryptOriginalRoundTripsSeededInputs() throws Exception {
    SplittableRandom rnd = new SplittableRandom(80);
    for (int i = 0; i < 40; i++) {
      SecretKey sk = SecretKey.random(rnd::nextBytes);
      byte[] pt = new byte[i == 0 ? 1 << 20 : rnd.nextInt(0, 2000)];
      rnd.nextBytes(pt);
      Umbral.Encrypted enc = Umbral.encrypt(sk.publicKey(), pt, rnd::nextBytes);
      assertThat(enc.ciphertext()).hasSize(pt.length + 40);
      Capsule parsed = Capsule.fromBytes(enc.capsule().toBytes());
      assertThat(Umbral.decryptOriginal(sk, parsed, enc.ciphertext())).isEqualTo(pt);
    }
  }

  @Test
  void ciphertextAccessorReturnsACopy() {
    Umbral.Encrypted enc = Umbral.encrypt(fixedKey(0x11).publicKey(), PEACE_AT_DAWN);
    byte[] ct = enc.ciphertext();
    ct[30] ^= 1;
    assertThat(enc.ciphertext()).isNotEqualTo(ct);
  }

  @Test
  void decryptOriginalFailures() {
    SecretKey alice = fixedKey(0x11);
    Umbral.Encrypted enc = Umbral.encrypt(alice.publicKey(), PEACE_AT_DAWN);
    byte[] ct = enc.ciphertext();
    assertThatThrownBy(() -> Umbral.decryptOriginal(fixedKey(0x22), enc.capsule(), ct))
        .isInstanceOf(DecryptionException.class)
        .hasMessage(DEM_FAILED);
    for (int i = 0; i < ct.length; i += 5) {
      byte[] bad = ct.clone();
      bad[i] ^= 0x80;
      assertThatThrownBy(() -> Umbral.decryptOriginal(alice, enc.capsule(), bad))
          .hasMessage(DEM_FAILED);
    }
    assertThatThrownBy(() -> Umbral.decryptOriginal(alice, enc.capsule(), Arrays.copyOf(ct, 23)))
        .isInstanceOf(DecryptionException.class)
        .hasMessage("The ciphertext must include the nonce");
    Capsule other = Umbral.encrypt(alice.publicKey(), PEACE_AT_DAWN).capsule();
    assertThatThrownBy(() -> Umbral.decryptOriginal(alice, other, ct)).hasMessage(DEM_FAILED);
  }

  @Test
  void aCapsuleWithEPlusVAtInfinityIsValidButFailsCleanly() throws Exception {
    // Spec §9.1 asks for identity results (E + V = O, E′ + V′ = O) to give clean errors. Such a
    // capsule passes the
    // self-check: V = v·G, E = −V, s = v·(1 − h) with h = H(E, V) satisfies s·G = V + h·E.
    Scalar v = dev.nkms.crypto.TestFixtures.scalar(BigInteger.valueOf(31337));
    Point vv = Point.mulG(v);
    Point e = vv.negate();
    Scalar h = ScalarDigest.withTag(ScalarDigest.CAPSULE_POINTS).chain(e).chain(vv).finish();
    Scalar s = v.multiply(Scalar.ONE.subtract(h));
    byte[] bytes =
        dev.nkms.crypto.TestFixtures.concat(
            dev.nkms.crypto.TestFixtures.hex("93c421"),
            e.toCompressed(),
            dev.nkms.crypto.TestFixtures.hex("c421"),
            vv.toCompressed(),
            dev.nkms.crypto.TestFixtures.hex("c420"),
            s.toBytes());
    Capsule evil = Capsule.fromBytes(bytes);
    Scenario sc = new Scenario("infinity");
    assertThatThrownBy(() -> Umbral.decryptOriginal(sc.alice, evil, sc.ciphertext))
        .isInstanceOf(DecryptionException.class)
        .hasMessageContaining("infinity");
    // A proxy re-encrypts it happily (nothing is at infinity for E1, V1), Bob's check passes,
    // decryption fails typed.
    VerifiedCapsuleFrag c0 =
        CapsuleFrag.fromBytes(Umbral.reencrypt(evil, sc.kfrags.get(0)).toBytes())
            .verify(evil, sc.verifyingPk, sc.alicePk, sc.bobPk);
    VerifiedCapsuleFrag c1 = Umbral.reencrypt(evil, sc.kfrags.get(1));
    assertThatThrownBy(
            () ->
                Umbral.decryptReencrypted(sc.bob, sc.alicePk, evil, List.of(c0, c1), sc.ciphertext))
        .isInstanceOf(DecryptionException.class)
        .hasMessageStartingWith(ON_OPEN);
  }

  // ---- the full delegation flow ----

  static Stream<Arguments> configurations() {
    List<Arguments> out = new ArrayList<>();
    int[][] sizes = {{1, 1}, {2, 3}, {3, 5}, {10, 20}};
    for (int[] size : sizes) {
      for (boolean dk : new boolean[] {false, true}) {
        for (boolean rk : new boolean[] {false, true}) {
          out.add(Arguments.of(size[0], size[1], dk, rk));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}-of-{1}, sign_dk={2}, sign_rk={3}")
  @MethodSource("configurations")
  void fullFlowThroughSerializedObjects(int t, int n, boolean signDk, boolean signRk)
      throws Exception {
    SecretKey alice = SecretKey.random();
    SecretKey bob = SecretKey.random();
    Signer signer = new Signer(SecretKey.random());
    byte[] plaintext =
        ("threshold " + t + " of " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8);

    Umbral.Encrypted enc = Umbral.encrypt(alice.publicKey(), plaintext);
    Capsule capsule = Capsule.fromBytes(enc.capsule().toBytes());
    List<VerifiedKeyFrag> kfrags =
        Umbral.generateKFrags(alice, bob.publicKey(), signer, t, n, signDk, signRk);
    assertThat(kfrags).hasSize(n);
    assertThat(kfrags.stream().map(k -> Arrays.toString(k.id())).distinct()).hasSize(n);

    List<VerifiedCapsuleFrag> cfrags = new ArrayList<>();
    for (VerifiedKeyFrag k : kfrags) {
      // The proxy receives bytes, checks them with the keys the flags name, and re-encrypts.
      KeyFrag received = KeyFrag.fromBytes(k.toBytes());
      assertThat(received.delegatingKeySigned()).isEqualTo(signDk);
      assertThat(received.receivingKeySigned()).isEqualTo(signRk);
      VerifiedKeyFrag vk =
          received.verify(
              signer.verifyingKey(),
              signDk ? alice.publicKey() : null,
              signRk ? bob.publicKey() : null);
      VerifiedCapsuleFrag made = Umbral.reencrypt(capsule, vk);
      // Bob receives bytes and checks them.
      cfrags.add(
          CapsuleFrag.fromBytes(made.toBytes())
              .verify(capsule, signer.verifyingKey(), alice.publicKey(), bob.publicKey()));
    }
    assertThat(
            Umbral.decryptReencrypted(
                bob, alice.publicKey(), capsule, cfrags.subList(0, t), enc.ciphertext()))
        .isEqualTo(plaintext);
    assertThat(Umbral.decryptReencrypted(bob, alice.publicKey(), capsule, cfrags, enc.ciphertext()))
        .isEqualTo(plaintext);
    List<VerifiedCapsuleFrag> reversed = new ArrayList<>(cfrags.subList(n - t, n));
    Collections.reverse(reversed);
    assertThat(
            Umbral.decryptReencrypted(bob, alice.publicKey(), capsule, reversed, enc.ciphertext()))
        .isEqualTo(plaintext);
    if (t > 1) {
      assertThatThrownBy(
              () ->
                  Umbral.decryptReencrypted(
                      bob, alice.publicKey(), capsule, cfrags.subList(0, t - 1), enc.ciphertext()))
          .isInstanceOf(DecryptionException.class)
          .hasMessage(ON_OPEN + "Internal validation failed");
    }
  }

  @Test
  void everySubsetAtOrAboveTheThresholdDecryptsInAnyOrder() throws Exception {
    Scenario s = new Scenario("subsets", 3, 5, true, true, PEACE_AT_DAWN);
    Random rnd = new Random(81);
    int checked = 0;
    for (int mask = 1; mask < 32; mask++) {
      List<VerifiedCapsuleFrag> subset = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        if ((mask & (1 << i)) != 0) {
          subset.add(s.cfrags.get(i));
        }
      }
      Collections.shuffle(subset, rnd);
      if (subset.size() >= 3) {
        assertThat(Umbral.decryptReencrypted(s.bob, s.alicePk, s.capsule, subset, s.ciphertext))
            .as("subset mask %s", Integer.toBinaryString(mask))
            .isEqualTo(PEACE_AT_DAWN);
        checked++;
      } else {
        assertThatThrownBy(
                () -> Umbral.decryptReencrypted(s.bob, s.alicePk, s.capsule, subset, s.ciphertext))
            .as("subset mask %s", Integer.toBinaryString(mask))
            .isInstanceOf(DecryptionException.class)
            .hasMessage(ON_OPEN + "Internal validation failed");
      }
    }
    assertThat(checked).isEqualTo(16); // C(5,3) + C(5,4) + C(5,5)
    // Every permutation of one 3-subset.
    List<List<VerifiedCapsuleFrag>> perms = new ArrayList<>();
    permutations(new ArrayList<>(s.cfrags.subList(1, 4)), 0, perms);
    assertThat(perms).hasSize(6);
    for (List<VerifiedCapsuleFrag> p : perms) {
      assertThat(Umbral.decryptReencrypted(s.bob, s.alicePk, s.capsule, p, s.ciphertext))
          .isEqualTo(PEACE_AT_DAWN);
    }
  }

  private static <T> void permutations(List<T> items, int k, List<List<T>> out) {
    if (k == items.size()) {
      out.add(new ArrayList<>(items));
      return;
    }
    for (int i = k; i < items.size(); i++) {
      Collections.swap(items, k, i);
      permutations(items, k + 1, out);
      Collections.swap(items, k, i);
    }
  }

  @Test
  void decryptReencryptedErrors() {
    Scenario s = new Scenario("errors");
    List<VerifiedCapsuleFrag> c = s.cfrags;
    assertThatThrownBy(
            () -> Umbral.decryptReencrypted(s.bob, s.alicePk, s.capsule, List.of(), s.ciphertext))
        .isInstanceOf(DecryptionException.class)
        .hasMessage(ON_OPEN + "Empty CapsuleFrag sequence");
    assertThatThrownBy(
            () ->
                Umbral.decryptReencrypted(
                    s.bob, s.alicePk, s.capsule, List.of(c.get(0), c.get(0)), s.ciphertext))
        .isInstanceOf(DecryptionException.class)
        .hasMessage(ON_OPEN + "Some of the CapsuleFrags are repeated");
    assertThatThrownBy(
            () ->
                Umbral.decryptReencrypted(
                    s.bob,
                    s.alicePk,
                    s.capsule,
                    List.of(c.get(0), c.get(1), c.get(0)),
                    s.ciphertext))
        .hasMessage(ON_OPEN + "Some of the CapsuleFrags are repeated");
    assertThatThrownBy(
            () ->
                Umbral.decryptReencrypted(
                    s.bob, s.alicePk, s.capsule, List.of(c.get(2)), s.ciphertext))
        .hasMessage(ON_OPEN + "Internal validation failed");

    // Two generate_kfrags calls for the same capsule: different precursors.
    List<VerifiedKeyFrag> second =
        Umbral.generateKFrags(s.alice, s.bobPk, s.signer, 2, 3, true, true);
    VerifiedCapsuleFrag foreign = Umbral.reencrypt(s.capsule, second.get(1));
    assertThatThrownBy(
            () ->
                Umbral.decryptReencrypted(
                    s.bob, s.alicePk, s.capsule, List.of(c.get(0), foreign), s.ciphertext))
        .isInstanceOf(DecryptionException.class)
        .hasMessage(ON_OPEN + "CapsuleFrags are not pairwise consistent");

    // The wrong receiving key, the wrong delegating key, cfrags for another capsule.
    SecretKey eve = fixedKey(0x44);
    assertThatThrownBy(() -> Umbral.decryptReencrypted(eve, s.alicePk, s.capsule, c, s.ciphertext))
        .isInstanceOf(DecryptionException.class)
        .hasMessage(ON_OPEN + "Internal validation failed");
    assertThatThrownBy(
            () -> Umbral.decryptReencrypted(s.bob, eve.publicKey(), s.capsule, c, s.ciphertext))
        .hasMessage(ON_OPEN + "Internal validation failed");
    Umbral.Encrypted other = Umbral.encrypt(s.alicePk, PEACE_AT_DAWN);
    assertThatThrownBy(
            () ->
                Umbral.decryptReencrypted(s.bob, s.alicePk, other.capsule(), c, other.ciphertext()))
        .hasMessage(ON_OPEN + "Internal validation failed");

    // A tampered ciphertext fails in the DEM, after the capsule opened.
    byte[] bad = s.ciphertext.clone();
    bad[bad.length - 1] ^= 1;
    assertThatThrownBy(() -> Umbral.decryptReencrypted(s.bob, s.alicePk, s.capsule, c, bad))
        .isInstanceOf(DecryptionException.class)
        .hasMessage("Re-encryption error on decryption: " + DEM_FAILED);
    assertThatThrownBy(
            () -> Umbral.decryptReencrypted(s.bob, s.alicePk, s.capsule, c, new byte[10]))
        .hasMessage("Re-encryption error on decryption: The ciphertext must include the nonce");
  }

  @Test
  void unverifiedCfragsFromOtherDelegationsCannotOpen() throws Exception {
    // Bob skips verification and is handed a cfrag made for another receiver: decryption must still
    // fail cleanly.
    Scenario s = new Scenario("skip");
    List<VerifiedKeyFrag> forEve =
        Umbral.generateKFrags(s.alice, fixedKey(0x44).publicKey(), s.signer, 2, 3, true, true);
    VerifiedCapsuleFrag evil =
        CapsuleFrag.fromBytes(Umbral.reencrypt(s.capsule, forEve.get(0)).toBytes())
            .skipVerification();
    assertThatThrownBy(
            () ->
                Umbral.decryptReencrypted(
                    s.bob, s.alicePk, s.capsule, List.of(s.cfrags.get(0), evil), s.ciphertext))
        .isInstanceOf(DecryptionException.class)
        .hasMessageStartingWith(ON_OPEN);
  }

  @Test
  void generateKFragsValidatesItsArguments() {
    SecretKey alice = fixedKey(0x11);
    PublicKey bob = fixedKey(0x22).publicKey();
    Signer signer = new Signer(fixedKey(0x33));
    int[][] bad = {{0, 2}, {0, 0}, {2, 0}, {3, 2}, {-1, 3}, {1, 0}};
    for (int[] b : bad) {
      assertThatThrownBy(() -> Umbral.generateKFrags(alice, bob, signer, b[0], b[1], true, true))
          .as("threshold %d, shares %d", b[0], b[1])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("threshold");
    }
    assertThat(Umbral.generateKFrags(alice, bob, signer, 1, 1, true, true)).hasSize(1);
    assertThat(Umbral.generateKFrags(alice, bob, signer, 4, 4, false, false)).hasSize(4);
  }

  @Test
  void generateKFragsReturnsAnUnmodifiableList() {
    List<VerifiedKeyFrag> k = new Scenario("immutable").kfrags;
    List<VerifiedKeyFrag> fresh =
        Umbral.generateKFrags(
            fixedKey(0x11),
            fixedKey(0x22).publicKey(),
            new Signer(fixedKey(0x33)),
            1,
            2,
            true,
            true);
    assertThatThrownBy(() -> fresh.add(k.get(0))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void selfDelegationWorks() throws Exception {
    SecretKey alice = fixedKey(0x11);
    Signer signer = new Signer(alice);
    Umbral.Encrypted enc = Umbral.encrypt(alice.publicKey(), PEACE_AT_DAWN);
    List<VerifiedKeyFrag> kfrags =
        Umbral.generateKFrags(alice, alice.publicKey(), signer, 1, 1, true, true);
    VerifiedCapsuleFrag cfrag =
        CapsuleFrag.fromBytes(Umbral.reencrypt(enc.capsule(), kfrags.get(0)).toBytes())
            .verify(enc.capsule(), alice.publicKey(), alice.publicKey(), alice.publicKey());
    assertThat(
            Umbral.decryptReencrypted(
                alice, alice.publicKey(), enc.capsule(), List.of(cfrag), enc.ciphertext()))
        .isEqualTo(PEACE_AT_DAWN);
  }

  @Test
  void reencryptingTwiceGivesDifferentButEquallyValidCfrags() throws Exception {
    Scenario s = new Scenario("twice");
    VerifiedCapsuleFrag a = Umbral.reencrypt(s.capsule, s.kfrags.get(0));
    VerifiedCapsuleFrag b = Umbral.reencrypt(s.capsule, s.kfrags.get(0));
    assertThat(a.toBytes()).isNotEqualTo(b.toBytes()); // a fresh proof nonce t
    // E1 and V1 (bytes 3..71) depend only on the kfrag and the capsule.
    assertThat(Arrays.copyOfRange(a.toBytes(), 0, 140))
        .isEqualTo(Arrays.copyOfRange(b.toBytes(), 0, 140));
    CapsuleFrag.fromBytes(b.toBytes()).verify(s.capsule, s.verifyingPk, s.alicePk, s.bobPk);
    // Two cfrags from the same kfrag are "repeated".
    assertThatThrownBy(
            () ->
                Umbral.decryptReencrypted(s.bob, s.alicePk, s.capsule, List.of(a, b), s.ciphertext))
        .hasMessage(ON_OPEN + "Some of the CapsuleFrags are repeated");
  }

  // ---- determinism and RNG consumption (spec §3.10, §6.1) ----

  @Test
  void sameSeedGivesIdenticalBytesDifferentSeedDifferentBytes() {
    Scenario a = new Scenario("determinism");
    Scenario b = new Scenario("determinism");
    Scenario c = new Scenario("determinism!");
    assertThat(a.capsuleBytes()).isEqualTo(b.capsuleBytes());
    assertThat(a.ciphertext).isEqualTo(b.ciphertext);
    for (int i = 0; i < 3; i++) {
      assertThat(a.kfragBytes(i)).isEqualTo(b.kfragBytes(i));
      assertThat(a.cfragBytes(i)).isEqualTo(b.cfragBytes(i));
      assertThat(a.kfragBytes(i)).isNotEqualTo(c.kfragBytes(i));
    }
    assertThat(a.capsuleBytes()).isNotEqualTo(c.capsuleBytes());
  }

  private static long consumed(int t, int n, boolean dk, boolean rk) {
    CountingSource counting =
        new CountingSource(RandomSource.deterministicStream("consumption " + t + "/" + n));
    SecretKey alice = fixedKey(0x11);
    Umbral.Encrypted enc = Umbral.encrypt(alice.publicKey(), PEACE_AT_DAWN, counting);
    assertThat(counting.bytes()).isEqualTo(88);
    List<VerifiedKeyFrag> kfrags =
        Umbral.generateKFrags(
            alice, fixedKey(0x22).publicKey(), new Signer(fixedKey(0x33)), t, n, dk, rk, counting);
    assertThat(counting.bytes()).isEqualTo(88 + 32L * t + 96L * n);
    for (VerifiedKeyFrag k : kfrags) {
      Umbral.reencrypt(enc.capsule(), k, counting);
    }
    return counting.bytes();
  }

  @Test
  void consumesExactly88Plus32TPlus128NBytes() {
    assertThat(consumed(2, 3, true, true)).isEqualTo(536);
    assertThat(consumed(1, 1, false, false)).isEqualTo(88 + 32 + 128);
    assertThat(consumed(3, 5, true, false)).isEqualTo(88 + 96 + 640);
    assertThat(consumed(10, 20, false, true)).isEqualTo(88 + 320 + 2560);
  }

  @Test
  void drawsSitAtTheSpecOffsets() throws Exception {
    // Spec §6.1 table for 2-of-3: r 0–31, u 32–63, nonce 64–87, x_A 88–119, f_1 120–151, kfrag i id
    // at 152 + 96i.
    byte[] stream = RandomSource.deterministicStream("offsets").nextBytes(536);
    Scenario s = new Scenario("offsets");
    Scalar r = Scalar.fromBytes(Arrays.copyOfRange(stream, 0, 32));
    Scalar u = Scalar.fromBytes(Arrays.copyOfRange(stream, 32, 64));
    assertThat(s.capsule.e()).isEqualTo(Point.mulG(r));
    assertThat(s.capsule.v()).isEqualTo(Point.mulG(u));
    assertThat(Arrays.copyOf(s.ciphertext, 24)).isEqualTo(Arrays.copyOfRange(stream, 64, 88));
    Scalar xA = Scalar.fromBytes(Arrays.copyOfRange(stream, 88, 120));
    for (int i = 0; i < 3; i++) {
      KeyFrag k = s.kfrags.get(i).unverify();
      assertThat(k.precursor()).isEqualTo(Point.mulG(xA));
      assertThat(k.id()).isEqualTo(Arrays.copyOfRange(stream, 152 + 96 * i, 184 + 96 * i));
    }
    // The receiver's signature (ad at 184 + 96i) is made before the proxy's (ad at 216 + 96i).
    Signer signer = new Signer(fixedKey(0x33));
    KeyFrag k0 = s.kfrags.get(0).unverify();
    byte[] msg =
        KeyFrag.signatureMessage(k0.id(), k0.commitment(), k0.precursor(), s.alicePk, s.bobPk);
    assertThat(
            signer.sign(
                msg, dev.nkms.crypto.TestFixtures.sourceOf(Arrays.copyOfRange(stream, 184, 216))))
        .isEqualTo(k0.signatureForReceiver());
    // cfrag i's proof nonce t is at 440 + 32i: U2 = t·U.
    for (int i = 0; i < 3; i++) {
      Scalar t = Scalar.fromBytes(Arrays.copyOfRange(stream, 440 + 32 * i, 472 + 32 * i));
      byte[] u2 = Arrays.copyOfRange(s.cfragBytes(i), 248, 281);
      assertThat(u2).isEqualTo(Parameters.u().mulPublic(t).toCompressed());
    }
  }

  // ---- internal consistency (spec §7.1) ----

  @Test
  void lagrangeInterpolationOfKfragKeysAtZeroIsAOverD() {
    for (int[] tn : new int[][] {{1, 1}, {2, 3}, {3, 5}, {5, 8}}) {
      int t = tn[0];
      int n = tn[1];
      Scenario s = new Scenario("lagrange " + t, t, n, true, true, PEACE_AT_DAWN);
      Point precursor = s.kfrags.get(0).unverify().precursor();
      Point bobPoint = s.bobPk.point();
      Point dh = precursor.mulPublic(s.bob.secretScalar()); // b·X_A = x_A·B
      BigInteger d =
          ScalarDigest.withTag(ScalarDigest.SHARED_SECRET)
              .chain(precursor)
              .chain(bobPoint)
              .chain(dh)
              .finish()
              .toBigInteger();
      BigInteger expected = s.alice.secretScalar().toBigInteger().multiply(d.modInverse(N)).mod(N);

      BigInteger[] x = new BigInteger[n];
      BigInteger[] y = new BigInteger[n];
      for (int i = 0; i < n; i++) {
        KeyFrag k = s.kfrags.get(i).unverify();
        x[i] =
            ScalarDigest.withTag(ScalarDigest.POLYNOMIAL_ARG)
                .chain(precursor)
                .chain(bobPoint)
                .chain(dh)
                .chain(k.id())
                .finish()
                .toBigInteger();
        y[i] = k.key().toBigInteger();
        // The commitment is rk·U.
        assertThat(k.commitment()).isEqualTo(Parameters.u().mulPublic(k.key()));
      }
      // Any t of the n kfrags (here: the first t, the last t, and all n) interpolate to f_0 =
      // a·d⁻¹.
      assertThat(interpolateAtZero(x, y, 0, t)).as("%d-of-%d, first t", t, n).isEqualTo(expected);
      assertThat(interpolateAtZero(x, y, n - t, n))
          .as("%d-of-%d, last t", t, n)
          .isEqualTo(expected);
      assertThat(interpolateAtZero(x, y, 0, n)).as("%d-of-%d, all", t, n).isEqualTo(expected);
      if (t > 1) {
        assertThat(interpolateAtZero(x, y, 0, t - 1))
            .as("t − 1 points do not determine f_0")
            .isNotEqualTo(expected);
      }
    }
  }

  /** Σ y_i Π_{j≠i} x_j / (x_j − x_i) mod n over indexes [from, to). */
  private static BigInteger interpolateAtZero(BigInteger[] x, BigInteger[] y, int from, int to) {
    BigInteger sum = BigInteger.ZERO;
    for (int i = from; i < to; i++) {
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      for (int j = from; j < to; j++) {
        if (j != i) {
          num = num.multiply(x[j]).mod(N);
          den = den.multiply(x[j].subtract(x[i])).mod(N);
        }
      }
      sum = sum.add(y[i].multiply(num).multiply(den.modInverse(N))).mod(N);
    }
    return sum;
  }

  @Test
  void verifiedWrappersUnwrapToTheSameObjects() {
    Scenario s = new Scenario("wrappers");
    VerifiedKeyFrag vk = s.kfrags.get(0);
    assertThat(vk.unverify().toBytes()).isEqualTo(vk.toBytes());
    assertThat(vk.id()).isEqualTo(vk.unverify().id());
    VerifiedCapsuleFrag vc = s.cfrags.get(0);
    assertThat(vc.unverify().toBytes()).isEqualTo(vc.toBytes());
    assertThat(vc.toBytesSimple()).isEqualTo(vc.unverify().toBytesSimple());
    assertThat(vc).isNotEqualTo(s.cfrags.get(1));
    assertThat(vk.toString())
        .startsWith("Verified")
        .doesNotContain(dev.nkms.crypto.TestFixtures.hex(vk.unverify().key().toBytes()));
  }
}
