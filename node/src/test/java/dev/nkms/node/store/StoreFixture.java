package dev.nkms.node.store;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh store at {@code node.db} in a temporary directory, on a clock fixed at {@link #T0},
 * closed after each test; and raw SQLite access to the same file, the way an old node version or an
 * attacker with the file would see it.
 */
abstract class StoreFixture {
  static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
  static final Instant EXPIRY = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path dir;

  Path db;
  NodeStore store;
  final Policies p = new Policies();

  @BeforeEach
  void open() {
    db = dir.resolve("node.db");
    store = NodeStore.open(db, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Access-log entry i: at T0 + i s, for the policy "label", i capsules, the digest of byte i. */
  AccessLogEntry append(int i) {
    return store
        .accessLog()
        .append(
            T0.plusSeconds(i), p.hrac("label"), p.bobVerifying, i, sha256(new byte[] {(byte) i}));
  }

  Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
