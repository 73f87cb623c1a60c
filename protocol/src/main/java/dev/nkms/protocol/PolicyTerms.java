package dev.nkms.protocol;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import java.util.Objects;

/**
 * What Alice grants: which policy (hrac, derived from Alice's key and the grant's nonce), m of n,
 * the time window, the conditions, the policy encrypting key, and who is who (Alice's verifying
 * key; Bob's verifying key, which authenticates his requests, and his encrypting key, which the
 * kfrags re-encrypt to). {@code revision} grows with each renewal, which keeps the nonce. Every
 * instance's hrac is {@code Hrac.derive(aliceVerifyingKey, nonce)}: the constructor derives it and
 * the reader refuses terms whose id does not commit to their Alice. Only ever travels inside {@link
 * SignedPolicyTerms}.
 */
public final class PolicyTerms {
  public static final int MAX_SHARES = 255;
  static final int FIELDS = 12;

  private final Hrac hrac;
  private final byte[] nonce;
  private final int threshold;
  private final int shares;
  private final long startEpochSeconds;
  private final long expiryEpochSeconds;
  private final long revision;
  private final Conditions conditions;
  private final PublicKey policyEncryptingKey;
  private final PublicKey aliceVerifyingKey;
  private final PublicKey bobVerifyingKey;
  private final PublicKey bobEncryptingKey;

  /**
   * Terms for the policy {@code Hrac.derive(aliceVerifyingKey, nonce)}; {@code nonce} is 16 random
   * bytes Alice draws for the grant ({@link Hrac#newNonce}).
   */
  public PolicyTerms(
      byte[] nonce,
      int threshold,
      int shares,
      Instant start,
      Instant expiry,
      long revision,
      Conditions conditions,
      PublicKey policyEncryptingKey,
      PublicKey aliceVerifyingKey,
      PublicKey bobVerifyingKey,
      PublicKey bobEncryptingKey) {
    this(
        Hrac.derive(Objects.requireNonNull(aliceVerifyingKey), Hrac.checkNonce(nonce).clone()),
        nonce.clone(),
        threshold,
        shares,
        start.getEpochSecond(),
        expiry.getEpochSecond(),
        revision,
        conditions,
        policyEncryptingKey,
        aliceVerifyingKey,
        bobVerifyingKey,
        bobEncryptingKey);
  }

  private PolicyTerms(
      Hrac hrac,
      byte[] nonce,
      int threshold,
      int shares,
      long start,
      long expiry,
      long revision,
      Conditions conditions,
      PublicKey policyEncryptingKey,
      PublicKey aliceVerifyingKey,
      PublicKey bobVerifyingKey,
      PublicKey bobEncryptingKey) {
    if (threshold < 1 || threshold > shares || shares > MAX_SHARES) {
      throw new IllegalArgumentException(
          "need 1 ≤ m ≤ n ≤ " + MAX_SHARES + ", got m=" + threshold + " n=" + shares);
    }
    if (start < 0 || expiry <= start || expiry > MsgpackReader.MAX_EPOCH_SECONDS) {
      throw new IllegalArgumentException("policy must expire after it starts, before year 10000");
    }
    if (revision < 0 || revision > 0xffffffffL) {
      throw new IllegalArgumentException("revision out of range");
    }
    this.hrac = Objects.requireNonNull(hrac);
    this.nonce = nonce;
    this.threshold = threshold;
    this.shares = shares;
    this.startEpochSeconds = start;
    this.expiryEpochSeconds = expiry;
    this.revision = revision;
    this.conditions = Objects.requireNonNull(conditions);
    this.policyEncryptingKey = Objects.requireNonNull(policyEncryptingKey);
    this.aliceVerifyingKey = Objects.requireNonNull(aliceVerifyingKey);
    this.bobVerifyingKey = Objects.requireNonNull(bobVerifyingKey);
    this.bobEncryptingKey = Objects.requireNonNull(bobEncryptingKey);
  }

