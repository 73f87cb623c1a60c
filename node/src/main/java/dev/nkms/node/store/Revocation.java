package dev.nkms.node.store;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.Hrac;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A revocation this node accepted: when, the order that asked for it (kept as evidence), the Alice
 * whose order it was ({@code null} only for revocations recorded before schema 2), whether the node
 * ever held the policy, and the revision and expiry of the terms it held (0 and {@code null} when
 * it never held any).
 */
public record Revocation(
    Hrac hrac,
    Instant revokedAt,
    byte[] orderBytes,
    PublicKey alice,
    boolean neverHeld,
    long revision,
    Instant expiry) {
  public Revocation {
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(orderBytes, "orderBytes");
    orderBytes = orderBytes.clone();
  }

  /**
   * True if this revocation was ordered by a key other than {@code key} (an unknown Alice matches
   * any).
   */
  public boolean namesAnotherAlice(PublicKey key) {
    return alice != null && !alice.equals(key);
  }

  @Override
  public byte[] orderBytes() {
    return orderBytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Revocation)) {
      return false;
    }
    Revocation r = (Revocation) o;
    return hrac.equals(r.hrac)
        && revokedAt.equals(r.revokedAt)
        && Arrays.equals(orderBytes, r.orderBytes)
        && Objects.equals(alice, r.alice)
        && neverHeld == r.neverHeld
        && revision == r.revision
        && Objects.equals(expiry, r.expiry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        hrac, revokedAt, Arrays.hashCode(orderBytes), alice, neverHeld, revision, expiry);
  }

  @Override
  public String toString() {
    return "Revocation[" + hrac + " at " + revokedAt + "]";
  }
}
