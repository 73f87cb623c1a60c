package dev.nkms.crypto.umbral;

import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.PointAtInfinityException;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.ec.SecretMultiplier;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.Hkdf;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.crypto.primitives.XChaCha20Poly1305;
import java.util.ArrayList;
import java.util.List;

/**
 * Umbral threshold proxy re-encryption, byte-compatible with umbral-pre 0.10.0 (spec:
 * shared/spec/umbral-0.10.md). Each operation draws randomness from the given {@link RandomSource}
 * in exactly the spec's order (§3.10); the overloads without one use {@link RandomSource#secure()}.
 *
 * <p>Every multiplication by a secret scalar (keys, r, u, x_A, kfrag keys, the proof nonce t, and
 * Bob's interpolation coefficients) goes through the fixed-base constant-time path or through
 * {@link SecretMultiplier} blinding; public scalars (hashes, proof responses) use the fast
 * variable-time path.
 */
public final class Umbral {
  private static final String ON_OPEN = "Re-encryption error on open: ";
  private static final String ON_DECRYPTION = "Re-encryption error on decryption: ";

  private Umbral() {}

  /** A capsule and the DEM ciphertext {@code nonce(24) ‖ ct ‖ tag(16)} it unlocks. */
  public static final class Encrypted {
    private final Capsule capsule;
    private final byte[] ciphertext;

    Encrypted(Capsule capsule, byte[] ciphertext) {
      this.capsule = capsule;
      this.ciphertext = ciphertext;
    }

    public Capsule capsule() {
      return capsule;
    }

    public byte[] ciphertext() {
      return ciphertext.clone();
    }
  }

  public static Encrypted encrypt(PublicKey delegatingKey, byte[] plaintext) {
    return encrypt(delegatingKey, plaintext, RandomSource.secure());
  }

  /** Spec §3.2. Draws r, u (32 bytes per try each), then the 24-byte DEM nonce. */
  public static Encrypted encrypt(PublicKey delegatingKey, byte[] plaintext, RandomSource random) {
    Scalar r = Scalar.randomNonZero(random);
    Scalar u = Scalar.randomNonZero(random);
    Point e = Point.mulG(r);
    Point v = Point.mulG(u);
    Scalar h = ScalarDigest.withTag(ScalarDigest.CAPSULE_POINTS).chain(e).chain(v).finish();
    Capsule capsule = new Capsule(e, v, u.add(r.multiply(h)));
    Point shared = delegatingKey.point().mulSecret(r.add(u));
    byte[] ciphertext =
        XChaCha20Poly1305.encrypt(demKey(shared), plaintext, capsule.toBytesSimple(), random);
    return new Encrypted(capsule, ciphertext);
  }

  /** Spec §3.4: the delegating key opens its own capsules. */
  public static byte[] decryptOriginal(SecretKey delegatingKey, Capsule capsule, byte[] ciphertext)
      throws DecryptionException {
    Point shared;
    try {
      shared = capsule.e().add(capsule.v()).mulSecret(delegatingKey.secretScalar());
    } catch (PointAtInfinityException e) {
      throw new DecryptionException("Capsule cannot be opened: E + V is the point at infinity");
    }
    return XChaCha20Poly1305.decrypt(demKey(shared), ciphertext, capsule.toBytesSimple());
  }

  public static List<VerifiedKeyFrag> generateKFrags(
      SecretKey delegatingKey,
      PublicKey receivingKey,
      Signer signer,
      int threshold,
      int shares,
      boolean signDelegatingKey,
      boolean signReceivingKey) {
    return generateKFrags(
        delegatingKey,
        receivingKey,
        signer,
        threshold,
        shares,
        signDelegatingKey,
        signReceivingKey,
        RandomSource.secure());
  }

