package dev.nkms.node.store;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.sqlite.SQLiteConfig;

/**
 * The node's durable state in one SQLite file: the policies (terms + kfrag) it holds, the revocations it has
 * accepted, and the hash-chained access log. All SQL of the node lives in this package; callers see typed values.
 *
 * <p>Durability: WAL journal with {@code synchronous=FULL}, and every write method commits before it returns, so an
 * acknowledged write survives the process being killed (and, with FULL, power loss). Concurrency: writes go through
 * one connection, one at a time; reads use a small pool of read-only connections and run beside the writer (WAL
 * readers see the last committed state).
 */
public final class NodeStore implements AutoCloseable {
  /** The schema version this build writes; {@code PRAGMA user_version} records what a file has. */
  static final int SCHEMA_VERSION = 2;
  /** 'nkms' in ASCII, so a foreign SQLite file is recognised as such rather than migrated. */
  static final int APPLICATION_ID = 0x6e6b6d73;
  static final int BUSY_TIMEOUT_MS = 5_000;
  private static final int READERS = 4;
  public static final int MAX_LOG_PAGE = 10_000;
  public static final int MAX_ORDER_BYTES = 4096;
  private static final byte[] ZERO_HASH = new byte[AccessLogEntry.DIGEST_LENGTH];

  private static final List<String> MIGRATION_1 = List.of(
      "PRAGMA application_id = " + APPLICATION_ID,
      // expiry: epoch seconds (as in the terms); stored_at: epoch milliseconds.
      "CREATE TABLE policies ("
          + " hrac BLOB PRIMARY KEY CHECK (length(hrac) = 16),"
          + " terms BLOB NOT NULL,"
          + " revision INTEGER NOT NULL CHECK (revision >= 0),"
          + " expiry INTEGER NOT NULL,"
          + " kfrag BLOB NOT NULL CHECK (length(kfrag) = " + KeyFrag.SERIALIZED_LENGTH + "),"
          + " stored_at INTEGER NOT NULL)",
      "CREATE INDEX policies_by_expiry ON policies (expiry)",
      // revoked_at: epoch milliseconds.
      "CREATE TABLE revocations ("
          + " hrac BLOB PRIMARY KEY CHECK (length(hrac) = 16),"
          + " revoked_at INTEGER NOT NULL,"
          + " order_bytes BLOB NOT NULL)",
      "CREATE TABLE access_log ("
          + " seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
          + " at_ms INTEGER NOT NULL,"
          + " hrac BLOB NOT NULL CHECK (length(hrac) = 16),"
          + " requester BLOB NOT NULL CHECK (length(requester) = 33),"
          + " capsules INTEGER NOT NULL CHECK (capsules >= 0),"
          + " request_digest BLOB NOT NULL CHECK (length(request_digest) = 32),"
          + " prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),"
          + " hash BLOB NOT NULL CHECK (length(hash) = 32))",
      // Append-only by construction: the engine itself refuses edits; the hash chain catches edits made around it.
      "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log"
          + " BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END",
      "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log"
          + " BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END");

  /**
   * Schema 2: policy ids commit to Alice's key (PTrm 2.0). Policies now record their Alice (for the per-Alice quota and
   * the checks that only she may renew or revoke); revocations record the Alice whose order it was, whether the node
   * ever held the policy (a tombstone for an id it never held counts against her quota), and the revision and expiry
   * it held; a purged expired policy leaves a row in expired_policies so that it keeps reading as expired. Schema-1
   * policies carry PTrm 1.0 terms, which this build cannot read or serve: they are set aside in policies_v1 (kept,
   * not deleted) and must be granted again. Schema-1 revocations stay in force, with no Alice recorded.
   */
  private static final List<String> MIGRATION_2 = List.of(
      "DROP INDEX policies_by_expiry",
      "ALTER TABLE policies RENAME TO policies_v1",
      "CREATE TABLE policies ("
          + " hrac BLOB PRIMARY KEY CHECK (length(hrac) = 16),"
          + " terms BLOB NOT NULL,"
          + " revision INTEGER NOT NULL CHECK (revision >= 0),"
          + " expiry INTEGER NOT NULL,"
          + " kfrag BLOB NOT NULL CHECK (length(kfrag) = " + KeyFrag.SERIALIZED_LENGTH + "),"
          + " stored_at INTEGER NOT NULL,"
          + " alice BLOB NOT NULL CHECK (length(alice) = " + PublicKey.LENGTH + "))",
      "CREATE INDEX policies_by_expiry ON policies (expiry)",
      "CREATE INDEX policies_by_alice ON policies (alice)",
      "ALTER TABLE revocations ADD COLUMN alice BLOB CHECK (alice IS NULL OR length(alice) = " + PublicKey.LENGTH
          + ")",
      "ALTER TABLE revocations ADD COLUMN never_held INTEGER NOT NULL DEFAULT 0 CHECK (never_held IN (0, 1))",
      "ALTER TABLE revocations ADD COLUMN revision INTEGER",
      "ALTER TABLE revocations ADD COLUMN expiry INTEGER",
      "CREATE INDEX tombstones_by_alice ON revocations (alice) WHERE never_held = 1",
      // expiry: epoch seconds, as in the terms.
      "CREATE TABLE expired_policies ("
          + " hrac BLOB PRIMARY KEY CHECK (length(hrac) = 16),"
          + " alice BLOB NOT NULL CHECK (length(alice) = " + PublicKey.LENGTH + "),"
          + " revision INTEGER NOT NULL CHECK (revision >= 0),"
          + " expiry INTEGER NOT NULL)");

