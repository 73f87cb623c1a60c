package dev.nkms.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStoreTest {
  private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
  private static final Instant EXPIRY = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir
  Path dir;

  private Path db;
  private NodeStore store;
  private final Policies p = new Policies();

  @BeforeEach
  void open() {
    db = dir.resolve("node.db");
    store = NodeStore.open(db, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ------------------------------------------------------------------------------------------------ file & schema

  @Test
  void createsAnOwnerOnlyWalDatabaseAtTheCurrentSchema() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
    try (Connection c = raw()) {
      assertThat(scalar(c, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(scalar(c, "PRAGMA user_version")).isEqualTo("2");
      assertThat(scalar(c, "PRAGMA application_id")).isEqualTo(String.valueOf(SchemaMigrations.APPLICATION_ID));
    }
  }

  @Test
  void refusesADatabaseFromANewerSchema() throws Exception {
    store.close();
    try (Connection c = raw(); Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> NodeStore.open(db))
        .isInstanceOf(StoreException.class).hasMessageContaining("schema version 99, newer than this node supports");
  }

  @Test
  void refusesAForeignSqliteFile() throws Exception {
    Path other = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = 42");
    }
    assertThatThrownBy(() -> NodeStore.open(other))
        .isInstanceOf(StoreException.class).hasMessageContaining("belongs to another application");
  }

  @Test
  void refusesAMissingDirectory() {
    assertThatThrownBy(() -> NodeStore.open(dir.resolve("nope").resolve("node.db")))
        .isInstanceOf(StoreException.class).hasMessageContaining("does not exist");
  }

  @Test
  void aClosedStoreSaysSo() {
    store.close();
    store.close(); // idempotent
    assertThatThrownBy(() -> store.counts()).isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    assertThatThrownBy(() -> store.policies().deleteExpired(T0)).isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void stateSurvivesReopening() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    store.policies().put(terms, Policies.kfrag(1));
    store.policies().revoke(p.hrac("gone"), p.alice.verifyingKey(), T0, new byte[] {9}).revocation();
    AccessLogEntry first = append(1);
    store.close();
    store = NodeStore.open(db);
    assertThat(store.policies().get(terms.terms().hrac())).map(StoredPolicy::terms).contains(terms);
    assertThat(store.revocations().get(p.hrac("gone"))).isPresent();
    AccessLogEntry second = append(2);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(store.counts()).isEqualTo(new StoreCounts(1, 1, 2));
  }

  // ------------------------------------------------------------------------------------------------ policies

  @Test
  void putThenReadAPolicy() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    assertThat(store.policies().get(terms.terms().hrac())).isEmpty();
    assertThat(store.policies().put(terms, Policies.kfrag(1))).isEqualTo(PutResult.STORED);
    StoredPolicy stored = store.policies().get(terms.terms().hrac()).orElseThrow();
    assertThat(stored.hrac()).isEqualTo(terms.terms().hrac());
    assertThat(stored.terms()).isEqualTo(terms);
    assertThat(stored.kfrag()).isEqualTo(Policies.kfrag(1));
    assertThat(store.counts().policies()).isEqualTo(1);
  }

  @Test
  void puttingTheSameTermsAgainIsIdempotentEvenWithAFreshSignature() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    SignedPolicyTerms resigned = p.sign(terms.terms());
    assertThat(resigned.toBytes()).isNotEqualTo(terms.toBytes());
    store.policies().put(terms, Policies.kfrag(1));
    assertThat(store.policies().put(terms, Policies.kfrag(1))).isEqualTo(PutResult.ALREADY_STORED);
    assertThat(store.policies().put(resigned, Policies.kfrag(1))).isEqualTo(PutResult.ALREADY_STORED);
    assertThat(store.policies().get(terms.terms().hrac()).orElseThrow().terms()).isEqualTo(terms);
    assertThat(store.counts().policies()).isEqualTo(1);
  }

  @Test
  void aDifferentKfragOrDifferentTermsForAStoredPolicyConflict() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    store.policies().put(terms, Policies.kfrag(1));
    assertThat(store.policies().put(terms, Policies.kfrag(2))).isEqualTo(PutResult.CONFLICTING_KFRAG);
    assertThat(store.policies().put(p.terms("label", EXPIRY.plusSeconds(1), 1), Policies.kfrag(1)))
        .isEqualTo(PutResult.CONFLICTING_TERMS);
    StoredPolicy stored = store.policies().get(terms.terms().hrac()).orElseThrow();
    assertThat(stored.kfrag()).isEqualTo(Policies.kfrag(1));
    assertThat(stored.terms()).isEqualTo(terms);
  }

  @Test
  void refusesKfragsOfTheWrongLength() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    assertThatThrownBy(() -> store.policies().put(terms, new byte[309]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a kfrag is 310 bytes, got 309");
    assertThat(store.counts().policies()).isZero();
  }

  @Test
  void revokeThenPutIsRefused() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    Hrac hrac = terms.terms().hrac();
    store.policies().put(terms, Policies.kfrag(1));
    Revocation r = store.policies().revoke(hrac, p.alice.verifyingKey(), T0.plusMillis(1234), new byte[] {1, 2, 3})
        .revocation();
    assertThat(r).isEqualTo(new Revocation(hrac, T0.plusMillis(1234), new byte[] {1, 2, 3},
        p.alice.verifyingKey(), false, 0, EXPIRY));
    assertThat(store.policies().get(hrac)).isEmpty();
    assertThat(store.revocations().get(hrac)).contains(r);
    assertThat(store.policies().put(terms, Policies.kfrag(1))).isEqualTo(PutResult.REVOKED);
    assertThat(store.policies().get(hrac)).isEmpty();
    assertThat(store.counts()).isEqualTo(new StoreCounts(0, 1, 0));
  }

  @Test
  void revokingTwiceReturnsTheFirstRevocation() {
    Hrac hrac = p.hrac("label");
    Revocation first = store.policies().revoke(hrac, p.alice.verifyingKey(), T0, new byte[] {1}).revocation();
    Revocation second = store.policies().revoke(hrac, p.alice.verifyingKey(), T0.plusSeconds(60), new byte[] {2})
        .revocation();
    assertThat(second).isEqualTo(first);
    assertThat(second.orderBytes()).containsExactly(1);
    assertThat(store.counts().revocations()).isEqualTo(1);
  }

  @Test
  void revocationTimeIsKeptToTheMillisecond() {
    Revocation r = store.policies().revoke(p.hrac("x"), p.alice.verifyingKey(), T0.plusNanos(1_234_567), new byte[] {1})
        .revocation();
    assertThat(r.revokedAt()).isEqualTo(T0.plusMillis(1));
    assertThat(store.revocations().get(p.hrac("x")).orElseThrow().revokedAt()).isEqualTo(T0.plusMillis(1));
  }

  @Test
  void revocationOrdersMustBeSane() {
    assertThatThrownBy(() -> store.policies().revoke(p.hrac("x"), p.alice.verifyingKey(), T0, new byte[0]).revocation())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.policies().revoke(p.hrac("x"), p.alice.verifyingKey(), T0,
        new byte[RevocationTable.MAX_ORDER_BYTES + 1])
        .revocation())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.revocations().get(p.hrac("x"))).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ renewal

  @Test
  void renewalReplacesTermsWithAHigherRevision() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    store.policies().put(terms, Policies.kfrag(1));
    SignedPolicyTerms renewed = p.sign(terms.terms().renewedUntil(EXPIRY.plusSeconds(86_400)));
    assertThat(store.policies().renew(renewed)).isEqualTo(RenewResult.RENEWED);
    StoredPolicy stored = store.policies().get(terms.terms().hrac()).orElseThrow();
    assertThat(stored.terms()).isEqualTo(renewed);
    assertThat(stored.kfrag()).isEqualTo(Policies.kfrag(1));
    // The expiry column moved too: the old expiry no longer deletes it.
    assertThat(store.policies().deleteExpired(EXPIRY)).isZero();
    assertThat(store.policies().deleteExpired(EXPIRY.plusSeconds(86_400))).isEqualTo(1);
  }

  @Test
  void renewalRules() {
    SignedPolicyTerms v0 = p.terms("label", EXPIRY, 0);
    SignedPolicyTerms v1 = p.sign(v0.terms().renewedUntil(EXPIRY.plusSeconds(10)));
    assertThat(store.policies().renew(v1)).isEqualTo(RenewResult.UNKNOWN);
    store.policies().put(v0, Policies.kfrag(1));
    assertThat(store.policies().renew(v1)).isEqualTo(RenewResult.RENEWED);
    // A repeated renewal (same content, maybe a fresh signature) is answered as done.
    assertThat(store.policies().renew(p.sign(v1.terms()))).isEqualTo(RenewResult.RENEWED);
    // Not above the stored revision.
    assertThat(store.policies().renew(p.terms("label", EXPIRY.plusSeconds(20), 1))).isEqualTo(RenewResult.STALE);
    assertThat(store.policies().renew(p.terms("label", EXPIRY.plusSeconds(20), 0))).isEqualTo(RenewResult.STALE);
    // Another Alice cannot even name this policy: with its nonce, his key makes his own id, which is unknown here.
    Signer mallory = new Signer(SecretKey.random());
    PolicyTerms t = v1.terms();
    SignedPolicyTerms foreign = SignedPolicyTerms.sign(new PolicyTerms(t.nonce(), 2, 3, t.start(),
        EXPIRY.plusSeconds(30), 5, Conditions.NONE, t.policyEncryptingKey(), mallory.verifyingKey(),
        t.bobVerifyingKey(), t.bobEncryptingKey()), mallory, dev.nkms.crypto.RandomSource.secure());
    assertThat(foreign.terms().hrac()).isNotEqualTo(t.hrac());
    assertThat(store.policies().renew(foreign)).isEqualTo(RenewResult.UNKNOWN);
    // Same Alice, but for someone else.
    PublicKey otherBob = SecretKey.random().publicKey();
    SignedPolicyTerms redirected = p.sign(new PolicyTerms(t.nonce(), 2, 3, t.start(), EXPIRY.plusSeconds(30), 5,
        Conditions.NONE, t.policyEncryptingKey(), t.aliceVerifyingKey(), otherBob, t.bobEncryptingKey()));
    assertThat(store.policies().renew(redirected)).isEqualTo(RenewResult.INCOMPATIBLE);
    SignedPolicyTerms rethresholded = p.sign(new PolicyTerms(t.nonce(), 1, 3, t.start(), EXPIRY.plusSeconds(30), 5,
        Conditions.NONE, t.policyEncryptingKey(), t.aliceVerifyingKey(), t.bobVerifyingKey(),
        t.bobEncryptingKey()));
    assertThat(store.policies().renew(rethresholded)).isEqualTo(RenewResult.INCOMPATIBLE);
    assertThat(store.policies().get(t.hrac()).orElseThrow().terms()).isEqualTo(v1);
    store.policies().revoke(t.hrac(), p.alice.verifyingKey(), T0, new byte[] {1}).revocation();
    assertThat(store.policies().renew(p.sign(v1.terms().renewedUntil(EXPIRY.plusSeconds(99)))))
        .isEqualTo(RenewResult.REVOKED);
  }

  // ------------------------------------------------------------------------------------------------ expiry

  @Test
  void deleteExpiredRemovesPoliciesWhoseExpiryIsAtOrBeforeNow() {
    Instant e1 = Instant.parse("2026-03-01T00:00:00Z");
    Instant e2 = Instant.parse("2026-04-01T00:00:00Z");
    store.policies().put(p.terms("one", e1, 0), Policies.kfrag(1));
    store.policies().put(p.terms("two", e2, 0), Policies.kfrag(2));
    assertThat(store.policies().deleteExpired(e1.minusMillis(1))).isZero();
    assertThat(store.policies().deleteExpired(e1)).isEqualTo(1);
    assertThat(store.policies().get(p.hrac("one"))).isEmpty();
    assertThat(store.policies().get(p.hrac("two"))).isPresent();
    assertThat(store.policies().deleteExpired(e1)).isZero();
    assertThat(store.policies().deleteExpired(e2.plusMillis(500))).isEqualTo(1);
    assertThat(store.counts().policies()).isZero();
  }

  @Test
  void expiryDoesNotTouchRevocations() {
    store.policies().put(p.terms("one", EXPIRY, 0), Policies.kfrag(1));
    store.policies().revoke(p.hrac("one"), p.alice.verifyingKey(), T0, new byte[] {1}).revocation();
    assertThat(store.policies().deleteExpired(EXPIRY.plusSeconds(1))).isZero();
    assertThat(store.revocations().get(p.hrac("one"))).isPresent();
  }

  @Test
  void aPurgedExpiredPolicyIsRememberedAsExpiredAndCannotComeBack() {
    SignedPolicyTerms terms = p.terms("one", EXPIRY, 4);
    Hrac hrac = terms.terms().hrac();
    store.policies().put(terms, Policies.kfrag(1));
    assertThat(store.policies().expired(hrac)).isEmpty();
    assertThat(store.policies().deleteExpired(EXPIRY)).isEqualTo(1);
    assertThat(store.policies().get(hrac)).isEmpty();
    assertThat(store.policies().expired(hrac)).contains(new ExpiredPolicy(hrac, p.alice.verifyingKey(), 4, EXPIRY));
    assertThat(store.policies().put(p.terms("one", EXPIRY.plusSeconds(60), 5), Policies.kfrag(1)))
        .isEqualTo(PutResult.EXPIRED);
    assertThat(store.policies().renew(p.terms("one", EXPIRY.plusSeconds(60), 5), EXPIRY.minusSeconds(1)))
        .isEqualTo(RenewResult.EXPIRED);
    assertThat(store.policies().holdings(p.alice.verifyingKey())).isZero();
    // Revoking it afterwards records what it was; the expiry row gives way to the revocation.
    Revocation r = store.policies().revoke(hrac, p.alice.verifyingKey(), EXPIRY, new byte[] {1}).revocation();
    assertThat(r.neverHeld()).isFalse();
    assertThat(r.revision()).isEqualTo(4);
    assertThat(r.expiry()).isEqualTo(EXPIRY);
    assertThat(store.policies().expired(hrac)).isEmpty();
  }

  @Test
  void renewingAPolicyPastItsExpiryIsRefusedBeforeTheSweep() {
    SignedPolicyTerms v0 = p.terms("one", EXPIRY, 0);
    store.policies().put(v0, Policies.kfrag(1));
    SignedPolicyTerms v1 = p.sign(v0.terms().renewedUntil(EXPIRY.plusSeconds(60)));
    assertThat(store.policies().renew(v1, EXPIRY)).isEqualTo(RenewResult.EXPIRED);
    assertThat(store.policies().renew(v1, EXPIRY.minusSeconds(1))).isEqualTo(RenewResult.RENEWED);
  }

  // ------------------------------------------------------------------------------------------------ tombstones, quota

  @Test
  void aRevocationOfAnIdNeverHeldIsATombstoneThatBlocksALateKfragAndCounts() {
    Hrac hrac = p.hrac("never");
    Revocation r = store.policies().revoke(hrac, p.alice.verifyingKey(), T0, new byte[] {7}).revocation();
    assertThat(r.neverHeld()).isTrue();
    assertThat(r.revision()).isZero();
    assertThat(r.expiry()).isNull();
    assertThat(store.revocations().get(hrac)).contains(r);
    assertThat(store.policies().put(p.terms("never", EXPIRY, 0), Policies.kfrag(1))).isEqualTo(PutResult.REVOKED);
    assertThat(store.policies().holdings(p.alice.verifyingKey())).isEqualTo(1);
    // A held policy that is revoked stops counting.
    store.policies().put(p.terms("held", EXPIRY, 0), Policies.kfrag(2));
    assertThat(store.policies().holdings(p.alice.verifyingKey())).isEqualTo(2);
    store.policies().revoke(p.hrac("held"), p.alice.verifyingKey(), T0, new byte[] {8});
    assertThat(store.policies().holdings(p.alice.verifyingKey())).isEqualTo(1);
  }

  @Test
  void theQuotaCountsLivePoliciesAndTombstonesPerAliceKey() {
    assertThat(store.policies().put(p.terms("a", EXPIRY, 0), Policies.kfrag(1), 2)).isEqualTo(PutResult.STORED);
    assertThat(store.policies().revoke(p.hrac("b"), p.alice.verifyingKey(), T0, new byte[] {1}, 2).outcome())
        .isEqualTo(RevokeResult.Outcome.REVOKED);
    assertThat(store.policies().put(p.terms("c", EXPIRY, 0), Policies.kfrag(1), 2))
        .isEqualTo(PutResult.QUOTA_EXCEEDED);
    assertThat(store.policies().revoke(p.hrac("d"), p.alice.verifyingKey(), T0, new byte[] {1}, 2))
        .isEqualTo(new RevokeResult(RevokeResult.Outcome.QUOTA_EXCEEDED, null));
    assertThat(store.policies().get(p.hrac("c"))).isEmpty();
    assertThat(store.revocations().get(p.hrac("d"))).isEmpty();
    // Idempotent repeats and revoking what she holds are never refused.
    assertThat(store.policies().put(p.terms("a", EXPIRY, 0), Policies.kfrag(1), 2))
        .isEqualTo(PutResult.ALREADY_STORED);
    assertThat(store.policies().revoke(p.hrac("b"), p.alice.verifyingKey(), T0, new byte[] {1}, 2).outcome())
        .isEqualTo(RevokeResult.Outcome.REVOKED);
    assertThat(store.policies().revoke(p.hrac("a"), p.alice.verifyingKey(), T0, new byte[] {1}, 2).outcome())
        .isEqualTo(RevokeResult.Outcome.REVOKED);
    // Another Alice has her own count.
    Policies other = new Policies();
    assertThat(store.policies().put(other.terms("a", EXPIRY, 0), Policies.kfrag(1), 1))
        .isEqualTo(PutResult.STORED);
  }

  @Test
  void aRevocationByAnotherKeyThanTheHoldersIsRefused() {
    store.policies().put(p.terms("a", EXPIRY, 0), Policies.kfrag(1));
    PublicKey mallory = SecretKey.random().publicKey();
    assertThat(store.policies().revoke(p.hrac("a"), mallory, T0, new byte[] {1}).outcome())
        .isEqualTo(RevokeResult.Outcome.DIFFERENT_ALICE);
    assertThat(store.policies().get(p.hrac("a"))).isPresent();
    store.policies().revoke(p.hrac("b"), p.alice.verifyingKey(), T0, new byte[] {1});
    assertThat(store.policies().revoke(p.hrac("b"), mallory, T0, new byte[] {1}).outcome())
        .isEqualTo(RevokeResult.Outcome.DIFFERENT_ALICE);
  }

  // ------------------------------------------------------------------------------------------------ migration

  @Test
  void aSchema1DatabaseIsMigratedKeepingRevocationsAndSettingOldPoliciesAside() throws Exception {
    store.close();
    Path old = dir.resolve("old.db");
    byte[] oldHrac = sha256(new byte[] {1}).clone();
    oldHrac = java.util.Arrays.copyOf(oldHrac, 16);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
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
    assertThat(store.policies().revoke(revoked, p.alice.verifyingKey(), T0, new byte[] {6}).revocation()).isEqualTo(r);
    // The migrated file works as a new one.
    SignedPolicyTerms terms = p.terms("new", EXPIRY, 0);
    assertThat(store.policies().put(terms, Policies.kfrag(1))).isEqualTo(PutResult.STORED);
    assertThat(store.policies().deleteExpired(EXPIRY)).isEqualTo(1);
    assertThat(store.policies().expired(terms.terms().hrac())).isPresent();
    store.close();
    store = NodeStore.open(old, Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(store.policies().expired(terms.terms().hrac())).isPresent();
  }

  // ------------------------------------------------------------------------------------------------ access log

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
    assertThat(e1.hash()).isEqualTo(expectedHash(new byte[32], 1, T0.toEpochMilli() + 1, hrac, bob, 3, digest1));
    assertThat(e2.seq()).isEqualTo(2);
    assertThat(e2.prevHash()).isEqualTo(e1.hash());
    assertThat(e2.hash()).isEqualTo(expectedHash(e1.hash(), 2, T0.toEpochMilli() + 1000, hrac, bob, 1000, digest2));
    assertThat(e2.computedHash()).isEqualTo(e2.hash());
    assertThat(store.accessLog().entries(1, 10)).containsExactly(e1, e2);
  }

  @Test
  void accessLogPages() {
    for (int i = 1; i <= 5; i++) {
      append(i);
    }
    assertThat(store.accessLog().entries(2, 2)).extracting(AccessLogEntry::seq).containsExactly(2L, 3L);
    assertThat(store.accessLog().entries(5, 10)).extracting(AccessLogEntry::seq).containsExactly(5L);
    assertThat(store.accessLog().entries(6, 10)).isEmpty();
    assertThatThrownBy(() -> store.accessLog().entries(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.accessLog().entries(1, AccessLogTable.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendValidatesItsInput() {
    Hrac hrac = p.hrac("label");
    assertThatThrownBy(() -> store.accessLog().append(T0, hrac, p.bobVerifying, 1, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> store.accessLog().append(T0, hrac, p.bobVerifying, -1, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> store.accessLog().append(Instant.EPOCH.minusMillis(1), hrac, p.bobVerifying, 1,
        new byte[32])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the epoch");
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

  @Test
  void theDatabaseRefusesEditsToTheLog() throws Exception {
    append(1);
    try (Connection c = raw(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE access_log SET capsules = 7 WHERE seq = 1"))
          .isInstanceOf(SQLException.class).hasMessageContaining("access_log is append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM access_log WHERE seq = 1"))
          .isInstanceOf(SQLException.class).hasMessageContaining("access_log is append-only");
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
    // Recompute entry 2 consistently after editing it: its own hash checks out, but entry 3 no longer links.
    tamper("UPDATE access_log SET at_ms = at_ms + 1 WHERE seq = 2");
    byte[][] row = rawRow(2);
    byte[] fixed = AccessLogEntry.chainHash(row[0], 2, ByteBuffer.wrap(row[1]).getLong(), row[2], row[3],
        ByteBuffer.wrap(row[4]).getInt(), row[5]);
    try (Connection c = raw(); var ps = c.prepareStatement("UPDATE access_log SET hash = ? WHERE seq = 2")) {
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
    assertThat(check.problem().orElseThrow()).isEqualTo("entry 3 follows entry 1; entries are missing");
  }

  @Test
  void verificationFindsAMangledColumn() throws Exception {
    fiveEntries();
    // The table's CHECK constraints refuse this; an attacker can switch them off, so verification checks lengths too.
    assertThatThrownBy(() -> tamper("UPDATE access_log SET requester = x'00' WHERE seq = 4"))
        .isInstanceOf(SQLException.class).hasMessageContaining("CHECK constraint failed");
    try (Connection c = raw(); Statement s = c.createStatement()) {
      s.execute("PRAGMA ignore_check_constraints = ON");
      s.execute("DROP TRIGGER IF EXISTS access_log_no_update");
      assertThat(s.executeUpdate("UPDATE access_log SET requester = x'00' WHERE seq = 4")).isEqualTo(1);
    }
    ChainCheck check = store.accessLog().verify();
    assertThat(check.firstBrokenSeq()).hasValue(4);
    assertThat(check.problem()).contains("entry 4 has a column of the wrong length");
  }

  // ------------------------------------------------------------------------------------------------ concurrency

  @Test
  void concurrentWritersAndReadersKeepOneUnbrokenChain() throws Exception {
    int threads = 4;
    int perThread = 40;
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    ExecutorService exec = Executors.newFixedThreadPool(threads * 2);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        tasks.add(() -> {
          for (int i = 0; i < perThread; i++) {
            store.accessLog().append(T0.plusMillis(i), p.hrac("label"), p.bobVerifying, id + 1, sha256(new byte[] {
                (byte) id, (byte) i}));
            store.policies().put(terms, Policies.kfrag(1));
          }
          return null;
        });
        tasks.add(() -> {
          for (int i = 0; i < perThread; i++) {
            store.counts();
            store.policies().get(p.hrac("label"));
            store.accessLog().entries(1, 50);
          }
          return null;
        });
      }
      for (Future<Void> f : exec.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
        f.get();
      }
    } finally {
      exec.shutdownNow();
    }
    assertThat(store.counts()).isEqualTo(new StoreCounts(1, 0, threads * perThread));
    assertThat(store.accessLog().verify()).isEqualTo(ChainCheck.valid(threads * perThread));
  }

  // ------------------------------------------------------------------------------------------------ values

  @Test
  void valuesDoNotLeakKeyMaterialInToString() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    StoredPolicy sp = new StoredPolicy(terms.terms().hrac(), terms, Policies.kfrag(0xab));
    assertThat(sp.toString()).contains(terms.terms().hrac().toHex());
    // The kfrag is all 0xab; the (random) policy id is taken out first, since it may hold "abab" by chance.
    assertThat(sp.toString().replace(terms.terms().hrac().toHex(), "")).doesNotContain("abab");
    assertThatThrownBy(() -> new StoredPolicy(p.hrac("other"), terms, Policies.kfrag(1)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] k = Policies.kfrag(1);
    StoredPolicy copy = new StoredPolicy(terms.terms().hrac(), terms, k);
    k[0] = 9;
    copy.kfrag()[1] = 9;
    assertThat(copy.kfrag()).isEqualTo(Policies.kfrag(1));
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private AccessLogEntry append(int i) {
    return store.accessLog().append(T0.plusSeconds(i), p.hrac("label"), p.bobVerifying, i,
        sha256(new byte[] {(byte) i}));
  }

  private void fiveEntries() {
    for (int i = 1; i <= 5; i++) {
      append(i);
    }
    assertThat(store.accessLog().verify().isValid()).isTrue();
  }

  /** Edits the log the way an attacker with the file would: around the append-only triggers. */
  private void tamper(String sql) throws SQLException {
    try (Connection c = raw(); Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER IF EXISTS access_log_no_update");
      s.execute("DROP TRIGGER IF EXISTS access_log_no_delete");
      assertThat(s.executeUpdate(sql)).isEqualTo(1);
    }
  }

  /** prev_hash, at_ms (8 bytes), hrac, requester, capsules (4 bytes), request_digest of one row. */
  private byte[][] rawRow(long seq) throws SQLException {
    try (Connection c = raw(); var ps = c.prepareStatement(
        "SELECT prev_hash, at_ms, hrac, requester, capsules, request_digest FROM access_log WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return new byte[][] {rs.getBytes(1), ByteBuffer.allocate(8).putLong(rs.getLong(2)).array(), rs.getBytes(3),
            rs.getBytes(4), ByteBuffer.allocate(4).putInt(rs.getInt(5)).array(), rs.getBytes(6)};
      }
    }
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
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

  /** The specified chain hash, computed here independently of the store's code. */
  private static byte[] expectedHash(byte[] prev, long seq, long atMs, Hrac hrac, PublicKey requester, int capsules,
      byte[] digest) throws Exception {
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
