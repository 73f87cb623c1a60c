package dev.nkms.node.service;

import dev.nkms.protocol.http.ErrorCode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses a re-encryption request whose timestamp is further than the allowed skew from the node's
 * clock, or that was already served within that window. Remembers digests only for the window, and
 * at most {@code capacity} of them, so memory stays bounded however many requests arrive.
 */
final class ReplayGuard {
  private final Clock clock;
  private final Duration skew;
  private final int capacity;
  private final Map<ByteBuffer, Instant> seen = new HashMap<>();

  ReplayGuard(Clock clock, Duration skew, int capacity) {
    this.clock = clock;
    this.skew = skew;
    this.capacity = capacity;
  }

  synchronized void admit(byte[] digest, Instant issuedAt) throws RefusedException {
    Instant now = clock.instant();
    if (issuedAt.isBefore(now.minus(skew)) || issuedAt.isAfter(now.plus(skew))) {
      throw new RefusedException(
          ErrorCode.REPLAY,
          "request timestamp "
              + issuedAt
              + " is more than "
              + skew.toSeconds()
              + " s from the node's clock "
              + now
              + "; check the client's clock or send a fresh request");
    }
    if (seen.size() >= capacity) {
      evictBefore(now.minus(skew));
      if (seen.size() >= capacity) {
        throw new RefusedException(
            ErrorCode.BUSY, "too many recent requests to track; retry shortly");
      }
    }
    if (seen.putIfAbsent(ByteBuffer.wrap(digest.clone()), issuedAt) != null) {
      throw new RefusedException(ErrorCode.REPLAY, "this exact request was already served");
    }
  }

  private void evictBefore(Instant cutoff) {
    for (Iterator<Map.Entry<ByteBuffer, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().isBefore(cutoff)) {
        it.remove();
      }
    }
  }
}
