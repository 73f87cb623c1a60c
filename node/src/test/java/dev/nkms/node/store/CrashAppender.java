package dev.nkms.node.store;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.protocol.Hrac;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process for {@link NodeStoreCrashTest}: appends N access-log entries, prints {@code DONE}
 * once the last one is acknowledged, then keeps appending until it is killed, so the kill lands in
 * the middle of a write. It never closes the store. Entry i (1-based) has capsules = i and time
 * BASE + i ms, so the parent can check the contents.
 */
public final class CrashAppender {
  static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private CrashAppender() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    NodeStore store = NodeStore.open(db);
    PublicKey requester = SecretKey.random().publicKey();
    Hrac hrac = Hrac.derive(requester, new byte[Hrac.NONCE_LENGTH]);
    for (int i = 1; i <= n; i++) {
      store
          .accessLog()
          .append(
              BASE.plusMillis(i), hrac, requester, i, StoreFixture.sha256(new byte[] {(byte) i}));
    }
    System.out.println("DONE");
    System.out.flush();
    for (int i = n + 1; i < Integer.MAX_VALUE; i++) {
      store
          .accessLog()
          .append(
              BASE.plusMillis(i), hrac, requester, i, StoreFixture.sha256(new byte[] {(byte) i}));
    }
  }
}
