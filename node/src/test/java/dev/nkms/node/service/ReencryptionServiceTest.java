package dev.nkms.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.network.testing.GateClock;
import dev.nkms.network.testing.MutableClock;
import dev.nkms.network.testing.SignedObjects;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.store.AccessLogEntry;
import dev.nkms.node.store.ChainCheck;
import dev.nkms.node.store.NodeStore;
import dev.nkms.node.store.StoredPolicy;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.protocol.http.ErrorCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's domain without HTTP: a real SQLite store in a temp dir, real crypto, and a clock moved
 * by hand.
 *
 * <p>Why this file is long: it mirrors ReencryptionService, whose five verbs (accept, renew,
 * re-encrypt, revoke, status) each have their refusals, and every case needs the same real store
 * and signed objects from one fixture.
 */
class ReencryptionServiceTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final Instant START = T0.minus(Duration.ofDays(1));
  static final Instant EXPIRY = T0.plus(Duration.ofDays(30));
  static final Duration SKEW = Duration.ofMinutes(5);

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(T0);
  final NodeIdentity node = NodeIdentity.generate(List.of(), clock);
  final Metrics metrics = new Metrics();
  final Grant grant = new Grant("records");
  NodeStore store;
  ReencryptionService service;

  @BeforeEach
  void open() {
    store = NodeStore.open(dir.resolve("node.db"), clock);
    service = service(clock, 1000, 64);
  }

  @AfterEach
  void close() {
    store.close();
  }

  ReencryptionService service(Clock c, int maxCapsules, int maxConcurrent) {
    return new ReencryptionService(
        node,
        store,
        c,
        Grant.RANDOM,
        new ReencryptionService.Limits(maxCapsules, maxConcurrent, SKEW),
        metrics);
  }

  static void assertRefused(ThrowingCallable call, ErrorCode refusal, String messageFragment) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.code()).as("refusal (message: %s)", e.getMessage()).isEqualTo(refusal);
              assertThat(e.getMessage()).contains(messageFragment);
            });
  }

  long refusals(ErrorCode r) {
    return metrics.counter("nkms_refusals_total{reason=\"" + r.wire() + "\"}");
  }

  /** Delivers the grant's kfrag 0 under default terms (revision 0, no conditions). */
  SignedPolicyTerms deliver() throws RefusedException {
    return deliver(grant.signed(START, EXPIRY));
  }

  SignedPolicyTerms deliver(SignedPolicyTerms terms) throws RefusedException {
    service.acceptKFrag(grant.delivery(terms, node).toBytes());
    return terms;
  }

  /**
   * Re-encrypts one fresh capsule for the grantee at the clock's time; checks the response and
   * returns it.
   */
  ReencryptionResponse reencryptNow() throws Exception {
    List<Capsule> capsules = grant.capsules(1);
    byte[] answer = service.reencrypt(grant.request(clock.instant(), capsules).toBytes());
    ReencryptionResponse response = ReencryptionResponse.fromBytes(answer);
    List<CapsuleFrag> cfrags = response.verify(node.verifyingKey(), grant.hrac, capsules);
    grant.verify(cfrags.get(0), capsules.get(0));
    return response;
  }

  // ------------------------------------------------------------------------------------------------ delivery

  @Nested
  class Delivery {
    @Test
    void aDeliveryForThisNodeIsStoredWithItsTermsAndKfrag() throws Exception {
      SignedPolicyTerms terms = grant.signed(START, EXPIRY, 3, Conditions.NONE);
      ReencryptionService.Accepted accepted =
          service.acceptKFrag(grant.delivery(terms, node).toBytes());

      assertThat(accepted.hrac).isEqualTo(grant.hrac);
      assertThat(accepted.revision).isEqualTo(3);
      StoredPolicy stored = store.policies().get(grant.hrac).orElseThrow();
      assertThat(stored.terms().terms()).isEqualTo(terms.terms());
      assertThat(stored.kfrag()).isEqualTo(grant.kfrags.get(0).toBytes());
      assertThat(store.counts().policies()).isEqualTo(1);
    }

    @Test
    void theSameDeliveryAgainIsAcceptedWithoutAChange() throws Exception {
      SignedPolicyTerms terms = grant.signed(START, EXPIRY);
      byte[] delivery = grant.delivery(terms, node).toBytes();
      service.acceptKFrag(delivery);

      ReencryptionService.Accepted again = service.acceptKFrag(delivery);
      // A resent grant is freshly sealed and signed (new bytes), with the same content: also
      // accepted.
      ReencryptionService.Accepted resealed =
          service.acceptKFrag(grant.delivery(grant.signed(START, EXPIRY), node).toBytes());

      assertThat(again.hrac).isEqualTo(grant.hrac);
      assertThat(resealed.hrac).isEqualTo(grant.hrac);
      assertThat(store.counts().policies()).isEqualTo(1);
      assertThat(store.policies().get(grant.hrac).orElseThrow().kfrag())
          .isEqualTo(grant.kfrags.get(0).toBytes());
    }

    @Test
    void aDeliverySealedForAnotherNodeIsRejected() {
      NodeIdentity other = NodeIdentity.generate(List.of(), clock);
      byte[] delivery = grant.delivery(grant.signed(START, EXPIRY), other).toBytes();

      assertRefused(
          () -> service.acceptKFrag(delivery),
          ErrorCode.REJECTED_KFRAG,
          "not encrypted to this node");
      assertThat(store.counts().policies()).isZero();
      assertThat(refusals(ErrorCode.REJECTED_KFRAG)).isEqualTo(1);
    }

    @Test
    void aDeliveryEncryptedToThisNodeButAuthorizedForAnotherIsRejected() {
      NodeIdentity other = NodeIdentity.generate(List.of(), clock);
      byte[] delivery =
          KFragDelivery.seal(
                  grant.signed(START, EXPIRY),
                  grant.kfrags.get(0),
                  other.address(),
                  node.encryptingKey().publicKey(),
                  grant.alice,
                  Grant.RANDOM)
              .toBytes();

      assertRefused(
          () -> service.acceptKFrag(delivery),
          ErrorCode.REJECTED_KFRAG,
          "does not verify for this node");
      assertThat(store.counts().policies()).isZero();
    }

    @Test
    void aKfragMadeForAnotherPolicyKeyIsRejected() {
      List<VerifiedKeyFrag> foreign =
          Umbral.generateKFrags(
              SecretKey.random(),
              grant.bobEncrypting.publicKey(),
              grant.alice,
              2,
              3,
              true,
              true,
              Grant.RANDOM);
      byte[] delivery =
          KFragDelivery.seal(
                  grant.signed(START, EXPIRY),
                  foreign.get(0),
                  node.address(),
                  node.encryptingKey().publicKey(),
                  grant.alice,
                  Grant.RANDOM)
              .toBytes();

      assertRefused(
          () -> service.acceptKFrag(delivery), ErrorCode.REJECTED_KFRAG, "kfrag signature");
      assertThat(store.counts().policies()).isZero();
    }

    @Test
    void aTamperedKfragIsRejected() throws Exception {
      VerifiedKeyFrag real = grant.kfrags.get(0);
      VerifiedKeyFrag tampered =
          KeyFrag.fromBytes(Grant.flipInside(real.toBytes(), real.id())).skipVerification();
      // Alice's authorization covers the tampered bytes, so only the kfrag's own check can catch
      // it.
      byte[] delivery =
          KFragDelivery.seal(
                  grant.signed(START, EXPIRY),
                  tampered,
                  node.address(),
                  node.encryptingKey().publicKey(),
                  grant.alice,
                  Grant.RANDOM)
              .toBytes();

      assertRefused(() -> service.acceptKFrag(delivery), ErrorCode.REJECTED_KFRAG, "kfrag");
      assertThat(store.counts().policies()).isZero();
    }

    @Test
    void aTamperedCiphertextIsRejected() {
      byte[] delivery = grant.delivery(grant.signed(START, EXPIRY), node).toBytes();
      delivery[delivery.length - 1] ^= 0x01; // the AEAD tag

      assertRefused(() -> service.acceptKFrag(delivery), ErrorCode.REJECTED_KFRAG, "");
      assertThat(store.counts().policies()).isZero();
    }

    @Test
    void expiredTermsAreRefused() {
      byte[] atExpiry = grant.delivery(grant.signed(START, T0), node).toBytes();
      byte[] pastExpiry = grant.delivery(grant.signed(START, T0.minusSeconds(1)), node).toBytes();

      assertRefused(() -> service.acceptKFrag(atExpiry), ErrorCode.EXPIRED, "expired at " + T0);
      assertRefused(() -> service.acceptKFrag(pastExpiry), ErrorCode.EXPIRED, "expired at");
      assertThat(store.counts().policies()).isZero();
    }

    @Test
    void termsThatExpireASecondFromNowAreStillAccepted() throws Exception {
      service.acceptKFrag(grant.delivery(grant.signed(START, T0.plusSeconds(1)), node).toBytes());
      assertThat(store.policies().get(grant.hrac)).isPresent();
    }

    @Test
    void aDifferentKfragForAHeldPolicyIsRefusedAndTheStoredOneKept() throws Exception {
      SignedPolicyTerms terms = deliver();
      byte[] second = grant.delivery(terms, 1, node).toBytes();

      assertRefused(() -> service.acceptKFrag(second), ErrorCode.STALE_TERMS, "different kfrag");
      assertThat(store.policies().get(grant.hrac).orElseThrow().kfrag())
          .isEqualTo(grant.kfrags.get(0).toBytes());
    }

    @Test
    void bytesThatAreNotADeliveryAreMalformed() {
      byte[] terms = grant.signed(START, EXPIRY).toBytes();
      assertRefused(
          () -> service.acceptKFrag(new byte[0]), ErrorCode.MALFORMED, "truncated header");
      assertRefused(
          () -> service.acceptKFrag(terms), ErrorCode.MALFORMED, "expected a KDlv object");
    }
  }

  // ------------------------------------------------------------------------------------------------ re-encryption

  @Nested
  class Reencryption {
    @Test
    void theGranteeGetsCfragsThatVerifyInAResponseSignedByTheNode() throws Exception {
      deliver();
      List<Capsule> capsules = grant.capsules(3);
      byte[] answer = service.reencrypt(grant.request(clock.instant(), capsules).toBytes());

      ReencryptionResponse response = ReencryptionResponse.fromBytes(answer);
      List<CapsuleFrag> cfrags = response.verify(node.verifyingKey(), grant.hrac, capsules);
      assertThat(cfrags).hasSize(3);
      for (int i = 0; i < 3; i++) {
        grant.verify(cfrags.get(i), capsules.get(i));
      }
      // Bound to this node's key, this policy and these capsules.
      assertThatThrownBy(() -> response.verify(grant.alice.verifyingKey(), grant.hrac, capsules))
          .isInstanceOf(VerificationException.class)
          .hasMessageContaining("signature");
      assertThatThrownBy(
              () -> response.verify(node.verifyingKey(), grant.hrac, capsules.subList(0, 2)))
          .isInstanceOf(VerificationException.class);
      assertThatThrownBy(() -> grant.verify(cfrags.get(0), capsules.get(1)))
          .isInstanceOf(VerificationException.class);
      assertThat(metrics.counter("nkms_capsules_reencrypted_total")).isEqualTo(3);
    }

    @Test
    void cfragsFromThresholdManyNodesLetBobDecrypt() throws Exception {
      // A second node with its own store; each node holds one of the 2-of-3 kfrags.
      NodeIdentity node2 = NodeIdentity.generate(List.of(), clock);
      try (NodeStore store2 = NodeStore.open(dir.resolve("node2.db"), clock)) {
        ReencryptionService service2 =
            new ReencryptionService(
                node2,
                store2,
                clock,
                Grant.RANDOM,
                new ReencryptionService.Limits(10, 4, SKEW),
                new Metrics());
        SignedPolicyTerms terms = grant.signed(START, EXPIRY);
        service.acceptKFrag(grant.delivery(terms, 0, node).toBytes());
        service2.acceptKFrag(grant.delivery(terms, 1, node2).toBytes());

        Umbral.Encrypted message = grant.encrypt("the secret records");
        List<Capsule> capsules = List.of(message.capsule());
        List<VerifiedCapsuleFrag> cfrags = new ArrayList<>();
        for (var pair : List.of(Map.entry(service, node), Map.entry(service2, node2))) {
          ReencryptionResponse r =
              ReencryptionResponse.fromBytes(
                  pair.getKey().reencrypt(grant.request(clock.instant(), capsules).toBytes()));
          cfrags.add(
              grant.verify(
                  r.verify(pair.getValue().verifyingKey(), grant.hrac, capsules).get(0),
                  message.capsule()));
        }
        assertThat(grant.decrypt(message, cfrags)).isEqualTo("the secret records");
      }
    }

    @Test
    void anotherRequesterIsNotTheGrantee() throws Exception {
      deliver();
      Signer mallory = new Signer(SecretKey.random());
      byte[] request =
          grant.request(clock.instant(), grant.capsules(1), Map.of(), mallory).toBytes();

      assertRefused(() -> service.reencrypt(request), ErrorCode.NOT_THE_GRANTEE, "not the grantee");
      assertThat(refusals(ErrorCode.NOT_THE_GRANTEE)).isEqualTo(1);
      assertThat(metrics.counter("nkms_capsules_reencrypted_total")).isZero();
    }

    @Test
    void aPolicyThisNodeDoesNotHoldIsUnknown() throws Exception {
      deliver();
      Grant other = new Grant("elsewhere");
      byte[] request = other.request(clock.instant()).toBytes();

      assertRefused(
          () -> service.reencrypt(request), ErrorCode.UNKNOWN_POLICY, other.hrac.toString());
    }

    @Test
    void beforeTheStartThePolicyIsNotYetActive() throws Exception {
      Instant start = T0.plus(Duration.ofHours(1));
      deliver(grant.signed(start, EXPIRY));

      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.NOT_YET_ACTIVE,
          "starts at " + start);
      clock.set(start.minusMillis(1));
      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.NOT_YET_ACTIVE,
          "starts at");
      clock.set(start);
      reencryptNow();
    }

    @Test
    void atAndAfterTheExpiryThePolicyIsExpired() throws Exception {
      deliver();
      clock.set(EXPIRY.minusMillis(1));
      reencryptNow();

      clock.set(EXPIRY);
      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.EXPIRED,
          "expired at " + EXPIRY);
      clock.advance(Duration.ofDays(3));
      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.EXPIRED,
          "expired at");
    }

    @Test
    void aTimeWindowConditionIsEnforcedOnBothEnds() throws Exception {
      Instant opens = T0.plus(Duration.ofHours(1));
      Instant closes = T0.plus(Duration.ofHours(2));
      deliver(grant.signed(START, EXPIRY, 0, Conditions.of(TimeWindow.between(opens, closes))));

      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.CONDITION_NOT_MET,
          "time window opens at " + opens);
      clock.set(opens);
      reencryptNow();
      clock.set(closes);
      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.CONDITION_NOT_MET,
          "time window closed at " + closes);
    }

    @Test
    void withAccessLoggingEveryServedRequestIsInTheLogAndNoRefusedOne() throws Exception {
      Instant closes = T0.plus(Duration.ofHours(1));
      deliver(
          grant.signed(
              START,
              EXPIRY,
              0,
              Conditions.of(AccessLogging.REQUIRED, TimeWindow.between(START, closes))));
      List<ReencryptionRequest> served = new ArrayList<>();
      for (int capsules = 1; capsules <= 3; capsules++) {
        ReencryptionRequest r = grant.request(clock.instant(), grant.capsules(capsules));
        service.reencrypt(r.toBytes());
        served.add(r);
        clock.advance(Duration.ofSeconds(1));
      }
      // Refused: a replay, another requester, a stale timestamp, too late for the window.
      byte[] replay = served.get(0).toBytes();
      assertRefused(() -> service.reencrypt(replay), ErrorCode.REPLAY, "already served");
      byte[] mallory =
          grant
              .request(clock.instant(), grant.capsules(1), Map.of(), new Signer(SecretKey.random()))
              .toBytes();
      assertRefused(() -> service.reencrypt(mallory), ErrorCode.NOT_THE_GRANTEE, "grantee");
      byte[] stale = grant.request(clock.instant().minus(Duration.ofHours(1))).toBytes();
      assertRefused(() -> service.reencrypt(stale), ErrorCode.REPLAY, "from the node's clock");
      clock.set(closes);
      byte[] late = grant.request(clock.instant()).toBytes();
      assertRefused(
          () -> service.reencrypt(late), ErrorCode.CONDITION_NOT_MET, "time window closed");

      List<AccessLogEntry> log = store.accessLog().entries(1, 100);
      assertThat(log).hasSize(3);
      for (int i = 0; i < 3; i++) {
        AccessLogEntry e = log.get(i);
        assertThat(e.seq()).isEqualTo(i + 1);
        assertThat(e.hrac()).isEqualTo(grant.hrac);
        assertThat(e.requester()).isEqualTo(grant.bob.verifyingKey());
        assertThat(e.capsules()).isEqualTo(i + 1);
        assertThat(e.requestDigest()).isEqualTo(served.get(i).digest());
        assertThat(e.at()).isEqualTo(T0.plusSeconds(i));
      }
      ChainCheck check = store.accessLog().verify();
      assertThat(check.isValid()).isTrue();
      assertThat(check.entries()).isEqualTo(3);
      assertThat(store.counts().accessLogEntries()).isEqualTo(3);
    }

    @Test
    void theSameRequestBytesAgainAreAReplay() throws Exception {
      deliver();
      List<Capsule> capsules = grant.capsules(1);
      byte[] request = grant.request(clock.instant(), capsules).toBytes();
      service.reencrypt(request);

      assertRefused(() -> service.reencrypt(request), ErrorCode.REPLAY, "already served");
      // Still a replay once the clock has moved past the window in which the guard remembers it.
      clock.advance(SKEW.plusSeconds(1));
      assertRefused(() -> service.reencrypt(request), ErrorCode.REPLAY, "from the node's clock");
      // The same capsules in a fresh request (new nonce and timestamp) are served.
      service.reencrypt(grant.request(clock.instant(), capsules).toBytes());
      assertThat(refusals(ErrorCode.REPLAY)).isEqualTo(2);
    }

    @Test
    void aTimestampFurtherThanTheSkewFromTheClockIsRefusedAsAReplay() throws Exception {
      deliver();
      byte[] future = grant.request(T0.plus(SKEW).plusMillis(1)).toBytes();
      byte[] past = grant.request(T0.minus(SKEW).minusMillis(1)).toBytes();
      assertRefused(
          () -> service.reencrypt(future),
          ErrorCode.REPLAY,
          "more than 300 s from the node's clock");
      assertRefused(
          () -> service.reencrypt(past), ErrorCode.REPLAY, "more than 300 s from the node's clock");

      // Exactly at the skew is still fine, on both sides.
      service.reencrypt(grant.request(T0.plus(SKEW)).toBytes());
      service.reencrypt(grant.request(T0.minus(SKEW)).toBytes());
      assertThat(store.counts().accessLogEntries()).isEqualTo(2);
    }

    @Test
    void moreCapsulesThanTheLimitAreTooLarge() throws Exception {
      service = service(clock, 2, 64);
      deliver();
      byte[] three = grant.request(clock.instant(), grant.capsules(3)).toBytes();

      assertRefused(
          () -> service.reencrypt(three), ErrorCode.TOO_LARGE, "3 capsules in one request");
      byte[] two = grant.request(clock.instant(), grant.capsules(2)).toBytes();
      assertThat(ReencryptionResponse.fromBytes(service.reencrypt(two)).cfrags()).hasSize(2);
      assertThat(store.counts().accessLogEntries()).isEqualTo(1);
    }

    @Test
    void bytesThatAreNotARequestAreMalformedAndABadSignatureIsNamed() throws Exception {
      deliver();
      byte[] request = grant.request(clock.instant()).toBytes();
      byte[] badSignature = request.clone();
      badSignature[badSignature.length - 1] ^= 0x01;

      assertRefused(() -> service.reencrypt(new byte[0]), ErrorCode.MALFORMED, "truncated header");
      assertRefused(
          () -> service.reencrypt(Arrays.copyOf(request, request.length - 1)),
          ErrorCode.MALFORMED,
          "ReRq");
      assertRefused(
          () -> service.reencrypt(badSignature),
          ErrorCode.BAD_SIGNATURE,
          "signature does not verify");
      assertThat(store.counts().accessLogEntries()).isZero();
    }
  }

  // ------------------------------------------------------------------------------------------------ revocation

  @Nested
  class Revocation {
    @Test
    void anOrderNotSignedByThePolicysAliceIsABadSignature() throws Exception {
      deliver();
      Stranger mallory = new Stranger(grant);
      for (byte[] forged :
          List.of(mallory.revocation(node, T0), mallory.revocationAsAlice(node, T0))) {
        assertRefused(
            () -> service.revoke(forged),
            ErrorCode.BAD_SIGNATURE,
            "not signed by the Alice its policy id belongs to");
      }
      assertThat(store.revocations().get(grant.hrac)).isEmpty();
      reencryptNow();
    }

    @Test
    void anOrderForAnotherNodeIsMalformed() throws Exception {
      deliver();
      NodeIdentity other = NodeIdentity.generate(List.of(), clock);
      byte[] order = grant.revocation(other.address(), T0).toBytes();

      assertRefused(
          () -> service.revoke(order), ErrorCode.MALFORMED, "addressed to node " + other.address());
      assertThat(store.revocations().get(grant.hrac)).isEmpty();
    }

    /**
     * Bug 2 of issue 10 (node side): a delivery that arrives after a failed grant was revoked is
     * never stored.
     */
    @Test
    void anOrderForAnIdThisNodeNeverHeldGetsAReceiptAndBlocksALateKfrag() throws Exception {
      byte[] order = grant.revocation(node.address(), T0).toBytes();
      RevocationReceipt receipt = RevocationReceipt.fromBytes(service.revoke(order));
      assertThat(receipt.isSignedBy(node.verifyingKey())).isTrue();
      assertThat(receipt.hrac()).isEqualTo(grant.hrac);
      assertThat(receipt.revokedAt()).isEqualTo(T0);
      assertThat(store.revocations().get(grant.hrac).orElseThrow().neverHeld()).isTrue();
      assertThat(store.policies().holdings(grant.alice.verifyingKey())).isEqualTo(1);

      byte[] late = grant.delivery(grant.signed(START, EXPIRY), node).toBytes();
      assertRefused(() -> service.acceptKFrag(late), ErrorCode.REVOKED, "revoked at this node");
      assertThat(store.policies().get(grant.hrac)).isEmpty();
    }

    @Test
    void aCorrectOrderGetsASignedReceiptAndThePolicyIsGoneForGood() throws Exception {
      SignedPolicyTerms terms = deliver();
      clock.advance(Duration.ofMinutes(1));
      RevocationReceipt receipt =
          RevocationReceipt.fromBytes(
              service.revoke(grant.revocation(node.address(), clock.instant()).toBytes()));

      assertThat(receipt.isSignedBy(node.verifyingKey())).isTrue();
      assertThat(receipt.isSignedBy(grant.alice.verifyingKey())).isFalse();
      assertThat(receipt.hrac()).isEqualTo(grant.hrac);
      assertThat(receipt.node()).isEqualTo(node.address());
      assertThat(receipt.revokedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
      assertThat(store.policies().get(grant.hrac)).isEmpty();

      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.REVOKED,
          "revoked");
      byte[] redelivery = grant.delivery(terms, node).toBytes();
      assertRefused(
          () -> service.acceptKFrag(redelivery), ErrorCode.REVOKED, "revoked at this node");
      byte[] renewal =
          grant.signed(START, EXPIRY.plus(Duration.ofDays(1)), 1, Conditions.NONE).toBytes();
      assertRefused(() -> service.renew(renewal), ErrorCode.REVOKED, "revoked at this node");
      assertThat(store.policies().get(grant.hrac)).isEmpty();
    }

    @Test
    void aRepeatedOrderGetsAReceiptAgainWithTheFirstRevocationTime() throws Exception {
      deliver();
      byte[] order = grant.revocation(node.address(), T0).toBytes();
      RevocationReceipt first = RevocationReceipt.fromBytes(service.revoke(order));
      clock.advance(Duration.ofHours(1));

      RevocationReceipt again = RevocationReceipt.fromBytes(service.revoke(order));
      RevocationReceipt fresh =
          RevocationReceipt.fromBytes(
              service.revoke(grant.revocation(node.address(), clock.instant()).toBytes()));

      for (RevocationReceipt r : List.of(again, fresh)) {
        assertThat(r.isSignedBy(node.verifyingKey())).isTrue();
        assertThat(r.hrac()).isEqualTo(grant.hrac);
        assertThat(r.revokedAt()).isEqualTo(first.revokedAt()).isEqualTo(T0);
      }
      assertThat(store.counts().revocations()).isEqualTo(1);
    }
  }

  // ------------------------------------------------------------------------------------------------ renewal

  @Nested
  class Renewal {
    @Test
    void aHigherRevisionExtendsTheExpiry() throws Exception {
      deliver();
      Instant later = EXPIRY.plus(Duration.ofDays(30));
      ReencryptionService.Accepted a =
          service.renew(grant.signed(START, later, 1, Conditions.NONE).toBytes());

      assertThat(a.hrac).isEqualTo(grant.hrac);
      assertThat(a.revision).isEqualTo(1);
      assertThat(store.policies().get(grant.hrac).orElseThrow().terms().terms().expiry())
          .isEqualTo(later);
      clock.set(EXPIRY.plus(Duration.ofDays(1)));
      reencryptNow();
      clock.set(later);
      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.EXPIRED,
          "expired at " + later);
    }

    @Test
    void theSameOrALowerRevisionIsStale() throws Exception {
      deliver(grant.signed(START, EXPIRY, 5, Conditions.NONE));
      Instant later = EXPIRY.plus(Duration.ofDays(30));
      byte[] same = grant.signed(START, later, 5, Conditions.NONE).toBytes();
      byte[] lower = grant.signed(START, later, 4, Conditions.NONE).toBytes();

      assertRefused(
          () -> service.renew(same),
          ErrorCode.STALE_TERMS,
          "revision 5 is not above the stored one");
      assertRefused(
          () -> service.renew(lower),
          ErrorCode.STALE_TERMS,
          "revision 4 is not above the stored one");
      assertThat(store.policies().get(grant.hrac).orElseThrow().terms().terms().expiry())
          .isEqualTo(EXPIRY);
    }

    @Test
    void termsFromAnotherAliceCannotRenewThePolicy() throws Exception {
      deliver();
      Stranger mallory = new Stranger(grant);
      // With Alice's nonce his key makes his own id, which this node does not hold ...
      byte[] his = mallory.ownTerms(START, EXPIRY.plus(Duration.ofDays(30))).toBytes();
      assertRefused(() -> service.renew(his), ErrorCode.UNKNOWN_POLICY, "holds no kfrag");
      // ... and his terms with Alice's id put in do not even parse.
      byte[] forged =
          SignedObjects.replace(
              his, mallory.ownTerms(START, EXPIRY).terms().hrac().toBytes(), grant.hrac.toBytes());
      assertRefused(
          () -> service.renew(forged),
          ErrorCode.MALFORMED,
          "does not commit to the signing Alice's key");
      assertThat(store.policies().get(grant.hrac).orElseThrow().terms().terms().revision())
          .isZero();
    }

    @Test
    void termsWhoseSignatureDoesNotVerifyAreABadSignature() throws Exception {
      deliver();
      byte[] renewal =
          grant.signed(START, EXPIRY.plus(Duration.ofDays(30)), 1, Conditions.NONE).toBytes();
      renewal[renewal.length - 1] ^= 0x01;

      assertRefused(() -> service.renew(renewal), ErrorCode.BAD_SIGNATURE, "does not verify");
      assertThat(store.policies().get(grant.hrac).orElseThrow().terms().terms().revision())
          .isZero();
    }

    @Test
    void aRenewalMayNotChangeTheThreshold() throws Exception {
      deliver();
      PolicyTerms t = grant.terms(START, EXPIRY, 1, Conditions.NONE);
      PolicyTerms changed =
          new PolicyTerms(
              grant.nonce,
              1,
              t.shares(),
              t.start(),
              t.expiry(),
              1,
              Conditions.NONE,
              t.policyEncryptingKey(),
              t.aliceVerifyingKey(),
              t.bobVerifyingKey(),
              t.bobEncryptingKey());
      byte[] renewal = SignedPolicyTerms.sign(changed, grant.alice, Grant.RANDOM).toBytes();

      assertRefused(() -> service.renew(renewal), ErrorCode.STALE_TERMS, "not the threshold");
    }

    @Test
    void aRenewalForAPolicyThisNodeDoesNotHoldIsUnknown() {
      byte[] renewal = grant.signed(START, EXPIRY, 1, Conditions.NONE).toBytes();
      assertRefused(() -> service.renew(renewal), ErrorCode.UNKNOWN_POLICY, grant.hrac.toString());
    }
  }

  // ------------------------------------------------------------------------------------------------ strangers

  /**
   * Bug 5 of issue 10: a stranger who knows the public keys and the id cannot burn Alice's policy.
   */
  @Nested
  class Strangers {
    final Stranger mallory = new Stranger(grant);

    @Test
    void aKfragUnderAlicesIdFromAnotherKeyIsRefusedAndAlicesGrantThenSucceeds() throws Exception {
      byte[] forged = mallory.deliveryUnderVictimsId(START, EXPIRY, node);
      assertRefused(
          () -> service.acceptKFrag(forged),
          ErrorCode.MALFORMED,
          "the policy id does not commit to the signing Alice's key");
      assertThat(store.counts().policies()).isZero();

      // His own policy (Alice's nonce, his key) is his: stored under his own id, not hers.
      ReencryptionService.Accepted his =
          service.acceptKFrag(mallory.ownDelivery(START, EXPIRY, node));
      assertThat(his.hrac).isNotEqualTo(grant.hrac);

      deliver();
      assertThat(store.policies().get(grant.hrac).orElseThrow().terms().terms().aliceVerifyingKey())
          .isEqualTo(grant.alice.verifyingKey());
      reencryptNow();
    }

    @Test
    void aStrangersOrderGetsTheSameAnswerWhateverTheNodeHolds() throws Exception {
      Grant active = new Grant("active");
      Grant revoked = new Grant("revoked");
      Grant expired = new Grant("expired");
      Instant soon = T0.plus(Duration.ofHours(1));
      service.acceptKFrag(active.delivery(active.signed(START, EXPIRY), node).toBytes());
      service.acceptKFrag(revoked.delivery(revoked.signed(START, EXPIRY), node).toBytes());
      service.revoke(revoked.revocation(node.address(), T0).toBytes());
      service.acceptKFrag(expired.delivery(expired.signed(START, soon), node).toBytes());
      clock.set(soon.plusSeconds(1));
      assertThat(service.sweepExpired()).isEqualTo(1);
      Grant unknown = new Grant("unknown");

      List<String> answers = new ArrayList<>();
      for (Grant victim : List.of(unknown, active, revoked, expired)) {
        Stranger s = new Stranger(victim);
        for (byte[] order :
            List.of(
                s.revocation(node, clock.instant()), s.revocationAsAlice(node, clock.instant()))) {
          RefusedException e =
              org.junit.jupiter.api.Assertions.assertThrows(
                  RefusedException.class, () -> service.revoke(order));
          answers.add(e.code().status() + " " + e.code().wire() + " " + e.getMessage());
        }
        byte[] query = s.statusQuery(node, clock.instant());
        RefusedException q =
            org.junit.jupiter.api.Assertions.assertThrows(
                RefusedException.class, () -> service.status(query));
        assertThat(q.code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
      }
      assertThat(answers)
          .hasSize(8)
          .containsOnly(
              "401 bad-signature the revocation order is not signed by the Alice its policy id belongs to");
      // Nothing changed: the active policy still serves, no tombstone was made for the unknown id.
      assertThat(store.revocations().get(unknown.hrac)).isEmpty();
      assertThat(store.revocations().get(active.hrac)).isEmpty();
      assertThat(store.policies().get(active.hrac)).isPresent();
      assertThat(store.counts().revocations()).isEqualTo(1);
    }
  }

  // ------------------------------------------------------------------------------------------------ quota

  @Nested
  class Quota {
    final Signer alice = new Signer(SecretKey.random());

    ReencryptionService limited(int max, PaymentGate gate) {
      return new ReencryptionService(
          node,
          store,
          clock,
          Grant.RANDOM,
          new ReencryptionService.Limits(1000, 64, SKEW, max),
          metrics,
          ReencryptionService.DevFault.NONE,
          gate);
    }

    /** One more grant of this Alice (same key, fresh nonce), to Bob of {@code grant}. */
    byte[] delivery() {
      PolicyTerms t =
          new PolicyTerms(
              Hrac.newNonce(Grant.RANDOM),
              1,
              1,
              START,
              EXPIRY,
              0,
              Conditions.NONE,
              grant.policyKey.publicKey(),
              alice.verifyingKey(),
              grant.bob.verifyingKey(),
              grant.bobEncrypting.publicKey());
      VerifiedKeyFrag kfrag =
          Umbral.generateKFrags(
                  grant.policyKey,
                  grant.bobEncrypting.publicKey(),
                  alice,
                  1,
                  1,
                  true,
                  true,
                  Grant.RANDOM)
              .get(0);
      return KFragDelivery.seal(
              SignedPolicyTerms.sign(t, alice, Grant.RANDOM),
              kfrag,
              node.address(),
              node.encryptingKey().publicKey(),
              alice,
              Grant.RANDOM)
          .toBytes();
    }

    byte[] tombstone() {
      byte[] nonce = Hrac.newNonce(Grant.RANDOM);
      return RevocationOrder.sign(
              Hrac.derive(alice.verifyingKey(), nonce),
              nonce,
              node.address(),
              T0,
              alice,
              Grant.RANDOM)
          .toBytes();
    }

    @Test
    void anUnpaidAliceMayKeepAtMostTheLimitOtherAlicesUnaffected() throws Exception {
      service = limited(3, PaymentGate.FREE);
      service.acceptKFrag(delivery());
      service.revoke(tombstone()); // a never-held id counts
      byte[] third = delivery();
      service.acceptKFrag(third);
      assertThat(store.policies().holdings(alice.verifyingKey())).isEqualTo(3);

      assertRefused(
          () -> service.acceptKFrag(delivery()), ErrorCode.QUOTA_EXCEEDED, "keeps 3 policies");
      assertRefused(
          () -> service.revoke(tombstone()), ErrorCode.QUOTA_EXCEEDED, "max-policies-per-alice");
      assertThat(refusals(ErrorCode.QUOTA_EXCEEDED)).isEqualTo(2);
      assertThat(store.policies().holdings(alice.verifyingKey())).isEqualTo(3);
      // What she already keeps still works (a resent delivery), and other Alices are not affected.
      service.acceptKFrag(third);
      deliver();
      reencryptNow();
    }

    @Test
    void revokingAHeldPolicyFreesItsPlace() throws Exception {
      service = limited(1, PaymentGate.FREE);
      byte[] first = delivery();
      ReencryptionService.Accepted a = service.acceptKFrag(first);
      assertRefused(
          () -> service.acceptKFrag(delivery()), ErrorCode.QUOTA_EXCEEDED, "keeps 1 policies");
      PolicyTerms held = store.policies().get(a.hrac).orElseThrow().terms().terms();
      service.revoke(RevocationOrder.sign(held, node.address(), T0, alice, Grant.RANDOM).toBytes());
      service.acceptKFrag(delivery());
    }

    @Test
    void onAPaidNetworkPaymentBoundsItNotTheQuota() throws Exception {
      service = limited(1, (terms, n, kfrag) -> java.util.Optional.empty());
      service.acceptKFrag(delivery());
      service.acceptKFrag(delivery());
      service.revoke(tombstone());
      assertThat(store.policies().holdings(alice.verifyingKey())).isEqualTo(3);
    }
  }

  // ------------------------------------------------------------------------------------------------ expiry

  /** Bug 6 of issue 10: once the sweeper purges the kfrag, the policy still reads as expired. */
  @Nested
  class ExpiryRemembered {
    @Test
    void afterTheSweepReencryptRenewAndDeliveryAnswerExpiredAndRevokeGivesAReceipt()
        throws Exception {
      SignedPolicyTerms terms = deliver();
      clock.set(EXPIRY);
      assertThat(service.sweepExpired()).isEqualTo(1);
      assertThat(store.policies().get(grant.hrac)).isEmpty();

      assertRefused(
          () -> service.reencrypt(grant.request(clock.instant()).toBytes()),
          ErrorCode.EXPIRED,
          "expired at " + EXPIRY);
      byte[] renewal =
          grant.signed(START, EXPIRY.plus(Duration.ofDays(30)), 1, Conditions.NONE).toBytes();
      assertRefused(() -> service.renew(renewal), ErrorCode.EXPIRED, "expired");
      // A delivery of the same policy under renewed terms is not stored again either.
      byte[] redelivery =
          grant
              .delivery(
                  grant.signed(START, EXPIRY.plus(Duration.ofDays(30)), 1, Conditions.NONE), node)
              .toBytes();
      assertRefused(() -> service.acceptKFrag(redelivery), ErrorCode.EXPIRED, "expired");
      clock.set(EXPIRY.plusSeconds(5));

      RevocationReceipt receipt =
          RevocationReceipt.fromBytes(
              service.revoke(grant.revocation(node.address(), clock.instant()).toBytes()));
      assertThat(receipt.isSignedBy(node.verifyingKey())).isTrue();
      assertThat(store.revocations().get(grant.hrac).orElseThrow().neverHeld()).isFalse();
      assertThat(store.policies().holdings(grant.alice.verifyingKey())).isZero();
      assertThat(terms.terms().hrac()).isEqualTo(grant.hrac);
    }

    @Test
    void anExpiredPolicyIsNotRenewedEvenBeforeTheSweep() throws Exception {
      deliver();
      clock.set(EXPIRY);
      byte[] renewal =
          grant.signed(START, EXPIRY.plus(Duration.ofDays(30)), 1, Conditions.NONE).toBytes();
      assertRefused(() -> service.renew(renewal), ErrorCode.EXPIRED, "cannot be renewed");
    }
  }

  // ------------------------------------------------------------------------------------------------ status

  @Nested
  class Status {
    PolicyStatus ask(Grant g) throws Exception {
      byte[] answer =
          service.status(
              PolicyStatusQuery.sign(
                      g.hrac, g.nonce, node.address(), clock.instant(), g.alice, Grant.RANDOM)
                  .toBytes());
      PolicyStatus s = PolicyStatus.fromBytes(answer);
      assertThat(s.isSignedBy(node.verifyingKey())).isTrue();
      assertThat(s.hrac()).isEqualTo(g.hrac);
      assertThat(s.node()).isEqualTo(node.address());
      assertThat(s.at()).isEqualTo(Instant.ofEpochSecond(clock.instant().getEpochSecond()));
      return s;
    }

    @Test
    void aliceLearnsEachState() throws Exception {
      assertThat(ask(grant).state()).isEqualTo(PolicyStatus.State.UNKNOWN);
      deliver(grant.signed(START, EXPIRY, 2, Conditions.NONE));
      PolicyStatus active = ask(grant);
      assertThat(active.state()).isEqualTo(PolicyStatus.State.ACTIVE);
      assertThat(active.revision()).isEqualTo(2);
      assertThat(active.expiry()).contains(EXPIRY);
      assertThat(active.revokedAt()).isEmpty();

      clock.set(EXPIRY);
      assertThat(ask(grant).state())
          .as("expired, not yet swept")
          .isEqualTo(PolicyStatus.State.EXPIRED);
      service.sweepExpired();
      PolicyStatus expired = ask(grant);
      assertThat(expired.state()).as("expired and swept").isEqualTo(PolicyStatus.State.EXPIRED);
      assertThat(expired.expiry()).contains(EXPIRY);
      assertThat(expired.revision()).isEqualTo(2);

      Grant other = new Grant("other");
      clock.set(T0);
      service.acceptKFrag(other.delivery(other.signed(START, EXPIRY), node).toBytes());
      service.revoke(other.revocation(node.address(), T0).toBytes());
      clock.advance(Duration.ofMinutes(3));
      PolicyStatus revoked = ask(other);
      assertThat(revoked.state()).isEqualTo(PolicyStatus.State.REVOKED);
      assertThat(revoked.revokedAt()).contains(T0);
      assertThat(revoked.expiry()).contains(EXPIRY);
    }

    @Test
    void aQueryForAnotherNodeIsMalformed() {
      byte[] q =
          PolicyStatusQuery.sign(
                  grant.hrac,
                  grant.nonce,
                  NodeIdentity.generate(List.of(), clock).address(),
                  T0,
                  grant.alice,
                  Grant.RANDOM)
              .toBytes();
      assertRefused(() -> service.status(q), ErrorCode.MALFORMED, "addressed to node");
      assertRefused(() -> service.status(new byte[] {1}), ErrorCode.MALFORMED, "");
    }
  }

  // ------------------------------------------------------------------------------------------------ housekeeping

  @Test
  void sweepExpiredDeletesOnlyExpiredKfrags() throws Exception {
    Grant soon = new Grant("soon");
    Instant soonExpiry = T0.plus(Duration.ofDays(1));
    service.acceptKFrag(soon.delivery(soon.signed(START, soonExpiry), node).toBytes());
    deliver();

    assertThat(service.sweepExpired()).isZero();
    clock.set(soonExpiry.minusMillis(1));
    assertThat(service.sweepExpired()).isZero();
    clock.set(soonExpiry);
    assertThat(service.sweepExpired()).isEqualTo(1);

    assertThat(store.policies().get(soon.hrac)).isEmpty();
    assertThat(store.policies().get(grant.hrac)).isPresent();
    assertThat(service.sweepExpired()).isZero();
    reencryptNow();
  }

  // ------------------------------------------------------------------------------------------------ concurrency

  @Test
  void withOneRequestInFlightEveryOtherRequestIsBusyUntilItFinishes() throws Exception {
    GateClock gate = new GateClock(clock);
    service = service(gate, 1000, 1);
    SignedPolicyTerms terms = deliver();
    List<Capsule> capsules = grant.capsules(1);
    byte[] held = grant.request(T0, capsules).toBytes();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      gate.arm();
      Future<byte[]> inFlight = pool.submit(() -> service.reencrypt(held));
      assertThat(gate.awaitEntered()).as("first request reached the clock").isTrue();

      byte[] second = grant.request(T0).toBytes();
      assertRefused(
          () -> service.reencrypt(second), ErrorCode.BUSY, "too many concurrent requests");
      byte[] delivery = grant.delivery(terms, node).toBytes();
      assertRefused(() -> service.acceptKFrag(delivery), ErrorCode.BUSY, "retry");
      byte[] renewal = grant.signed(START, EXPIRY, 1, Conditions.NONE).toBytes();
      assertRefused(() -> service.renew(renewal), ErrorCode.BUSY, "retry");
      byte[] order = grant.revocation(node.address(), T0).toBytes();
      assertRefused(() -> service.revoke(order), ErrorCode.BUSY, "retry");
      assertThat(refusals(ErrorCode.BUSY)).isEqualTo(4);

      gate.release();
      ReencryptionResponse first =
          ReencryptionResponse.fromBytes(inFlight.get(20, TimeUnit.SECONDS));
      first.verify(node.verifyingKey(), grant.hrac, capsules);
      // The permit came back: the refused request, resent, is served now.
      service.reencrypt(second);
      assertThat(store.counts().accessLogEntries()).isEqualTo(2);
      assertThat(store.revocations().get(grant.hrac)).isEmpty();
    } finally {
      gate.release();
      pool.shutdownNow();
    }
  }

  @Test
  void refusalsGiveThePermitBack() throws Exception {
    service = service(clock, 1000, 1);
    deliver();
    byte[] mallory =
        grant.request(T0, grant.capsules(1), Map.of(), new Signer(SecretKey.random())).toBytes();
    byte[] unknown = new Grant("unknown").request(T0).toBytes();
    for (int i = 0; i < 3; i++) {
      assertRefused(() -> service.reencrypt(new byte[] {1, 2, 3}), ErrorCode.MALFORMED, "");
      assertRefused(() -> service.revoke(new byte[0]), ErrorCode.MALFORMED, "");
      assertRefused(() -> service.reencrypt(mallory), ErrorCode.NOT_THE_GRANTEE, "");
      assertRefused(() -> service.reencrypt(unknown), ErrorCode.UNKNOWN_POLICY, "");
    }
    reencryptNow();
  }
}
