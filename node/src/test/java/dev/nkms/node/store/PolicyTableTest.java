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
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Storing, reading, renewing and sweeping policies; revocation is in {@link PolicyRevocationTest}.
 */
class PolicyTableTest extends StoreFixture {
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
    assertThat(store.policies().put(resigned, Policies.kfrag(1)))
        .isEqualTo(PutResult.ALREADY_STORED);
    assertThat(store.policies().get(terms.terms().hrac()).orElseThrow().terms()).isEqualTo(terms);
    assertThat(store.counts().policies()).isEqualTo(1);
  }

  @Test
  void aDifferentKfragOrDifferentTermsForAStoredPolicyConflict() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    store.policies().put(terms, Policies.kfrag(1));
    assertThat(store.policies().put(terms, Policies.kfrag(2)))
        .isEqualTo(PutResult.CONFLICTING_KFRAG);
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
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a kfrag is 310 bytes, got 309");
    assertThat(store.counts().policies()).isZero();
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
    assertThat(store.policies().renew(p.terms("label", EXPIRY.plusSeconds(20), 1)))
        .isEqualTo(RenewResult.STALE);
    assertThat(store.policies().renew(p.terms("label", EXPIRY.plusSeconds(20), 0)))
        .isEqualTo(RenewResult.STALE);
    // Another Alice cannot even name this policy: with its nonce, his key makes his own id, which
    // is unknown here.
    Signer mallory = new Signer(SecretKey.random());
    PolicyTerms t = v1.terms();
    SignedPolicyTerms foreign =
        SignedPolicyTerms.sign(
            new PolicyTerms(
                t.nonce(),
                2,
                3,
                t.start(),
                EXPIRY.plusSeconds(30),
                5,
                Conditions.NONE,
                t.policyEncryptingKey(),
                mallory.verifyingKey(),
                t.bobVerifyingKey(),
                t.bobEncryptingKey()),
            mallory,
            dev.nkms.crypto.RandomSource.secure());
    assertThat(foreign.terms().hrac()).isNotEqualTo(t.hrac());
    assertThat(store.policies().renew(foreign)).isEqualTo(RenewResult.UNKNOWN);
    // Same Alice, but for someone else.
    PublicKey otherBob = SecretKey.random().publicKey();
    SignedPolicyTerms redirected =
        p.sign(
            new PolicyTerms(
                t.nonce(),
                2,
                3,
                t.start(),
                EXPIRY.plusSeconds(30),
                5,
                Conditions.NONE,
                t.policyEncryptingKey(),
                t.aliceVerifyingKey(),
                otherBob,
                t.bobEncryptingKey()));
    assertThat(store.policies().renew(redirected)).isEqualTo(RenewResult.INCOMPATIBLE);
    SignedPolicyTerms rethresholded =
        p.sign(
            new PolicyTerms(
                t.nonce(),
                1,
                3,
                t.start(),
                EXPIRY.plusSeconds(30),
                5,
                Conditions.NONE,
                t.policyEncryptingKey(),
                t.aliceVerifyingKey(),
                t.bobVerifyingKey(),
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
    assertThat(store.policies().expired(hrac))
        .contains(new ExpiredPolicy(hrac, p.alice.verifyingKey(), 4, EXPIRY));
    assertThat(store.policies().put(p.terms("one", EXPIRY.plusSeconds(60), 5), Policies.kfrag(1)))
        .isEqualTo(PutResult.EXPIRED);
    assertThat(
            store
                .policies()
                .renew(p.terms("one", EXPIRY.plusSeconds(60), 5), EXPIRY.minusSeconds(1)))
        .isEqualTo(RenewResult.EXPIRED);
    assertThat(store.policies().holdings(p.alice.verifyingKey())).isZero();
    // Revoking it afterwards records what it was; the expiry row gives way to the revocation.
    Revocation r =
        store.policies().revoke(hrac, p.alice.verifyingKey(), EXPIRY, new byte[] {1}).revocation();
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

  // ------------------------------------------------------------------------------------------------ values

  @Test
  void valuesDoNotLeakKeyMaterialInToString() {
    SignedPolicyTerms terms = p.terms("label", EXPIRY, 0);
    StoredPolicy sp = new StoredPolicy(terms.terms().hrac(), terms, Policies.kfrag(0xab));
    assertThat(sp.toString()).contains(terms.terms().hrac().toHex());
    // The kfrag is all 0xab; the (random) policy id is taken out first, since it may hold "abab" by
    // chance.
    assertThat(sp.toString().replace(terms.terms().hrac().toHex(), "")).doesNotContain("abab");
    assertThatThrownBy(() -> new StoredPolicy(p.hrac("other"), terms, Policies.kfrag(1)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] k = Policies.kfrag(1);
    StoredPolicy copy = new StoredPolicy(terms.terms().hrac(), terms, k);
    k[0] = 9;
    copy.kfrag()[1] = 9;
    assertThat(copy.kfrag()).isEqualTo(Policies.kfrag(1));
  }
}
