package dev.nkms.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.Hrac;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The access log: the specified hash chain, paging, and verification that finds edits made around
 * the store.
 */
class AccessLogTableTest extends StoreFixture {
  @Test
  void accessLogEntriesChainFromZeroAsSpecified() throws Exception {
    PublicKey bob = p.bobVerifying;
    Hrac hrac = p.hrac("label");
    byte[] digest1 = sha256(new byte[] {1});
    byte[] digest2 = sha256(new byte[] {2});
    AccessLogEntry e1 = store.accessLog().append(T0.plusNanos(1_999_999), hrac, bob, 3, digest1);
    AccessLogEntry e2 = store.accessLog().append(T0.plusSeconds(1), hrac, bob, 1000, digest2);
    assertThat(e1.seq()).isEqualTo(1);
    assertThat(e1.at()).isEqualTo(T0.plusMillis(1));
    assertThat(e1.prevHash()).isEqualTo(new byte[32]);
    assertThat(e1.hash())
        .isEqualTo(expectedHash(new byte[32], 1, T0.toEpochMilli() + 1, hrac, bob, 3, digest1));
    assertThat(e2.seq()).isEqualTo(2);
    assertThat(e2.prevHash()).isEqualTo(e1.hash());
    assertThat(e2.hash())
        .isEqualTo(expectedHash(e1.hash(), 2, T0.toEpochMilli() + 1000, hrac, bob, 1000, digest2));
    assertThat(e2.computedHash()).isEqualTo(e2.hash());
    assertThat(store.accessLog().entries(1, 10)).containsExactly(e1, e2);
  }