  /**
   * Spec §3.5. Requires 1 ≤ threshold ≤ shares (the reference accepts nonsense values and makes
   * unusable kfrags). Draws x_A, the t − 1 coefficients, then per kfrag: id (32), ad for each of
   * the two signatures (32+32).
   */
  public static List<VerifiedKeyFrag> generateKFrags(
      SecretKey delegatingKey,
      PublicKey receivingKey,
      Signer signer,
      int threshold,
      int shares,
      boolean signDelegatingKey,
      boolean signReceivingKey,
      RandomSource random) {
    if (threshold < 1 || threshold > shares) {
      throw new IllegalArgumentException(
          "need 1 ≤ threshold ≤ shares, got threshold " + threshold + " and shares " + shares);
    }
    Point bobPoint = receivingKey.point();
    Scalar xA = Scalar.randomNonZero(random);
    Point precursor = Point.mulG(xA);
    Point dh = bobPoint.mulSecret(xA);
    Scalar d =
        ScalarDigest.withTag(ScalarDigest.SHARED_SECRET)
            .chain(precursor)
            .chain(bobPoint)
            .chain(dh)
            .finish();
    Scalar[] coefficients = new Scalar[threshold];
    coefficients[0] = delegatingKey.secretScalar().multiply(d.invert());
    for (int i = 1; i < threshold; i++) {
      coefficients[i] = Scalar.randomNonZero(random);
    }
    PublicKey delegatingPk = delegatingKey.publicKey();
    List<VerifiedKeyFrag> out = new ArrayList<>(shares);
    for (int n = 0; n < shares; n++) {
      byte[] id = random.nextBytes(KeyFrag.ID_LENGTH);
      Scalar x = polynomialArg(precursor, bobPoint, dh, id);
      Scalar rk = coefficients[threshold - 1];
      for (int i = threshold - 2; i >= 0; i--) {
        rk = rk.multiply(x).add(coefficients[i]);
      }
      Point commitment = Parameters.u().mulSecret(rk);
      var forReceiver =
          signer.sign(
              KeyFrag.signatureMessage(id, commitment, precursor, delegatingPk, receivingKey),
              random);
      var forProxy =
          signer.sign(
              KeyFrag.signatureMessage(
                  id,
                  commitment,
                  precursor,
                  signDelegatingKey ? delegatingPk : null,
                  signReceivingKey ? receivingKey : null),
              random);
      out.add(
          new VerifiedKeyFrag(
              new KeyFrag(
                  id,
                  rk,
                  precursor,
                  commitment,
                  forProxy,
                  forReceiver,
                  signDelegatingKey,
                  signReceivingKey)));
    }
    return List.copyOf(out);
  }

  public static VerifiedCapsuleFrag reencrypt(Capsule capsule, VerifiedKeyFrag verifiedKFrag) {
    return reencrypt(capsule, verifiedKFrag, RandomSource.secure());
  }

  /**
   * Spec §3.7. Draws the proof nonce t. The five secret products (rk and t times E, V, U) share one
   * blind: three blinded bases, five multiplies by blinded scalars.
   */
  public static VerifiedCapsuleFrag reencrypt(
      Capsule capsule, VerifiedKeyFrag verifiedKFrag, RandomSource random) {
    KeyFrag kfrag = verifiedKFrag.unverify();
    Scalar rk = kfrag.key();
    Scalar t = Scalar.randomNonZero(random);
    SecretMultiplier m = SecretMultiplier.fresh();
    SecretMultiplier.Blinded e = m.blind(capsule.e());
    SecretMultiplier.Blinded v = m.blind(capsule.v());
    SecretMultiplier.Blinded u = m.blind(Parameters.u());
    Point e1 = e.times(rk);
    Point v1 = v.times(rk);
    Point e2 = e.times(t);
    Point v2 = v.times(t);
    Point u2 = u.times(t);
    Point u1 = kfrag.commitment();
    Scalar h = CapsuleFrag.proofChallenge(capsule.e(), e1, e2, capsule.v(), v1, v2, u1, u2);
    Scalar z = rk.multiply(h).add(t);
    return new VerifiedCapsuleFrag(
        new CapsuleFrag(
            e1,
            v1,
            kfrag.idInternal(),
            kfrag.precursor(),
            e2,
            v2,
            u1,
            u2,
            z,
            kfrag.signatureForReceiver()));
  }

