package dev.nkms.node.store;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.Hrac;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@code access_log} table: the hash-chained record of every re-encryption request served (the
 * chain is specified on {@link AccessLogEntry}). Append-only: the schema's triggers refuse edits,
 * and {@link #verify} finds edits made around them. Touches no other table.
 */
public final class AccessLogTable {
  /** The most entries one {@link #entries} call returns. */
  public static final int MAX_PAGE = 10_000;

  /** One row count, for {@link NodeStore#counts}. */
  static final String COUNT = "SELECT count(*) FROM access_log";

  private static final byte[] ZERO_HASH = new byte[AccessLogEntry.DIGEST_LENGTH];

  private final SqliteEngine engine;

  AccessLogTable(SqliteEngine engine) {
    this.engine = engine;
  }

  /**
   * Appends one entry to the access log and commits it before returning. {@code at} is kept to the
   * millisecond.
   *
   * @throws IllegalArgumentException for a negative capsule count, a digest that is not 32 bytes,
   *     or a time before the epoch
   */
  public AccessLogEntry append(
      Instant at, Hrac hrac, PublicKey requester, int capsules, byte[] requestDigest) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(requestDigest, "requestDigest");
    if (capsules < 0) {
      throw new IllegalArgumentException("capsule count is negative: " + capsules);
    }
    if (requestDigest.length != AccessLogEntry.DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          "request digest must be 32 bytes, got " + requestDigest.length);
    }
    if (at.isBefore(Instant.EPOCH)) {
      throw new IllegalArgumentException("access time is before the epoch: " + at);
    }
    long atMillis = at.toEpochMilli();
    byte[] digest = requestDigest.clone();
    return engine.inTransaction(
        "append to the access log",
        c -> {
          long seq = 1;
          byte[] prev = ZERO_HASH;
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1")) {
            if (rs.next()) {
              seq = rs.getLong(1) + 1;
              prev = rs.getBytes(2);
            }
          }
          byte[] hrac16 = hrac.toBytes();
          byte[] req = requester.toCompressedBytes();
          byte[] hash =
              AccessLogEntry.chainHash(prev, seq, atMillis, hrac16, req, capsules, digest);
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO access_log (seq, at_ms, hrac, requester,"
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
          return new AccessLogEntry(
              seq, Instant.ofEpochMilli(atMillis), hrac, requester, capsules, digest, prev, hash);
        });
  }

  /** Up to {@code limit} (1 to {@value #MAX_PAGE}) entries with {@code seq ≥ fromSeq}, in order. */
  public List<AccessLogEntry> entries(long fromSeq, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", got " + limit);
    }
    return engine.read(
        "read the access log",
        c -> {
          List<AccessLogEntry> out = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT seq, at_ms, hrac, requester, capsules, request_digest,"
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
      return new AccessLogEntry(
          seq,
          Instant.ofEpochMilli(rs.getLong(2)),
          Hrac.fromBytes(rs.getBytes(3)),
          PublicKey.fromCompressedBytes(rs.getBytes(4)),
          rs.getInt(5),
          rs.getBytes(6),
          rs.getBytes(7),
          rs.getBytes(8));
    } catch (MalformedInputException | IllegalArgumentException e) {
      throw new StoreException("access log entry " + seq + " is corrupt: " + e.getMessage(), e);
    }
  }

  /**
   * Recomputes the whole chain from the raw rows: consecutive seqs from 1, each prev_hash equal to
   * the previous hash, each hash equal to the recomputed one. Reports the first entry where any of
   * that fails.
   */
  public ChainCheck verify() {
    return engine.read(
        "verify the access log",
        c -> {
          long expectedSeq = 1;
          byte[] prev = ZERO_HASH;
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT seq, at_ms, hrac, requester, capsules, request_digest, prev_hash,"
                          + " hash FROM access_log ORDER BY seq")) {
            while (rs.next()) {
              long seq = rs.getLong(1);
              long intact = expectedSeq - 1;
              if (seq != expectedSeq) {
                return ChainCheck.broken(
                    intact,
                    seq,
                    "entry "
                        + seq
                        + " follows entry "
                        + intact
                        + (seq > expectedSeq ? "; entries are missing" : ""));
              }
              byte[] hrac = rs.getBytes(3);
              byte[] requester = rs.getBytes(4);
              byte[] digest = rs.getBytes(6);
              byte[] prevHash = rs.getBytes(7);
              byte[] hash = rs.getBytes(8);
              if (!lengthIs(hrac, Hrac.LENGTH)
                  || !lengthIs(requester, PublicKey.LENGTH)
                  || !lengthIs(digest, 32)
                  || !lengthIs(prevHash, 32)
                  || !lengthIs(hash, 32)) {
                return ChainCheck.broken(
                    intact, seq, "entry " + seq + " has a column of the wrong length");
              }
              if (!Arrays.equals(prevHash, prev)) {
                return ChainCheck.broken(
                    intact, seq, "entry " + seq + " does not link to the hash of entry " + intact);
              }
              byte[] recomputed =
                  AccessLogEntry.chainHash(
                      prevHash, seq, rs.getLong(2), hrac, requester, rs.getInt(5), digest);
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
}