  byte[] toPayload() {
    MsgpackWriter w =
        new MsgpackWriter()
            .array(FIELDS)
            .bin(hrac.toBytes())
            .bin(nonce)
            .uint(threshold)
            .uint(shares)
            .uint(startEpochSeconds)
            .uint(expiryEpochSeconds)
            .uint(revision);
    conditions.write(w);
    return w.bin(policyEncryptingKey.toCompressedBytes())
        .bin(aliceVerifyingKey.toCompressedBytes())
        .bin(bobVerifyingKey.toCompressedBytes())
        .bin(bobEncryptingKey.toCompressedBytes())
        .toBytes();
  }

  static PolicyTerms read(MsgpackReader r) throws WireFormatException {
    r.struct(FIELDS, "terms");
    Hrac hrac = Hrac.read(r, "hrac");
    byte[] nonce = r.binExact(Hrac.NONCE_LENGTH, "nonce");
    int m = (int) r.uint(MAX_SHARES, "threshold");
    int n = (int) r.uint(MAX_SHARES, "shares");
    long start = r.epochSeconds("start");
    long expiry = r.epochSeconds("expiry");
    long revision = r.uint(0xffffffffL, "revision");
    Conditions conditions = Conditions.read(r, "conditions");
    PublicKey policyKey = Fields.publicKey(r, "policy_encrypting_key");
    PublicKey alice = Fields.publicKey(r, "alice_verifying_key");
    PublicKey bobV = Fields.publicKey(r, "bob_verifying_key");
    PublicKey bobE = Fields.publicKey(r, "bob_encrypting_key");
    r.end();
    if (m < 1 || m > n) {
      throw r.fail("threshold", "need 1 ≤ threshold ≤ shares, got " + m + " of " + n);
    }
    if (expiry <= start) {
      throw r.fail("expiry", "policy expires before it starts");
    }
    if (!hrac.belongsTo(alice, nonce)) {
      throw r.fail("hrac", "the policy id does not commit to the signing Alice's key");
    }
    return new PolicyTerms(
        hrac, nonce, m, n, start, expiry, revision, conditions, policyKey, alice, bobV, bobE);
  }

  /** The same policy with a later expiry and the next revision (for renewal). */
  public PolicyTerms renewedUntil(Instant newExpiry) {
    return new PolicyTerms(
        hrac,
        nonce,
        threshold,
        shares,
        startEpochSeconds,
        newExpiry.getEpochSecond(),
        revision + 1,
        conditions,
        policyEncryptingKey,
        aliceVerifyingKey,
        bobVerifyingKey,
        bobEncryptingKey);
  }

  public Hrac hrac() {
    return hrac;
  }

  /** The grant's nonce (a copy); with Alice's key it determines the hrac. */
  public byte[] nonce() {
    return nonce.clone();
  }

  public int threshold() {
    return threshold;
  }

  public int shares() {
    return shares;
  }

  public Instant start() {
    return Instant.ofEpochSecond(startEpochSeconds);
  }

  public Instant expiry() {
    return Instant.ofEpochSecond(expiryEpochSeconds);
  }

  public long revision() {
    return revision;
  }

  public Conditions conditions() {
    return conditions;
  }

  public PublicKey policyEncryptingKey() {
    return policyEncryptingKey;
  }

  public PublicKey aliceVerifyingKey() {
    return aliceVerifyingKey;
  }

  public PublicKey bobVerifyingKey() {
    return bobVerifyingKey;
  }

  public PublicKey bobEncryptingKey() {
    return bobEncryptingKey;
  }

  /** True if {@code now} is inside [start, expiry). */
  public boolean isActiveAt(Instant now) {
    long s = now.getEpochSecond();
    return s >= startEpochSeconds && s < expiryEpochSeconds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyTerms
        && java.util.Arrays.equals(toPayload(), ((PolicyTerms) o).toPayload());
  }

  @Override
  public int hashCode() {
    return hrac.hashCode() * 31 + Long.hashCode(revision);
  }

  @Override
  public String toString() {
    return "PolicyTerms["
        + hrac
        + " "
        + threshold
        + "-of-"
        + shares
        + " until "
        + expiry()
        + " rev "
        + revision
        + " "
        + conditions
        + "]";
  }
}
