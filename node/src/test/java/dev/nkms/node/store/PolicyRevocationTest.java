package dev.nkms.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.SignedPolicyTerms;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyTable#revoke} and what {@link RevocationTable} then records: revoked ids stay
 * revoked, tombstones for ids never held, and the per-Alice quota they count against.
 */
class PolicyRevocationTest extends StoreFixture {
  // ------------------------------------------------------------------------------------------------ revocations

  @Test
  void revokeThenPutIsRefused() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    Hrac hrac = terms.terms().hrac();
    store.policies().put(terms, Policies.kfrag(1));
    Revocation r =
        store
            .policies()
            .revoke(hrac, p.alice.verifyingKey(), T0.plusMillis(1234), new byte[] {1, 2, 3})
            .revocation();
    assertThat(r)
        .isEqualTo(
            new Revocation(
                hrac,
                T0.plusMillis(1234),
                new byte[] {1, 2, 3},
                p.alice.verifyingKey(),
                false,
                0,
                EXPIRY));
    assertThat(store.policies().get(hrac)).isEmpty();
    assertThat(store.revocations().get(hrac)).contains(r);
    assertThat(store.policies().put(terms, Policies.kfrag(1))).isEqualTo(PutResult.REVOKED);
    assertThat(store.policies().get(hrac)).isEmpty();
    assertThat(store.counts()).isEqualTo(new StoreCounts(0, 1, 0));
  }

  @Test
  void revokingTwiceReturnsTheFirstRevocation() {
    Hrac hrac = p.hrac("label");
    Revocation first =
        store.policies().revoke(hrac, p.alice.verifyingKey(), T0, new byte[] {1}).revocation();
    Revocation second =
        store
            .policies()
            .revoke(hrac, p.alice.verifyingKey(), T0.plusSeconds(60), new byte[] {2})
            .revocation();
    assertThat(second).isEqualTo(first);
    assertThat(second.orderBytes()).containsExactly(1);
    assertThat(store.counts().revocations()).isEqualTo(1);
  }

  @Test
  void revocationTimeIsKeptToTheMillisecond() {
    Revocation r =
        store
            .policies()
            .revoke(p.hrac("x"), p.alice.verifyingKey(), T0.plusNanos(1_234_567), new byte[] {1})
            .revocation();
    assertThat(r.revokedAt()).isEqualTo(T0.plusMillis(1));
    assertThat(store.revocations().get(p.hrac("x")).orElseThrow().revokedAt())
        .isEqualTo(T0.plusMillis(1));
  }

  @Test
  void revocationOrdersMustBeSane() {
    assertThatThrownBy(
            () ->
                store
                    .policies()
                    .revoke(p.hrac("x"), p.alice.verifyingKey(), T0, new byte[0])
                    .revocation())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store
                    .policies()
                    .revoke(
                        p.hrac("x"),
                        p.alice.verifyingKey(),
                        T0,
                        new byte[RevocationTable.MAX_ORDER_BYTES + 1])
                    .revocation())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.revocations().get(p.hrac("x"))).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ tombstones, quota

  @Test
  void aRevocationOfAnIdNeverHeldIsATombstoneThatBlocksALateKfragAndCounts() {
    Hrac hrac = p.hrac("never");
    Revocation r =
        store.policies().revoke(hrac, p.alice.verifyingKey(), T0, new byte[] {7}).revocation();
    assertThat(r.neverHeld()).isTrue();
    assertThat(r.revision()).isZero();
    assertThat(r.expiry()).isNull();
    assertThat(store.revocations().get(hrac)).contains(r);
    assertThat(store.policies().put(p.terms("never", EXPIRY, 0), Policies.kfrag(1)))
        .isEqualTo(PutResult.REVOKED);
    assertThat(store.policies().holdings(p.alice.verifyingKey())).isEqualTo(1);
    // A held policy that is revoked stops counting.
    store.policies().put(p.terms("held", EXPIRY, 0), Policies.kfrag(2));
    assertThat(store.policies().holdings(p.alice.verifyingKey())).isEqualTo(2);
    store.policies().revoke(p.hrac("held"), p.alice.verifyingKey(), T0, new byte[] {8});
    assertThat(store.policies().holdings(p.alice.verifyingKey())).isEqualTo(1);
  }

  @Test
  void theQuotaCountsLivePoliciesAndTombstonesPerAliceKey() {
    assertThat(store.policies().put(p.terms("a", EXPIRY, 0), Policies.kfrag(1), 2))
        .isEqualTo(PutResult.STORED);
    assertThat(
            store
                .policies()
                .revoke(p.hrac("b"), p.alice.verifyingKey(), T0, new byte[] {1}, 2)
                .outcome())
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
    assertThat(
            store
                .policies()
                .revoke(p.hrac("b"), p.alice.verifyingKey(), T0, new byte[] {1}, 2)
                .outcome())
        .isEqualTo(RevokeResult.Outcome.REVOKED);
    assertThat(
            store
                .policies()
                .revoke(p.hrac("a"), p.alice.verifyingKey(), T0, new byte[] {1}, 2)
                .outcome())
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
}