  /** Migration i takes a file from user_version i to i + 1. Never edit a released one; append. */
  static final List<List<String>> MIGRATIONS = List.of(MIGRATION_1, MIGRATION_2);

  /** What {@link #putPolicy} did. */
  public enum PutResult {
    /** Newly stored. */
    STORED,
    /** The same kfrag with the same terms was already stored; nothing changed. */
    ALREADY_STORED,
    /** The policy was revoked at this node; nothing stored. */
    REVOKED,
    /** A different kfrag is stored for this policy; nothing changed. */
    CONFLICTING_KFRAG,
    /** The same kfrag is stored under different terms (a renewal goes through {@link #renew}); nothing changed. */
    CONFLICTING_TERMS,
    /** The policy expired and was purged here; nothing stored. */
    EXPIRED,
    /** What this node holds or revoked for the id names another Alice key (cannot happen for honest ids). */
    DIFFERENT_ALICE,
    /** The terms' Alice already keeps as many policies here as the quota allows; nothing stored. */
    QUOTA_EXCEEDED
  }

  /** What {@link #revoke} did. */
  public enum RevokeOutcome {
    /** Revoked now, or already revoked (the first revocation stands). */
    REVOKED,
    /** What this node holds or revoked for the id names another Alice key; nothing changed. */
    DIFFERENT_ALICE,
    /** A tombstone for an id never held here would put the Alice over the quota; nothing changed. */
    QUOTA_EXCEEDED
  }

  /** The outcome of {@link #revoke}; {@code revocation} is the one in force when the outcome is REVOKED, else null. */
  public record RevokeResult(RevokeOutcome outcome, Revocation revocation) {
    public RevokeResult {
      Objects.requireNonNull(outcome, "outcome");
      if ((outcome == RevokeOutcome.REVOKED) != (revocation != null)) {
        throw new IllegalArgumentException("a revocation goes with the outcome REVOKED only");
      }
    }
  }

  /** A policy that expired and was purged: the id still reads as expired. */
  public record Expired(Hrac hrac, PublicKey alice, long revision, Instant expiry) {
    public Expired {
      Objects.requireNonNull(hrac, "hrac");
      Objects.requireNonNull(alice, "alice");
      Objects.requireNonNull(expiry, "expiry");
    }
  }

  /** What {@link #renew} did. */
  public enum RenewResult {
    /** The new terms replaced the stored ones (or were exactly the stored ones already: a repeated renewal). */
    RENEWED,
    /** No policy with that hrac is stored. */
    UNKNOWN,
    /** The policy was revoked at this node. */
    REVOKED,
    /** The policy expired (purged, or its stored terms' expiry has passed). */
    EXPIRED,
    /** The new terms name a different Alice than the stored ones (or than the revocation). */
    DIFFERENT_ALICE,
    /** The new revision is not above the stored one. */
    STALE,
    /**
     * The new terms change who or what the kfrag was made for (threshold, shares, policy key, Bob's keys); a
     * renewal may change only the time window, the conditions and the revision.
     */
    INCOMPATIBLE
  }

