package dev.nkms.node.store;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.Hrac;
import java.time.Instant;
import java.util.Objects;

/** A policy that expired and was purged: the id still reads as expired. */
public record ExpiredPolicy(Hrac hrac, PublicKey alice, long revision, Instant expiry) {
  public ExpiredPolicy {
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(alice, "alice");
    Objects.requireNonNull(expiry, "expiry");
  }
}
