package dev.nkms.node.store;

import dev.nkms.protocol.Hrac;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code revocations} table: the revocations this node accepted, tombstones (ids it never held)
 * among them. A revocation is written only by {@link PolicyTable#revoke}, in the same transaction
 * that deletes the policy; this class owns the table's SQL and row mapping, and the read callers
 * use.
 */
public final class RevocationTable {
  /** The largest revocation order kept as evidence. */
  public static final int MAX_ORDER_BYTES = 4096;

  /** One row count, for {@link NodeStore#counts}. */
  static final String COUNT = "SELECT count(*) FROM revocations";

  /**
   * Counts one Alice's tombstones (her compressed key is the one parameter), for {@link
   * PolicyTable#holdings}.
   */
  static final String TOMBSTONES_OF_ALICE =
      "SELECT count(*) FROM revocations WHERE alice = ? AND never_held = 1";

  private final SqliteEngine engine;

  RevocationTable(SqliteEngine engine) {
    this.engine = engine;
  }

  /** The revocation in force for {@code hrac}, if this node accepted one. */
  public Optional<Revocation> get(Hrac hrac) {
    Objects.requireNonNull(hrac, "hrac");
    return engine.read("read revocation " + hrac, c -> find(c, hrac));
  }

  static Optional<Revocation> find(Connection c, Hrac hrac) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT revoked_at, order_bytes, alice, never_held, revision,"
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
        return Optional.of(
            new Revocation(
                hrac,
                Instant.ofEpochMilli(rs.getLong(1)),
                rs.getBytes(2),
                alice == null ? null : Columns.aliceKey(alice, hrac),
                rs.getInt(4) == 1,
                revision,
                noExpiry ? null : Instant.ofEpochSecond(expiry)));
      }
    }
  }

  /**
   * Records {@code r}, which names its Alice (revocations without one exist only from schema 1).
   */
  static void insert(Connection c, Revocation r) throws SQLException {
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO revocations (hrac, revoked_at, order_bytes, alice,"
                + " never_held, revision, expiry) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ins.setBytes(1, r.hrac().toBytes());
      ins.setLong(2, r.revokedAt().toEpochMilli());
      ins.setBytes(3, r.orderBytes());
      ins.setBytes(4, r.alice().toCompressedBytes());
      ins.setInt(5, r.neverHeld() ? 1 : 0);
      if (r.neverHeld()) {
        ins.setNull(6, Types.INTEGER);
        ins.setNull(7, Types.INTEGER);
      } else {
        ins.setLong(6, r.revision());
        ins.setLong(7, r.expiry().getEpochSecond());
      }
      ins.executeUpdate();
    }
  }
}