  /**
   * A revocation this node accepted: when, the order that asked for it (kept as evidence), the Alice whose order it
   * was ({@code null} only for revocations recorded before schema 2), whether the node ever held the policy, and the
   * revision and expiry of the terms it held (0 and {@code null} when it never held any).
   */
  public record Revocation(Hrac hrac, Instant revokedAt, byte[] orderBytes, PublicKey alice, boolean neverHeld,
      long revision, Instant expiry) {
    public Revocation {
      Objects.requireNonNull(hrac, "hrac");
      Objects.requireNonNull(revokedAt, "revokedAt");
      Objects.requireNonNull(orderBytes, "orderBytes");
      orderBytes = orderBytes.clone();
    }

    /** True if this revocation was ordered by a key other than {@code key} (an unknown Alice matches any). */
    public boolean namesAnotherAlice(PublicKey key) {
      return alice != null && !alice.equals(key);
    }

    @Override
    public byte[] orderBytes() {
      return orderBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Revocation)) {
        return false;
      }
      Revocation r = (Revocation) o;
      return hrac.equals(r.hrac) && revokedAt.equals(r.revokedAt) && Arrays.equals(orderBytes, r.orderBytes)
          && Objects.equals(alice, r.alice) && neverHeld == r.neverHeld && revision == r.revision
          && Objects.equals(expiry, r.expiry);
    }

    @Override
    public int hashCode() {
      return Objects.hash(hrac, revokedAt, Arrays.hashCode(orderBytes), alice, neverHeld, revision, expiry);
    }

    @Override
    public String toString() {
      return "Revocation[" + hrac + " at " + revokedAt + "]";
    }
  }

  /** How many rows each table holds. */
  public record StoreCounts(long policies, long revocations, long accessLogEntries) {}

  /**
   * The result of checking the access log's hash chain. {@code entries} counts the entries found intact (all of
   * them when valid). A chain only proves the log has not been edited or cut in the middle: an attacker who rewrites
   * every later hash, or drops entries from the end, is caught only by comparing with a head hash kept elsewhere.
   */
  public record ChainCheck(long entries, OptionalLong firstBrokenSeq, Optional<String> problem) {
    public ChainCheck {
      Objects.requireNonNull(firstBrokenSeq);
      Objects.requireNonNull(problem);
      if (firstBrokenSeq.isPresent() != problem.isPresent()) {
        throw new IllegalArgumentException("a broken chain needs both a seq and a problem");
      }
    }

    static ChainCheck valid(long entries) {
      return new ChainCheck(entries, OptionalLong.empty(), Optional.empty());
    }

    static ChainCheck broken(long entries, long seq, String problem) {
      return new ChainCheck(entries, OptionalLong.of(seq), Optional.of(problem));
    }

    public boolean isValid() {
      return firstBrokenSeq.isEmpty();
    }
  }

  private final Path file;
  private final Clock clock;
  private final Connection writer;
  private final BlockingQueue<Connection> readers;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Operations hold the read side; close takes the write side, so no operation ever sees a closed connection. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private NodeStore(Path file, Clock clock, Connection writer, BlockingQueue<Connection> readers) {
    this.file = file;
    this.clock = clock;
    this.writer = writer;
    this.readers = readers;
  }

  /** Opens (creating it 0600 if needed) and migrates the database at {@code dbFile}; stored_at uses UTC time. */
  public static NodeStore open(Path dbFile) {
    return open(dbFile, Clock.systemUTC());
  }

  public static NodeStore open(Path dbFile, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Path file = dbFile.toAbsolutePath();
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StoreException("cannot open database " + file + ": directory " + dir + " does not exist");
    }
    createOwnerOnly(file);
    Connection writer = null;
    List<Connection> opened = new ArrayList<>();
    try {
      writer = connect(file, false);
      opened.add(writer);
      String mode = queryString(writer, "PRAGMA journal_mode");
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new StoreException("database " + file + " could not be switched to WAL mode (it is in '" + mode
            + "' mode); is it on a network file system?");
      }
      migrate(writer, file);
      BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
      for (int i = 0; i < READERS; i++) {
        Connection r = connect(file, true);
        opened.add(r);
        readers.add(r);
      }
      return new NodeStore(file, clock, writer, readers);
    } catch (SQLException | RuntimeException e) {
      for (Connection c : opened) {
        closeQuietly(c);
      }
      if (e instanceof StoreException) {
        throw (StoreException) e;
      }
      throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    }
  }

  private static void createOwnerOnly(Path file) {
    // The file holds kfrags. Created 0600 before SQLite sees it; SQLite gives its -wal and -shm files the same mode.
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      // An existing database: keep it as it is.
    } catch (UnsupportedOperationException e) {
      throw new StoreException("cannot create database " + file + ": the file system does not support POSIX "
          + "permissions, so it could not be made owner-only");
    } catch (IOException e) {
      throw new StoreException("cannot create database " + file + ": " + e, e);
    }
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    if (!readOnly) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setReadOnly(readOnly);
    return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
  }

  private static void migrate(Connection c, Path file) throws SQLException {
    long appId = queryLong(c, "PRAGMA application_id");
    long version = queryLong(c, "PRAGMA user_version");
    if (appId != 0 && appId != APPLICATION_ID) {
      throw new StoreException("database " + file + " belongs to another application (application_id "
          + appId + "), not an nkms node");
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreException("database " + file + " has schema version " + version
          + ", newer than this node supports (" + SCHEMA_VERSION + "); upgrade the node");
    }
    if (version > 0 && appId != APPLICATION_ID) {
      throw new StoreException("database " + file + " is not an nkms node database");
    }
    for (int v = (int) version; v < MIGRATIONS.size(); v++) {
      exec(c, "BEGIN IMMEDIATE");
      try {
        for (String sql : MIGRATIONS.get(v)) {
          exec(c, sql);
        }
        exec(c, "PRAGMA user_version = " + (v + 1));
        exec(c, "COMMIT");
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw new StoreException("database " + file + ": migration to schema version " + (v + 1) + " failed: "
            + e.getMessage(), e);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ policies

  /** {@link #putPolicy(SignedPolicyTerms, byte[], long)} without a quota. */
  public PutResult putPolicy(SignedPolicyTerms terms, byte[] kfragBytes) {
    return putPolicy(terms, kfragBytes, Long.MAX_VALUE);
  }

  /**
   * Stores a policy's terms and this node's kfrag for it, in one transaction. Refused if the policy was revoked or
   * expired and purged here, or if storing it would give the terms' Alice more than {@code maxPerAlice} holdings
   * ({@link #holdings}); idempotent for the same kfrag and terms; a conflict for a different kfrag or different
   * terms.
   *
   * @throws IllegalArgumentException if {@code kfragBytes} is not a 310-byte kfrag encoding
   */
  public PutResult putPolicy(SignedPolicyTerms terms, byte[] kfragBytes, long maxPerAlice) {
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(kfragBytes, "kfragBytes");
    if (kfragBytes.length != KeyFrag.SERIALIZED_LENGTH) {
      throw new IllegalArgumentException("a kfrag is " + KeyFrag.SERIALIZED_LENGTH + " bytes, got "
          + kfragBytes.length);
    }
    PolicyTerms t = terms.terms();
    byte[] kfrag = kfragBytes.clone();
    byte[] hrac = t.hrac().toBytes();
    PublicKey alice = t.aliceVerifyingKey();
    return write("store policy " + t.hrac(), c -> {
      Optional<Revocation> revoked = findRevocation(c, t.hrac());
      if (revoked.isPresent()) {
        return revoked.get().namesAnotherAlice(alice) ? PutResult.DIFFERENT_ALICE : PutResult.REVOKED;
      }
      Optional<Expired> expired = findExpired(c, t.hrac());
      if (expired.isPresent()) {
        return expired.get().alice().equals(alice) ? PutResult.EXPIRED : PutResult.DIFFERENT_ALICE;
      }
      try (PreparedStatement q = c.prepareStatement("SELECT terms, kfrag, alice FROM policies WHERE hrac = ?")) {
        q.setBytes(1, hrac);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            if (!MessageDigest.isEqual(rs.getBytes(3), alice.toCompressedBytes())) {
              return PutResult.DIFFERENT_ALICE;
            }
            if (!MessageDigest.isEqual(rs.getBytes(2), kfrag)) {
              return PutResult.CONFLICTING_KFRAG;
            }
            // Terms compare by content: Alice's signatures are randomized, so a resent grant has new bytes.
            return parseTerms(rs.getBytes(1), t.hrac()).terms().equals(t)
                ? PutResult.ALREADY_STORED : PutResult.CONFLICTING_TERMS;
          }
        }
      }
      if (holdings(c, alice) >= maxPerAlice) {
        return PutResult.QUOTA_EXCEEDED;
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO policies (hrac, terms, revision, expiry, kfrag,"
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

  /** The stored policy, if this node holds one for {@code hrac} (expired ones remain until {@link #deleteExpired}). */
  public Optional<StoredPolicy> policy(Hrac hrac) {
    Objects.requireNonNull(hrac, "hrac");
    return read("read policy " + hrac, c -> findPolicy(c, hrac));
  }

  private static Optional<StoredPolicy> findPolicy(Connection c, Hrac hrac) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT terms, kfrag FROM policies WHERE hrac = ?")) {
      q.setBytes(1, hrac.toBytes());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new StoredPolicy(hrac, parseTerms(rs.getBytes(1), hrac), rs.getBytes(2)));
      }
    }
  }

  /** The policies held now (not revoked, not yet swept after expiry), in hrac order. */
  public List<Hrac> policies() {
    return read("list policies", c -> {
      List<Hrac> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT hrac FROM policies ORDER BY hrac")) {
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

  /** {@link #renew(SignedPolicyTerms, Instant)} at the store clock's time. */
  public RenewResult renew(SignedPolicyTerms newTerms) {
    return renew(newTerms, clock.instant());
  }

  /**
   * Replaces the stored terms with {@code newTerms} if the policy is stored, not revoked and not expired at
   * {@code now}, the new terms are signed by the same Alice, carry a higher revision, and keep who and what the
   * kfrag was made for. Resending the exact stored terms is a repeated renewal and answers
   * {@link RenewResult#RENEWED} without a change. An expired policy stays expired: renewing it is refused whether
   * or not the sweeper has purged it yet.
   */
  public RenewResult renew(SignedPolicyTerms newTerms, Instant now) {
    Objects.requireNonNull(newTerms, "newTerms");
    Objects.requireNonNull(now, "now");
    PolicyTerms t = newTerms.terms();
    byte[] hrac = t.hrac().toBytes();
    return write("renew policy " + t.hrac(), c -> {
      Optional<Revocation> revoked = findRevocation(c, t.hrac());
      if (revoked.isPresent()) {
        return revoked.get().namesAnotherAlice(t.aliceVerifyingKey()) ? RenewResult.DIFFERENT_ALICE
            : RenewResult.REVOKED;
      }
      Optional<Expired> expired = findExpired(c, t.hrac());
      if (expired.isPresent()) {
        return expired.get().alice().equals(t.aliceVerifyingKey()) ? RenewResult.EXPIRED
            : RenewResult.DIFFERENT_ALICE;
      }
      PolicyTerms stored;
      try (PreparedStatement q = c.prepareStatement("SELECT terms FROM policies WHERE hrac = ?")) {
        q.setBytes(1, hrac);
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next()) {
            return RenewResult.UNKNOWN;
          }
          stored = parseTerms(rs.getBytes(1), t.hrac()).terms();
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
      if (stored.threshold() != t.threshold() || stored.shares() != t.shares()
          || !stored.policyEncryptingKey().equals(t.policyEncryptingKey())
          || !stored.bobVerifyingKey().equals(t.bobVerifyingKey())
          || !stored.bobEncryptingKey().equals(t.bobEncryptingKey())) {
        return RenewResult.INCOMPATIBLE;
      }
      try (PreparedStatement u = c.prepareStatement(
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

  /**
   * Deletes the policies (kfrag and terms) whose expiry is at or before {@code now}, keeping for each a small row
   * (id, Alice, revision, expiry) so the id keeps reading as expired; returns how many were purged.
   */
  public int deleteExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return write("delete expired policies", c -> {
      // Expiry is whole seconds, so "expiry ≤ now" is "expiry ≤ floor(now)".
      try (PreparedStatement keep = c.prepareStatement("INSERT OR REPLACE INTO expired_policies (hrac, alice,"
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
  public Optional<Expired> expired(Hrac hrac) {
    Objects.requireNonNull(hrac, "hrac");
    return read("read expired policy " + hrac, c -> findExpired(c, hrac));
  }

  /**
   * What one Alice key keeps at this node, as the quota counts it: the policies held now plus the revocations of ids
   * the node never held (tombstones). Revoked and expired policies it did hold are not counted.
   */
  public long holdings(PublicKey alice) {
    Objects.requireNonNull(alice, "alice");
    return read("count the policies of an Alice", c -> holdings(c, alice));
  }

  private static long holdings(Connection c, PublicKey alice) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT (SELECT count(*) FROM policies WHERE alice = ?)"
        + " + (SELECT count(*) FROM revocations WHERE alice = ? AND never_held = 1)")) {
      q.setBytes(1, alice.toCompressedBytes());
      q.setBytes(2, alice.toCompressedBytes());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Optional<Expired> findExpired(Connection c, Hrac hrac) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT alice, revision, expiry FROM expired_policies WHERE hrac = ?")) {
      q.setBytes(1, hrac.toBytes());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Expired(hrac, key(rs.getBytes(1), hrac), rs.getLong(2),
            Instant.ofEpochSecond(rs.getLong(3))));
      }
    }
  }

  private static PublicKey key(byte[] bytes, Hrac hrac) {
    try {
      return PublicKey.fromCompressedBytes(bytes);
    } catch (MalformedInputException e) {
      throw new StoreException("the Alice key stored for policy " + hrac + " is corrupt: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------------ revocations

  public Optional<Revocation> revocation(Hrac hrac) {
    Objects.requireNonNull(hrac, "hrac");
    return read("read revocation " + hrac, c -> findRevocation(c, hrac));
  }

  /** {@link #revoke(Hrac, PublicKey, Instant, byte[], long)} without a quota. */
  public RevokeResult revoke(Hrac hrac, PublicKey alice, Instant at, byte[] orderBytes) {
    return revoke(hrac, alice, at, orderBytes, Long.MAX_VALUE);
  }

  /**
   * Revokes the policy on the order of {@code alice} (the caller has checked the order is hers): deletes its kfrag
   * and records the revocation, in one transaction. For an id this node never held it records a tombstone, so a kfrag
   * for it arriving later is refused; a tombstone counts against {@code maxPerAlice} ({@link #holdings}). A purged
   * expired policy is revoked too. Idempotent: if the policy was already revoked, nothing changes and the first
   * revocation is returned. Refused, changing nothing, if what the node holds or revoked names another Alice key.
   */
  public RevokeResult revoke(Hrac hrac, PublicKey alice, Instant at, byte[] orderBytes, long maxPerAlice) {
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(alice, "alice");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(orderBytes, "orderBytes");
    if (orderBytes.length == 0 || orderBytes.length > MAX_ORDER_BYTES) {
      throw new IllegalArgumentException("revocation order must be 1 to " + MAX_ORDER_BYTES + " bytes, got "
          + orderBytes.length);
    }
    byte[] order = orderBytes.clone();
    Instant revokedAt = Instant.ofEpochMilli(at.toEpochMilli());
    return write("revoke policy " + hrac, c -> {
      Optional<Revocation> first = findRevocation(c, hrac);
      if (first.isPresent()) {
        return first.get().namesAnotherAlice(alice) ? new RevokeResult(RevokeOutcome.DIFFERENT_ALICE, null)
            : new RevokeResult(RevokeOutcome.REVOKED, first.get());
      }
      boolean neverHeld;
      long revision = 0;
      Instant expiry = null;
      Optional<StoredPolicy> held = findPolicy(c, hrac);
      Optional<Expired> expired = findExpired(c, hrac);
      if (held.isPresent()) {
        PolicyTerms t = held.get().terms().terms();
        if (!t.aliceVerifyingKey().equals(alice)) {
          return new RevokeResult(RevokeOutcome.DIFFERENT_ALICE, null);
        }
        neverHeld = false;
        revision = t.revision();
        expiry = t.expiry();
      } else if (expired.isPresent()) {
        if (!expired.get().alice().equals(alice)) {
          return new RevokeResult(RevokeOutcome.DIFFERENT_ALICE, null);
        }
        neverHeld = false;
        revision = expired.get().revision();
        expiry = expired.get().expiry();
      } else {
        neverHeld = true;
        if (holdings(c, alice) >= maxPerAlice) {
          return new RevokeResult(RevokeOutcome.QUOTA_EXCEEDED, null);
        }
      }
      try (PreparedStatement d = c.prepareStatement("DELETE FROM policies WHERE hrac = ?")) {
        d.setBytes(1, hrac.toBytes());
        d.executeUpdate();
      }
      try (PreparedStatement d = c.prepareStatement("DELETE FROM expired_policies WHERE hrac = ?")) {
        d.setBytes(1, hrac.toBytes());
        d.executeUpdate();
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO revocations (hrac, revoked_at, order_bytes, alice,"
          + " never_held, revision, expiry) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ins.setBytes(1, hrac.toBytes());
        ins.setLong(2, revokedAt.toEpochMilli());
        ins.setBytes(3, order);
        ins.setBytes(4, alice.toCompressedBytes());
        ins.setInt(5, neverHeld ? 1 : 0);
        if (neverHeld) {
          ins.setNull(6, java.sql.Types.INTEGER);
          ins.setNull(7, java.sql.Types.INTEGER);
        } else {
          ins.setLong(6, revision);
          ins.setLong(7, expiry.getEpochSecond());
        }
        ins.executeUpdate();
      }
      return new RevokeResult(RevokeOutcome.REVOKED,
          new Revocation(hrac, revokedAt, order, alice, neverHeld, revision, expiry));
    });
  }

  private static Optional<Revocation> findRevocation(Connection c, Hrac hrac) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT revoked_at, order_bytes, alice, never_held, revision,"
        + " expiry FROM revocations WHERE hrac = ?")) {
      q.setBytes(1, hrac.toBytes());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] alice = rs.getBytes(3);
        long revision = rs.getLong(5);
        long expiry = rs.getLong(6);
        boolean noExpiry = rs.wasNull();
        return Optional.of(new Revocation(hrac, Instant.ofEpochMilli(rs.getLong(1)), rs.getBytes(2),
            alice == null ? null : key(alice, hrac), rs.getInt(4) == 1, revision,
            noExpiry ? null : Instant.ofEpochSecond(expiry)));
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ access log

  /**
   * Appends one entry to the access log and commits it before returning. {@code at} is kept to the millisecond.
   *
   * @throws IllegalArgumentException for a negative capsule count, a digest that is not 32 bytes, or a time before
   *     the epoch
   */
  public AccessLogEntry appendAccess(Instant at, Hrac hrac, PublicKey requester, int capsules,
      byte[] requestDigest) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(requestDigest, "requestDigest");
    if (capsules < 0) {
      throw new IllegalArgumentException("capsule count is negative: " + capsules);
    }
    if (requestDigest.length != AccessLogEntry.DIGEST_LENGTH) {
      throw new IllegalArgumentException("request digest must be 32 bytes, got " + requestDigest.length);
    }
    if (at.isBefore(Instant.EPOCH)) {
      throw new IllegalArgumentException("access time is before the epoch: " + at);
    }
    long atMillis = at.toEpochMilli();
    byte[] digest = requestDigest.clone();
    return write("append to the access log", c -> {
      long seq = 1;
      byte[] prev = ZERO_HASH;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1")) {
        if (rs.next()) {
          seq = rs.getLong(1) + 1;
          prev = rs.getBytes(2);
        }
      }
      byte[] hrac16 = hrac.toBytes();
      byte[] req = requester.toCompressedBytes();
      byte[] hash = AccessLogEntry.chainHash(prev, seq, atMillis, hrac16, req, capsules, digest);
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO access_log (seq, at_ms, hrac, requester,"
          + " capsules, request_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ins.setLong(1, seq);
        ins.setLong(2, atMillis);
        ins.setBytes(3, hrac16);
        ins.setBytes(4, req);
        ins.setInt(5, capsules);
        ins.setBytes(6, digest);
        ins.setBytes(7, prev);
        ins.setBytes(8, hash);
        ins.executeUpdate();
      }
      return new AccessLogEntry(seq, Instant.ofEpochMilli(atMillis), hrac, requester, capsules, digest, prev, hash);
    });
  }

  /** Up to {@code limit} (1 to {@value #MAX_LOG_PAGE}) entries with {@code seq ≥ fromSeq}, in order. */
  public List<AccessLogEntry> accessLog(long fromSeq, int limit) {
    if (limit < 1 || limit > MAX_LOG_PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LOG_PAGE + ", got " + limit);
    }
    return read("read the access log", c -> {
      List<AccessLogEntry> out = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT seq, at_ms, hrac, requester, capsules, request_digest,"
          + " prev_hash, hash FROM access_log WHERE seq >= ? ORDER BY seq LIMIT ?")) {
        q.setLong(1, fromSeq);
        q.setInt(2, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            out.add(entry(rs));
          }
        }
      }
      return out;
    });
  }

  private static AccessLogEntry entry(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    try {
      return new AccessLogEntry(seq, Instant.ofEpochMilli(rs.getLong(2)), Hrac.fromBytes(rs.getBytes(3)),
          PublicKey.fromCompressedBytes(rs.getBytes(4)), rs.getInt(5), rs.getBytes(6), rs.getBytes(7),
          rs.getBytes(8));
    } catch (MalformedInputException | IllegalArgumentException e) {
      throw new StoreException("access log entry " + seq + " is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Recomputes the whole chain from the raw rows: consecutive seqs from 1, each prev_hash equal to the previous hash,
   * each hash equal to the recomputed one. Reports the first entry where any of that fails.
   */
  public ChainCheck verifyAccessLog() {
    return read("verify the access log", c -> {
      long expectedSeq = 1;
      byte[] prev = ZERO_HASH;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT seq, at_ms, hrac, requester, capsules, request_digest, prev_hash,"
              + " hash FROM access_log ORDER BY seq")) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          long intact = expectedSeq - 1;
          if (seq != expectedSeq) {
            return ChainCheck.broken(intact, seq, "entry " + seq + " follows entry " + intact
                + (seq > expectedSeq ? "; entries are missing" : ""));
          }
          byte[] hrac = rs.getBytes(3);
          byte[] requester = rs.getBytes(4);
          byte[] digest = rs.getBytes(6);
          byte[] prevHash = rs.getBytes(7);
          byte[] hash = rs.getBytes(8);
          if (!lengthIs(hrac, Hrac.LENGTH) || !lengthIs(requester, PublicKey.LENGTH) || !lengthIs(digest, 32)
              || !lengthIs(prevHash, 32) || !lengthIs(hash, 32)) {
            return ChainCheck.broken(intact, seq, "entry " + seq + " has a column of the wrong length");
          }
          if (!Arrays.equals(prevHash, prev)) {
            return ChainCheck.broken(intact, seq, "entry " + seq + " does not link to the hash of entry " + intact);
          }
          byte[] recomputed = AccessLogEntry.chainHash(prevHash, seq, rs.getLong(2), hrac, requester, rs.getInt(5),
              digest);
          if (!Arrays.equals(recomputed, hash)) {
            return ChainCheck.broken(intact, seq, "entry " + seq + " does not match its hash");
          }
          prev = hash;
          expectedSeq++;
        }
      }
      return ChainCheck.valid(expectedSeq - 1);
    });
  }

  private static boolean lengthIs(byte[] b, int length) {
    return b != null && b.length == length;
  }

  // ------------------------------------------------------------------------------------------------ misc

  public StoreCounts counts() {
    return read("count rows", c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM policies),"
          + " (SELECT count(*) FROM revocations), (SELECT count(*) FROM access_log)")) {
        rs.next();
        return new StoreCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    });
  }

  public Path file() {
    return file;
  }

  /** Closes every connection after the operations in progress finish. Idempotent. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      List<Connection> all = new ArrayList<>(readers);
      readers.clear();
      all.add(writer);
      SQLException first = null;
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw new StoreException("closing database " + file + ": " + first.getMessage(), first);
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "NodeStore[" + file + "]";
  }

  // ------------------------------------------------------------------------------------------------ plumbing

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in its own IMMEDIATE transaction on the single writer and commits before returning. */
  private <T> T write(String what, Work<T> work) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      writeLock.lock();
      try {
        exec(writer, "BEGIN IMMEDIATE");
        boolean committed = false;
        try {
          T result = work.run(writer);
          exec(writer, "COMMIT");
          committed = true;
          return result;
        } finally {
          if (!committed) {
            rollbackQuietly(writer);
          }
        }
      } finally {
        writeLock.unlock();
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Runs {@code work} on a pooled read-only connection; each statement sees the last committed state. */
  private <T> T read(String what, Work<T> work) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      Connection c;
      try {
        c = readers.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException(what + " interrupted while waiting for a database connection");
      }
      try {
        return work.run(c);
      } finally {
        readers.add(c);
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("database " + file + " is closed");
    }
  }

  private static SignedPolicyTerms parseTerms(byte[] bytes, Hrac hrac) {
    try {
      return SignedPolicyTerms.fromBytes(bytes);
    } catch (WireFormatException e) {
      throw new StoreException("stored terms for policy " + hrac + " are corrupt: " + e.getMessage(), e);
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String queryString(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      exec(c, "ROLLBACK");
    } catch (SQLException ignored) {
      // No transaction left to roll back (SQLite already rolled back on the error); the original error is reported.
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Already failing to open; the first error is the one reported.
    }
  }
}