  /**
   * Spec §3.9, computed so that no secret meets a variable-time multiply unblinded and without the
   * reference's m(m−1) inversions: λᵢ come from one batched inversion, and the products are folded
   * with d, so the check s·A = h·(dE′) + dV′ and the key d(E′ + V′) need no inverse of d.
   */
  public static byte[] decryptReencrypted(
      SecretKey receivingKey,
      PublicKey delegatingKey,
      Capsule capsule,
      List<VerifiedCapsuleFrag> verifiedCFrags,
      byte[] ciphertext)
      throws DecryptionException {
    if (verifiedCFrags.isEmpty()) {
      throw new DecryptionException(ON_OPEN + "Empty CapsuleFrag sequence");
    }
    int count = verifiedCFrags.size();
    CapsuleFrag[] cfrags = new CapsuleFrag[count];
    for (int i = 0; i < count; i++) {
      cfrags[i] = verifiedCFrags.get(i).unverify();
    }
    Point precursor = cfrags[0].precursor();
    for (CapsuleFrag c : cfrags) {
      if (!c.precursor().equals(precursor)) {
        throw new DecryptionException(ON_OPEN + "CapsuleFrags are not pairwise consistent");
      }
    }
    Point bobPoint = receivingKey.publicKey().point();
    Point keySeed;
    try {
      Point dh = precursor.mulSecret(receivingKey.secretScalar());
      Scalar[] x = new Scalar[count];
      for (int i = 0; i < count; i++) {
        x[i] = polynomialArg(precursor, bobPoint, dh, cfrags[i].kfragIdInternal());
        for (int j = 0; j < i; j++) {
          if (x[j].equals(x[i])) {
            throw new DecryptionException(ON_OPEN + "Some of the CapsuleFrags are repeated");
          }
        }
      }
      Scalar d =
          ScalarDigest.withTag(ScalarDigest.SHARED_SECRET)
              .chain(precursor)
              .chain(bobPoint)
              .chain(dh)
              .finish();
      Scalar[] dLambda = lagrangeAtZeroTimes(d, x);
      SecretMultiplier m = SecretMultiplier.fresh();
      Point blindedE = null;
      Point blindedV = null;
      for (int i = 0; i < count; i++) {
        Scalar c = m.blindScalar(dLambda[i]);
        Point pe = cfrags[i].e1().mulPublic(c);
        Point pv = cfrags[i].v1().mulPublic(c);
        blindedE = blindedE == null ? pe : blindedE.add(pe);
        blindedV = blindedV == null ? pv : blindedV.add(pv);
      }
      // Check s·A = h·(dE′) + dV′, both sides scaled by the blind's inverse.
      Scalar h = capsule.hash();
      Point lhs = delegatingKey.point().mulPublic(m.blindScalar(capsule.s()));
      Point rhs = blindedE.mulPublic(h).add(blindedV);
      if (!lhs.equals(rhs)) {
        throw new DecryptionException(ON_OPEN + "Internal validation failed");
      }
      keySeed = m.unblind(blindedE.add(blindedV));
    } catch (PointAtInfinityException e) {
      throw new DecryptionException(ON_OPEN + "Internal validation failed");
    }
    try {
      return XChaCha20Poly1305.decrypt(demKey(keySeed), ciphertext, capsule.toBytesSimple());
    } catch (DecryptionException e) {
      throw new DecryptionException(ON_DECRYPTION + e.getMessage());
    }
  }

  /** d·λᵢ(0) for each i, λᵢ = Πⱼ≠ᵢ xⱼ/(xⱼ − xᵢ), with one inversion for all denominators. */
  private static Scalar[] lagrangeAtZeroTimes(Scalar d, Scalar[] x) {
    int m = x.length;
    Scalar[] numerators = new Scalar[m];
    Scalar[] denominators = new Scalar[m];
    for (int i = 0; i < m; i++) {
      Scalar num = d;
      Scalar den = Scalar.ONE;
      for (int j = 0; j < m; j++) {
        if (j != i) {
          num = num.multiply(x[j]);
          den = den.multiply(x[j].subtract(x[i]));
        }
      }
      numerators[i] = num;
      denominators[i] = den;
    }
    Scalar[] prefix = new Scalar[m];
    Scalar acc = Scalar.ONE;
    for (int i = 0; i < m; i++) {
      prefix[i] = acc;
      acc = acc.multiply(denominators[i]);
    }
    Scalar inv = acc.invert();
    Scalar[] out = new Scalar[m];
    for (int i = m - 1; i >= 0; i--) {
      out[i] = numerators[i].multiply(inv.multiply(prefix[i]));
      inv = inv.multiply(denominators[i]);
    }
    return out;
  }

  private static Scalar polynomialArg(Point precursor, Point bob, Point dh, byte[] kfragId) {
    return ScalarDigest.withTag(ScalarDigest.POLYNOMIAL_ARG)
        .chain(precursor)
        .chain(bob)
        .chain(dh)
        .chain(kfragId)
        .finish();
  }

  private static byte[] demKey(Point shared) {
    return Hkdf.sha256(shared.toCompressed(), null, null, XChaCha20Poly1305.KEY_LENGTH);
  }
}
