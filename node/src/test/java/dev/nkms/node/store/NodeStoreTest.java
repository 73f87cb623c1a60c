package dev.nkms.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.SignedPolicyTerms;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opening, closing and reopening the store file, and the tables used together from many threads.
 */
class NodeStoreTest extends StoreFixture {
  // ------------------------------------------------------------------------------------------------ file

  @Test
  void createsAnOwnerOnlyWalDatabaseAtTheCurrentSchema() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
        .isEqualTo("rw-------");
    try (Connection c = raw()) {
      assertThat(scalar(c, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(scalar(c, "PRAGMA user_version")).isEqualTo("2");
      assertThat(scalar(c, "PRAGMA application_id"))
          .isEqualTo(String.valueOf(SchemaMigrations.APPLICATION_ID));
    }
  }

  @Test
  void refusesAMissingDirectory() {
    assertThatThrownBy(() -> NodeStore.open(dir.resolve("nope").resolve("node.db")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aClosedStoreSaysSo() {
    store.close();
    store.close(); // idempotent
    assertThatThrownBy(() -> store.counts())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> store.policies().deleteExpired(T0))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void stateSurvivesReopening() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    store.policies().put(terms, Policies.kfrag(1));
    store
        .policies()
        .revoke(p.hrac("gone"), p.alice.verifyingKey(), T0, new byte[] {9})
        .revocation();
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
        tasks.add(
            () -> {
              for (int i = 0; i < perThread; i++) {
                store
                    .accessLog()
                    .append(
                        T0.plusMillis(i),
                        p.hrac("label"),
                        p.bobVerifying,
                        id + 1,
                        sha256(new byte[] {(byte) id, (byte) i}));
                store.policies().put(terms, Policies.kfrag(1));
              }
              return null;
            });
        tasks.add(
            () -> {
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
}