  @Test
  void accessLogPages() {
    for (int i = 1; i <= 5; i++) {
      append(i);
    }
    assertThat(store.accessLog().entries(2, 2))
        .extracting(AccessLogEntry::seq)
        .containsExactly(2L, 3L);
    assertThat(store.accessLog().entries(5, 10))
        .extracting(AccessLogEntry::seq)
        .containsExactly(5L);
    assertThat(store.accessLog().entries(6, 10)).isEmpty();
    assertThatThrownBy(() -> store.accessLog().entries(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.accessLog().entries(1, AccessLogTable.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendValidatesItsInput() {
    Hrac hrac = p.hrac("label");
    assertThatThrownBy(() -> store.accessLog().append(T0, hrac, p.bobVerifying, 1, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> store.accessLog().append(T0, hrac, p.bobVerifying, -1, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () ->
                store
                    .accessLog()
                    .append(Instant.EPOCH.minusMillis(1), hrac, p.bobVerifying, 1, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the epoch");
    assertThat(store.counts().accessLogEntries()).isZero();
  }

  @Test
  void anIntactChainVerifies() {
    assertThat(store.accessLog().verify()).isEqualTo(ChainCheck.valid(0));
    for (int i = 1; i <= 20; i++) {
      append(i);
    }
    ChainCheck check = store.accessLog().verify();
    assertThat(check.isValid()).isTrue();
    assertThat(check.entries()).isEqualTo(20);
  }

  // ------------------------------------------------------------------------------------------------ tampering

  @Test
  void theDatabaseRefusesEditsToTheLog() throws Exception {
    append(1);
    try (Connection c = raw();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE access_log SET capsules = 7 WHERE seq = 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("access_log is append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM access_log WHERE seq = 1"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("access_log is append-only");
    }
    assertThat(store.accessLog().verify().isValid()).isTrue();
  }

  @Test
  void verificationFindsAnEditedField() throws Exception {
    fiveEntries();
    tamper("UPDATE access_log SET capsules = capsules + 1 WHERE seq = 3");
    ChainCheck check = store.accessLog().verify();
    assertThat(check.isValid()).isFalse();
    assertThat(check.firstBrokenSeq()).hasValue(3);
    assertThat(check.entries()).isEqualTo(2);
    assertThat(check.problem()).contains("entry 3 does not match its hash");
  }

  @Test
  void verificationFindsARewrittenHash() throws Exception {
    fiveEntries();
    // Recompute entry 2 consistently after editing it: its own hash checks out, but entry 3 no
    // longer links.
    tamper("UPDATE access_log SET at_ms = at_ms + 1 WHERE seq = 2");
    byte[][] row = rawRow(2);
    byte[] fixed =
        AccessLogEntry.chainHash(
            row[0],
            2,
            ByteBuffer.wrap(row[1]).getLong(),
            row[2],
            row[3],
            ByteBuffer.wrap(row[4]).getInt(),
            row[5]);
    try (Connection c = raw();
        var ps = c.prepareStatement("UPDATE access_log SET hash = ? WHERE seq = 2")) {
      ps.setBytes(1, fixed);
      ps.executeUpdate();
    }
    ChainCheck check = store.accessLog().verify();
    assertThat(check.firstBrokenSeq()).hasValue(3);
    assertThat(check.problem()).contains("entry 3 does not link to the hash of entry 2");
  }

  @Test
  void verificationFindsADeletedEntry() throws Exception {
    fiveEntries();
    tamper("DELETE FROM access_log WHERE seq = 2");
    ChainCheck check = store.accessLog().verify();
    assertThat(check.firstBrokenSeq()).hasValue(3);
    assertThat(check.entries()).isEqualTo(1);
    assertThat(check.problem().orElseThrow())
        .isEqualTo("entry 3 follows entry 1; entries are missing");
  }

  @Test
  void verificationFindsAMangledColumn() throws Exception {
    fiveEntries();
    // The table's CHECK constraints refuse this; an attacker can switch them off, so verification
    // checks lengths too.
    assertThatThrownBy(() -> tamper("UPDATE access_log SET requester = x'00' WHERE seq = 4"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("CHECK constraint failed");
    try (Connection c = raw();
        Statement s = c.createStatement()) {
      s.execute("PRAGMA ignore_check_constraints = ON");
      s.execute("DROP TRIGGER IF EXISTS access_log_no_update");
      assertThat(s.executeUpdate("UPDATE access_log SET requester = x'00' WHERE seq = 4"))
          .isEqualTo(1);
    }
    ChainCheck check = store.accessLog().verify();
    assertThat(check.firstBrokenSeq()).hasValue(4);
    assertThat(check.problem()).contains("entry 4 has a column of the wrong length");
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private void fiveEntries() {
    for (int i = 1; i <= 5; i++) {
      append(i);
    }
    assertThat(store.accessLog().verify().isValid()).isTrue();
  }

  /** Edits the log the way an attacker with the file would: around the append-only triggers. */
  private void tamper(String sql) throws SQLException {
    try (Connection c = raw();
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER IF EXISTS access_log_no_update");
      s.execute("DROP TRIGGER IF EXISTS access_log_no_delete");
      assertThat(s.executeUpdate(sql)).isEqualTo(1);
    }
  }

  /** prev_hash, at_ms (8 bytes), hrac, requester, capsules (4 bytes), request_digest of one row. */
  private byte[][] rawRow(long seq) throws SQLException {
    try (Connection c = raw();
        var ps =
            c.prepareStatement(
                "SELECT prev_hash, at_ms, hrac, requester, capsules, request_digest FROM access_log WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return new byte[][] {
          rs.getBytes(1),
          ByteBuffer.allocate(8).putLong(rs.getLong(2)).array(),
          rs.getBytes(3),
          rs.getBytes(4),
          ByteBuffer.allocate(4).putInt(rs.getInt(5)).array(),
          rs.getBytes(6)
        };
      }
    }
  }

  /** The specified chain hash, computed here independently of the store's code. */
  private static byte[] expectedHash(
      byte[] prev, long seq, long atMs, Hrac hrac, PublicKey requester, int capsules, byte[] digest)
      throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(prev);
    sha.update(ByteBuffer.allocate(8).putLong(seq).array());
    sha.update(ByteBuffer.allocate(8).putLong(atMs).array());
    sha.update(hrac.toBytes());
    sha.update(requester.toCompressedBytes());
    sha.update(ByteBuffer.allocate(4).putInt(capsules).array());
    sha.update(digest);
    return sha.digest();
  }
}
