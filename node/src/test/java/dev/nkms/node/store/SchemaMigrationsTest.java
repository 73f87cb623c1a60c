package dev.nkms.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.SignedPolicyTerms;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which files the store agrees to open, and the upgrade of a file written by an older schema. */
class SchemaMigrationsTest extends StoreFixture {
  @Test
  void theSchemaVersionIsTheNumberOfMigrations() {
    assertThat(SchemaMigrations.SCHEMA_VERSION).isEqualTo(SchemaMigrations.MIGRATIONS.size());
  }

  @Test
  void refusesADatabaseFromANewerSchema() throws Exception {
    store.close();
    try (Connection c = raw();
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> NodeStore.open(db))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99, newer than this node supports");
  }

  @Test
  void refusesAForeignSqliteFile() throws Exception {
    Path other = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = 42");
    }
    assertThatThrownBy(() -> NodeStore.open(other))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("belongs to another application");
  }

  @Test
  void aSchema1DatabaseIsMigratedKeepingRevocationsAndSettingOldPoliciesAside() throws Exception {
    store.close();
    Path old = dir.resolve("old.db");
    byte[] oldHrac = sha256(new byte[] {1}).clone();
    oldHrac = java.util.Arrays.copyOf(oldHrac, 16);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement s = c.createStatement()) {
      for (String sql : SchemaMigrations.MIGRATIONS.get(0)) {
        s.execute(sql);
      }
      s.execute("PRAGMA user_version = 1");
      try (var ps = c.prepareStatement("INSERT INTO policies VALUES (?, ?, 0, 2000000000, ?, 0)")) {
        ps.setBytes(1, oldHrac);
        ps.setBytes(2, new byte[] {'P', 'T', 'r', 'm', 0, 1, 0, 0});
        ps.setBytes(3, Policies.kfrag(3));
        ps.executeUpdate();
      }
      try (var ps = c.prepareStatement("INSERT INTO revocations VALUES (?, 1000, ?)")) {
        ps.setBytes(1, java.util.Arrays.copyOf(sha256(new byte[] {2}), 16));
        ps.setBytes(2, new byte[] {5});
        ps.executeUpdate();
      }
    }
    store = NodeStore.open(old, Clock.fixed(T0, ZoneOffset.UTC));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old)) {
      assertThat(scalar(c, "PRAGMA user_version")).isEqualTo("2");
      assertThat(scalar(c, "SELECT count(*) FROM policies_v1")).isEqualTo("1");
    }
    assertThat(store.policies().list()).isEmpty();
    assertThat(store.policies().get(Hrac.fromBytes(oldHrac))).isEmpty();
    Hrac revoked = Hrac.fromBytes(java.util.Arrays.copyOf(sha256(new byte[] {2}), 16));
    Revocation r = store.revocations().get(revoked).orElseThrow();
    assertThat(r.alice()).isNull();
    assertThat(r.revokedAt()).isEqualTo(Instant.ofEpochMilli(1000));
    assertThat(r.orderBytes()).containsExactly(5);
    // An old revocation stays absolute, and names no Alice to compare with.
    assertThat(
            store
                .policies()
                .revoke(revoked, p.alice.verifyingKey(), T0, new byte[] {6})
                .revocation())
        .isEqualTo(r);
    // The migrated file works as a new one.
    SignedPolicyTerms terms = p.terms("new", EXPIRY, 0);
    assertThat(store.policies().put(terms, Policies.kfrag(1))).isEqualTo(PutResult.STORED);
    assertThat(store.policies().deleteExpired(EXPIRY)).isEqualTo(1);
    assertThat(store.policies().expired(terms.terms().hrac())).isPresent();
    store.close();
    store = NodeStore.open(old, Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(store.policies().expired(terms.terms().hrac())).isPresent();
  }
}
