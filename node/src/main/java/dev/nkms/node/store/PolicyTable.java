package dev.nkms.node.store;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.wire.WireFormatException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policies this node holds ({@code policies}: terms and kfrag) and the small rows purged
 * expired ones leave ({@code expired_policies}), with the rules of a policy's life here: store,
 * renew, sweep after expiry, revoke.
 *
 * <p>Operations that span tables live here and stay atomic: each runs in one engine transaction,
 * reading the {@code revocations} table through {@link RevocationTable}'s SQL (a revoked id is
 * never stored or renewed; tombstones count against the quota), and {@link #revoke} deletes the
 * policy and records its revocation in that same transaction. {@link RevocationTable} depends on
 * nothing here, so the dependency goes one way.
 */
public final class PolicyTable {
  /** One row count, for {@link NodeStore#counts}. */
  static final String COUNT = "SELECT count(*) FROM policies";

  private final SqliteEngine engine;
  private final Clock clock;

  PolicyTable(SqliteEngine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  // ------------------------------------------------------------------------------------------------ store, read

  /** {@link #put(SignedPolicyTerms, byte[], long)} without a quota. */
  public PutResult put(SignedPolicyTerms terms, byte[] kfragBytes) {
    return put(terms, kfragBytes, Long.MAX_VALUE);
  }

  /**
   * Stores a policy's terms and this node's kfrag for it, in one transaction. Refused if the policy
   * was revoked or expired and purged here, or if storing it would give the terms' Alice more than
   * {@code maxPerAlice} holdings ({@link #holdings}); idempotent for the same kfrag and terms; a
   * conflict for a different kfrag or different terms.
   *
   * @throws IllegalArgumentException if {@code kfragBytes} is not a 310-byte kfrag encoding
   */
  public PutResult put(SignedPolicyTerms terms, byte[] kfragBytes, long maxPerAlice) {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(kfragBytes, "kfragBytes");
    if (kfragBytes.length != KeyFrag.SERIALIZED_LENGTH) {
      throw new IllegalArgumentException(
          "a kfrag is " + KeyFrag.SERIALIZED_LENGTH + " bytes, got " + kfragBytes.length);
    }
    PolicyTerms t = terms.terms();
    byte[] kfrag = kfragBytes.clone();
    byte[] hrac = t.hrac().toBytes();
    PublicKey alice = t.aliceVerifyingKey();
    return engine.inTransaction(
        "store policy " + t.hrac(),
        c -> {
          Optional<Revocation> revoked = RevocationTable.find(c, t.hrac());
          if (revoked.isPresent()) {
            return revoked.get().namesAnotherAlice(alice)
                ? PutResult.DIFFERENT_ALICE
                : PutResult.REVOKED;
          }
          Optional<ExpiredPolicy> expired = findExpired(c, t.hrac());
          if (expired.isPresent()) {
            return expired.get().alice().equals(alice)
                ? PutResult.EXPIRED
                : PutResult.DIFFERENT_ALICE;
          }
          try (PreparedStatement q =
              c.prepareStatement("SELECT terms, kfrag, alice FROM policies WHERE hrac = ?")) {
            q.setBytes(1, hrac);
            try (ResultSet rs = q.executeQuery()) {
              if (rs.next()) {
                if (!MessageDigest.isEqual(rs.getBytes(3), alice.toCompressedBytes())) {
                  return PutResult.DIFFERENT_ALICE;
                }
                if (!MessageDigest.isEqual(rs.getBytes(2), kfrag)) {
                  return PutResult.CONFLICTING_KFRAG;
                }
                // Terms compare by content: Alice's signatures are randomized, so a resent grant
                // has new bytes.
                return Columns.terms(rs.getBytes(1), t.hrac()).terms().equals(t)
                    ? PutResult.ALREADY_STORED
                    : PutResult.CONFLICTING_TERMS;
              }
            }
          }
          if (holdings(c, alice) >= maxPerAlice) {
            return PutResult.QUOTA_EXCEEDED;
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO policies (hrac, terms, revision, expiry, kfrag,"
                      + " stored_at, alice) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ins.setBytes(1, hrac);
            ins.setBytes(2, terms.toBytes());
            ins.setLong(3, t.revision());
            ins.setLong(4, t.expiry().getEpochSecond());
            ins.setBytes(5, kfrag);
            ins.setLong(6, clock.millis());
            ins.setBytes(7, alice.toCompressedBytes());
            ins.executeUpdate();
          }
          return PutResult.STORED;
        });
  }

  /**
   * The stored policy, if this node holds one for {@code hrac} (expired ones remain until {@link
   * #deleteExpired}).
   */
  public Optional<StoredPolicy> get(Hrac hrac) {
    Objects.requireNonNull(hrac, "hrac");
    return engine.read("read policy " + hrac, c -> find(c, hrac));
  }

  private static Optional<StoredPolicy> find(Connection c, Hrac hrac) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT terms, kfrag FROM policies WHERE hrac = ?")) {
      q.setBytes(1, hrac.toBytes());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new StoredPolicy(hrac, Columns.terms(rs.getBytes(1), hrac), rs.getBytes(2)));
      }
    }
  }

  /** The policies held now (not revoked, not yet swept after expiry), in hrac order. */
  public List<Hrac> list() {
    return engine.read(
        "list policies",
        c -> {
          List<Hrac> out = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT hrac FROM policies ORDER BY hrac")) {
            while (rs.next()) {
              try {
                out.add(Hrac.fromBytes(rs.getBytes(1)));
              } catch (WireFormatException e) {
                throw new SQLException("a stored hrac is malformed: " + e.getMessage(), e);
              }
            }
          }
          return out;
        });
  }

  /**
   * What one Alice key keeps at this node, as the quota counts it: the policies held now plus the
   * revocations of ids the node never held (tombstones). Revoked and expired policies it did hold
   * are not counted.
   */
  public long holdings(PublicKey alice) {
    Objects.requireNonNull(alice, "alice");
    return engine.read("count the policies of an Alice", c -> holdings(c, alice));
  }

  private static long holdings(Connection c, PublicKey alice) throws SQLException {
    // One statement, so that a read outside a transaction counts both tables at the same moment.
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT (SELECT count(*) FROM policies WHERE alice = ?)"
                + " + ("
                + RevocationTable.TOMBSTONES_OF_ALICE
                + ")")) {
      q.setBytes(1, alice.toCompressedBytes());
      q.setBytes(2, alice.toCompressedBytes());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ renew

  /** {@link #renew(SignedPolicyTerms, Instant)} at the store clock's time. */
  public RenewResult renew(SignedPolicyTerms newTerms) {
    return renew(newTerms, clock.instant());
  }

  /**
   * Replaces the stored terms with {@code newTerms} if the policy is stored, not revoked and not
   * expired at {@code now}, the new terms are signed by the same Alice, carry a higher revision,
   * and keep who and what the kfrag was made for. Resending the exact stored terms is a repeated
   * renewal and answers {@link RenewResult#RENEWED} without a change. An expired policy stays
   * expired: renewing it is refused whether or not the sweeper has purged it yet.
   */
  public RenewResult renew(SignedPolicyTerms newTerms, Instant now) {
    Objects.requireNonNull(newTerms, "newTerms");
    Objects.requireNonNull(now, "now");
    PolicyTerms t = newTerms.terms();
    byte[] hrac = t.hrac().toBytes();
    return engine.inTransaction(
        "renew policy " + t.hrac(),
        c -> {
          Optional<Revocation> revoked = RevocationTable.find(c, t.hrac());
          if (revoked.isPresent()) {
            return revoked.get().namesAnotherAlice(t.aliceVerifyingKey())
                ? RenewResult.DIFFERENT_ALICE
                : RenewResult.REVOKED;
          }
          Optional<ExpiredPolicy> expired = findExpired(c, t.hrac());
          if (expired.isPresent()) {
            return expired.get().alice().equals(t.aliceVerifyingKey())
                ? RenewResult.EXPIRED
                : RenewResult.DIFFERENT_ALICE;
          }
          PolicyTerms stored;
          try (PreparedStatement q =
              c.prepareStatement("SELECT terms FROM policies WHERE hrac = ?")) {
            q.setBytes(1, hrac);
            try (ResultSet rs = q.executeQuery()) {
              if (!rs.next()) {
                return RenewResult.UNKNOWN;
              }
              stored = Columns.terms(rs.getBytes(1), t.hrac()).terms();
            }
          }
          if (!stored.aliceVerifyingKey().equals(t.aliceVerifyingKey())) {
            return RenewResult.DIFFERENT_ALICE;
          }
          if (!now.isBefore(stored.expiry())) {
            return RenewResult.EXPIRED;
          }
          if (stored.equals(t)) {
            return RenewResult.RENEWED;
          }
          if (t.revision() <= stored.revision()) {
            return RenewResult.STALE;
          }
          if (stored.threshold() != t.threshold()
              || stored.shares() != t.shares()
              || !stored.policyEncryptingKey().equals(t.policyEncryptingKey())
              || !stored.bobVerifyingKey().equals(t.bobVerifyingKey())
              || !stored.bobEncryptingKey().equals(t.bobEncryptingKey())) {
            return RenewResult.INCOMPATIBLE;
          }
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE policies SET terms = ?, revision = ?, expiry = ? WHERE hrac = ?")) {
            u.setBytes(1, newTerms.toBytes());
            u.setLong(2, t.revision());
            u.setLong(3, t.expiry().getEpochSecond());
            u.setBytes(4, hrac);
            u.executeUpdate();
          }
          return RenewResult.RENEWED;
        });
  }

  // ------------------------------------------------------------------------------------------------ expiry

  /**
   * Deletes the policies (kfrag and terms) whose expiry is at or before {@code now}, keeping for
   * each a small row (id, Alice, revision, expiry) so the id keeps reading as expired; returns how
   * many were purged.
   */
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return engine.inTransaction(
        "delete expired policies",
        c -> {
          // Expiry is whole seconds, so "expiry ≤ now" is "expiry ≤ floor(now)".
          try (PreparedStatement keep =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO expired_policies (hrac, alice,"
                      + " revision, expiry) SELECT hrac, alice, revision, expiry FROM policies WHERE expiry <= ?")) {
            keep.setLong(1, now.getEpochSecond());
            keep.executeUpdate();
          }
          try (PreparedStatement d = c.prepareStatement("DELETE FROM policies WHERE expiry <= ?")) {
            d.setLong(1, now.getEpochSecond());
            return d.executeUpdate();
          }
        });
  }

  /** The purged expired policy with this id, if the sweeper removed one. */
  public Optional<ExpiredPolicy> expired(Hrac hrac) {
    Objects.requireNonNull(hrac, "hrac");
    return engine.read("read expired policy " + hrac, c -> findExpired(c, hrac));
  }

  private static Optional<ExpiredPolicy> findExpired(Connection c, Hrac hrac) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT alice, revision, expiry FROM expired_policies WHERE hrac = ?")) {
      q.setBytes(1, hrac.toBytes());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ExpiredPolicy(
                hrac,
                Columns.aliceKey(rs.getBytes(1), hrac),
                rs.getLong(2),
                Instant.ofEpochSecond(rs.getLong(3))));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ revoke

  /** {@link #revoke(Hrac, PublicKey, Instant, byte[], long)} without a quota. */
  public RevokeResult revoke(Hrac hrac, PublicKey alice, Instant at, byte[] orderBytes) {
    return revoke(hrac, alice, at, orderBytes, Long.MAX_VALUE);
  }

  /**
   * Revokes the policy on the order of {@code alice} (the caller has checked the order is hers):
   * deletes its kfrag and records the revocation, in one transaction. For an id this node never
   * held it records a tombstone, so a kfrag for it arriving later is refused; a tombstone counts
   * against {@code maxPerAlice} ({@link #holdings}). A purged expired policy is revoked too.
   * Idempotent: if the policy was already revoked, nothing changes and the first revocation is
   * returned. Refused, changing nothing, if what the node holds or revoked names another Alice key.
   *
   * @throws IllegalArgumentException if the order is empty or over {@value
   *     RevocationTable#MAX_ORDER_BYTES} bytes
   */
  public RevokeResult revoke(
      Hrac hrac, PublicKey alice, Instant at, byte[] orderBytes, long maxPerAlice) {
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(alice, "alice");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(orderBytes, "orderBytes");
    if (orderBytes.length == 0 || orderBytes.length > RevocationTable.MAX_ORDER_BYTES) {
      throw new IllegalArgumentException(
          "revocation order must be 1 to "
              + RevocationTable.MAX_ORDER_BYTES
              + " bytes, got "
              + orderBytes.length);
    }
    byte[] order = orderBytes.clone();
    Instant revokedAt = Instant.ofEpochMilli(at.toEpochMilli());
    return engine.inTransaction(
        "revoke policy " + hrac,
        c -> {
          Optional<Revocation> first = RevocationTable.find(c, hrac);
          if (first.isPresent()) {
            return first.get().namesAnotherAlice(alice)
                ? new RevokeResult(RevokeResult.Outcome.DIFFERENT_ALICE, null)
                : new RevokeResult(RevokeResult.Outcome.REVOKED, first.get());
          }
          boolean neverHeld;
          long revision = 0;
          Instant expiry = null;
          Optional<StoredPolicy> held = find(c, hrac);
          Optional<ExpiredPolicy> expired = findExpired(c, hrac);
          if (held.isPresent()) {
            PolicyTerms t = held.get().terms().terms();
            if (!t.aliceVerifyingKey().equals(alice)) {
              return new RevokeResult(RevokeResult.Outcome.DIFFERENT_ALICE, null);
            }
            neverHeld = false;
            revision = t.revision();
            expiry = t.expiry();
          } else if (expired.isPresent()) {
            if (!expired.get().alice().equals(alice)) {
              return new RevokeResult(RevokeResult.Outcome.DIFFERENT_ALICE, null);
            }
            neverHeld = false;
            revision = expired.get().revision();
            expiry = expired.get().expiry();
          } else {
            neverHeld = true;
            if (holdings(c, alice) >= maxPerAlice) {
              return new RevokeResult(RevokeResult.Outcome.QUOTA_EXCEEDED, null);
            }
          }
          try (PreparedStatement d = c.prepareStatement("DELETE FROM policies WHERE hrac = ?")) {
            d.setBytes(1, hrac.toBytes());
            d.executeUpdate();
          }
          try (PreparedStatement d =
              c.prepareStatement("DELETE FROM expired_policies WHERE hrac = ?")) {
            d.setBytes(1, hrac.toBytes());
            d.executeUpdate();
          }
          Revocation revocation =
              new Revocation(hrac, revokedAt, order, alice, neverHeld, revision, expiry);
          RevocationTable.insert(c, revocation);
          return new RevokeResult(RevokeResult.Outcome.REVOKED, revocation);
        });
  }
}
