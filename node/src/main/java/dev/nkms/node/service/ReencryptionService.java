package dev.nkms.node.service;

import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.store.ExpiredPolicy;
import dev.nkms.node.store.NodeStore;
import dev.nkms.node.store.PutResult;
import dev.nkms.node.store.RenewResult;
import dev.nkms.node.store.Revocation;
import dev.nkms.node.store.RevokeResult;
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
import dev.nkms.protocol.conditions.Condition;
import dev.nkms.protocol.conditions.RequestContext;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * What a node does, independent of HTTP: accept kfrags, renew terms, re-encrypt, revoke. Every
 * method takes the request bytes and returns the answer bytes or a {@link RefusedException};
 * nothing else escapes for bad input. Time comes from the injected clock.
 *
 * <p>Why this file is long: the node's five verbs share one policy check (terms, revocation,
 * expiry, conditions, payment, replay) that must be read together to see nothing is skipped.
 */
public final class ReencryptionService {
  private final NodeIdentity identity;
  private final NodeStore store;
  private final Clock clock;
  private final RandomSource random;
  private final Limits limits;
  private final ReplayGuard replays;
  private final Semaphore inFlight;
  private final Metrics metrics;
  private final DevFault fault;
  private final PaymentGate payments;

  /**
   * Deliberate misbehaviour for tests of the clients' defences (a real node process that cheats).
   * Off unless the operator sets it; see {@link DevFault}.
   */
  public enum DevFault {
    NONE,
    /**
     * Flip one bit of every cfrag's proof response, so proofs fail while the response signature is
     * valid.
     */
    CORRUPT_CFRAGS
  }

  /** Request limits, from the node's configuration. */
  public static final class Limits {
    final int maxCapsulesPerRequest;
    final int maxConcurrentRequests;
    final Duration maxClockSkew;
    final int maxPoliciesPerAlice;

    /**
     * With the default quota ({@value
     * dev.nkms.node.config.NodeConfig#DEFAULT_MAX_POLICIES_PER_ALICE}).
     */
    public Limits(int maxCapsulesPerRequest, int maxConcurrentRequests, Duration maxClockSkew) {
      this(
          maxCapsulesPerRequest,
          maxConcurrentRequests,
          maxClockSkew,
          dev.nkms.node.config.NodeConfig.DEFAULT_MAX_POLICIES_PER_ALICE);
    }

    /**
     * {@code maxPoliciesPerAlice} bounds what one Alice key may keep at the node (live policies
     * plus tombstones of ids it never held) when the payment gate is {@link PaymentGate#FREE}; on a
     * paid network payment bounds it.
     */
    public Limits(
        int maxCapsulesPerRequest,
        int maxConcurrentRequests,
        Duration maxClockSkew,
        int maxPoliciesPerAlice) {
      if (maxCapsulesPerRequest < 1
          || maxCapsulesPerRequest > ReencryptionRequest.MAX_CAPSULES
          || maxConcurrentRequests < 1
          || maxClockSkew.isNegative()
          || maxPoliciesPerAlice < 1) {
        throw new IllegalArgumentException("invalid limits");
      }
      this.maxCapsulesPerRequest = maxCapsulesPerRequest;
      this.maxConcurrentRequests = maxConcurrentRequests;
      this.maxClockSkew = maxClockSkew;
      this.maxPoliciesPerAlice = maxPoliciesPerAlice;
    }
  }

  public ReencryptionService(
      NodeIdentity identity,
      NodeStore store,
      Clock clock,
      RandomSource random,
      Limits limits,
      Metrics metrics) {
    this(identity, store, clock, random, limits, metrics, DevFault.NONE, PaymentGate.FREE);
  }

  public ReencryptionService(
      NodeIdentity identity,
      NodeStore store,
      Clock clock,
      RandomSource random,
      Limits limits,
      Metrics metrics,
      DevFault fault,
      PaymentGate payments) {
    this.fault = fault;
    this.payments = payments;
    this.identity = identity;
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.limits = limits;
    this.replays = new ReplayGuard(clock, limits.maxClockSkew, 200_000);
    this.inFlight = new Semaphore(limits.maxConcurrentRequests);
    this.metrics = metrics;
    metrics.describe("nkms_capsules_reencrypted_total", "capsules re-encrypted");
    metrics.describe("nkms_refusals_total", "requests refused, by reason");
  }

  /** The result of storing or renewing terms. */
  public static final class Accepted {
    public final Hrac hrac;
    public final long revision;

    Accepted(Hrac hrac, long revision) {
      this.hrac = hrac;
      this.revision = revision;
    }
  }

  public Accepted acceptKFrag(byte[] body) throws RefusedException {
    return guarded(
        () -> {
          KFragDelivery delivery = parse(() -> KFragDelivery.fromBytes(body));
          KFragDelivery.AuthorizedKFrag authorized;
          try {
            authorized = delivery.open(identity.encryptingKey(), identity.address());
          } catch (BadSignatureException e) {
            throw refuse(ErrorCode.BAD_SIGNATURE, e.getMessage());
          } catch (WireFormatException e) {
            // Among others: terms whose policy id does not commit to their Alice (a stranger's id
            // for Alice's policy).
            throw refuse(ErrorCode.MALFORMED, e.getMessage());
          } catch (CryptoException e) {
            throw refuse(ErrorCode.REJECTED_KFRAG, e.getMessage());
          }
          PolicyTerms terms = authorized.terms().terms();
          if (!clock.instant().isBefore(terms.expiry())) {
            throw refuse(ErrorCode.EXPIRED, "the policy expired at " + terms.expiry());
          }
          byte[] kfrag = authorized.kfrag().toBytes();
          Optional<String> unpaid;
          try {
            unpaid = payments.unpaid(terms, identity.address(), kfrag);
          } catch (PaymentGate.Unavailable e) {
            throw refuse(
                ErrorCode.BUSY,
                "cannot check the payment for policy " + terms.hrac() + " now: " + e.getMessage());
          }
          if (unpaid.isPresent()) {
            throw refuse(
                ErrorCode.PAYMENT_REQUIRED,
                "policy " + terms.hrac() + " is not paid for this node: " + unpaid.get());
          }
          PutResult result = store.policies().put(authorized.terms(), kfrag, quota());
          switch (result) {
            case STORED:
            case ALREADY_STORED:
              return new Accepted(terms.hrac(), terms.revision());
            case REVOKED:
              throw refuse(
                  ErrorCode.REVOKED, "policy " + terms.hrac() + " was revoked at this node");
            case EXPIRED:
              throw refuse(ErrorCode.EXPIRED, "policy " + terms.hrac() + " expired at this node");
            case DIFFERENT_ALICE:
              throw refuse(
                  ErrorCode.BAD_SIGNATURE,
                  "policy " + terms.hrac() + " belongs to another Alice at this node");
            case QUOTA_EXCEEDED:
              throw quotaExceeded();
            case CONFLICTING_KFRAG:
              throw refuse(
                  ErrorCode.STALE_TERMS,
                  "this node already holds a different kfrag for policy " + terms.hrac());
            case CONFLICTING_TERMS:
              throw refuse(
                  ErrorCode.STALE_TERMS,
                  "this node already holds different terms for policy "
                      + terms.hrac()
                      + "; renew them instead");
            default:
              throw new IllegalStateException("unhandled store result " + result);
          }
        });
  }

  public Accepted renew(byte[] body) throws RefusedException {
    return guarded(
        () -> {
          SignedPolicyTerms terms = parse(() -> SignedPolicyTerms.fromBytes(body));
          RenewResult result = store.policies().renew(terms, clock.instant());
          switch (result) {
            case RENEWED:
              return new Accepted(terms.terms().hrac(), terms.terms().revision());
            case UNKNOWN:
              throw refuse(
                  ErrorCode.UNKNOWN_POLICY,
                  "this node holds no kfrag for policy " + terms.terms().hrac());
            case REVOKED:
              throw refuse(
                  ErrorCode.REVOKED,
                  "policy " + terms.terms().hrac() + " was revoked at this node");
            case EXPIRED:
              throw refuse(
                  ErrorCode.EXPIRED,
                  "policy "
                      + terms.terms().hrac()
                      + " expired; an expired policy cannot be"
                      + " renewed (grant a new one)");
            case DIFFERENT_ALICE:
              throw refuse(
                  ErrorCode.BAD_SIGNATURE, "the renewal is not signed by the policy's Alice");
            case STALE:
              throw refuse(
                  ErrorCode.STALE_TERMS,
                  "renewal revision " + terms.terms().revision() + " is not above the stored one");
            case INCOMPATIBLE:
              throw refuse(
                  ErrorCode.STALE_TERMS,
                  "a renewal may change only the expiry and conditions, not the threshold,"
                      + " shares or keys");
            default:
              throw new IllegalStateException("unhandled store result " + result);
          }
        });
  }

  public byte[] reencrypt(byte[] body) throws RefusedException {
    return guarded(
        () -> {
          ReencryptionRequest request = parse(() -> ReencryptionRequest.fromBytes(body));
          if (request.capsules().size() > limits.maxCapsulesPerRequest) {
            throw refuse(
                ErrorCode.TOO_LARGE,
                request.capsules().size()
                    + " capsules in one request; this node takes at most "
                    + limits.maxCapsulesPerRequest);
          }
          Hrac hrac = request.hrac();
          if (store.revocations().get(hrac).isPresent()) {
            throw refuse(ErrorCode.REVOKED, "policy " + hrac + " was revoked at this node");
          }
          Optional<StoredPolicy> held = store.policies().get(hrac);
          if (held.isEmpty()) {
            Optional<ExpiredPolicy> expired = store.policies().expired(hrac);
            if (expired.isPresent()) {
              throw refuse(
                  ErrorCode.EXPIRED, "policy " + hrac + " expired at " + expired.get().expiry());
            }
            throw refuse(ErrorCode.UNKNOWN_POLICY, "this node holds no kfrag for policy " + hrac);
          }
          StoredPolicy policy = held.get();
          PolicyTerms terms = policy.terms().terms();
          if (!terms.bobVerifyingKey().equals(request.bobVerifyingKey())) {
            throw refuse(
                ErrorCode.NOT_THE_GRANTEE, "the requester is not the grantee of policy " + hrac);
          }
          Instant now = clock.instant();
          if (now.isBefore(terms.start())) {
            throw refuse(
                ErrorCode.NOT_YET_ACTIVE, "policy " + hrac + " starts at " + terms.start());
          }
          if (!now.isBefore(terms.expiry())) {
            throw refuse(ErrorCode.EXPIRED, "policy " + hrac + " expired at " + terms.expiry());
          }
          RequestContext before = new RequestContext(now, request.context(), false);
          for (Condition c : terms.conditions().items()) {
            if (c instanceof AccessLogging) {
              continue; // checked once the request is in the log, below
            }
            Optional<String> failure = c.check(before);
            if (failure.isPresent()) {
              throw refuse(ErrorCode.CONDITION_NOT_MET, failure.get());
            }
          }
          replays.admit(request.digest(), request.issuedAt());
          // Sec. VIII.H: the request is durably in the access log before any cfrag leaves the node.
          store
              .accessLog()
              .append(
                  now,
                  hrac,
                  request.bobVerifyingKey(),
                  request.capsules().size(),
                  request.digest());
          Optional<String> logged =
              terms.conditions().check(new RequestContext(now, request.context(), true));
          if (logged.isPresent()) {
            throw refuse(ErrorCode.CONDITION_NOT_MET, logged.get());
          }
          VerifiedKeyFrag kfrag = storedKFrag(policy);
          List<VerifiedCapsuleFrag> cfrags = new ArrayList<>(request.capsules().size());
          for (Capsule capsule : request.capsules()) {
            VerifiedCapsuleFrag cfrag = Umbral.reencrypt(capsule, kfrag, random);
            cfrags.add(fault == DevFault.CORRUPT_CFRAGS ? corrupted(cfrag) : cfrag);
          }
          metrics.count("nkms_capsules_reencrypted_total", "", cfrags.size());
          return ReencryptionResponse.sign(
                  hrac, request.capsules(), cfrags, identity.signer(), random)
              .toBytes();
        });
  }

  /**
   * Revokes on Alice's order. An order that is not authentic (its id is not the one its key derives
   * with its nonce, or the signature does not verify under that key) gets the same 401 whatever
   * this node holds, so it learns a stranger nothing. An authentic order gets a receipt: for a
   * held, an already revoked (the first revocation's time), an expired, and a never-seen id
   * (recorded as a tombstone so that a late kfrag for it is refused).
   */
  public byte[] revoke(byte[] body) throws RefusedException {
    return guarded(
        () -> {
          RevocationOrder order = parse(() -> RevocationOrder.fromBytes(body));
          if (!order.isAuthentic()) {
            throw refuse(
                ErrorCode.BAD_SIGNATURE,
                "the revocation order is not signed by the Alice its policy id belongs to");
          }
          if (!order.node().equals(identity.address())) {
            throw refuse(
                ErrorCode.MALFORMED,
                "the order is addressed to node " + order.node() + ", not this one");
          }
          Hrac hrac = order.hrac();
          RevokeResult result =
              store
                  .policies()
                  .revoke(
                      hrac, order.aliceVerifyingKey(), clock.instant(), order.toBytes(), quota());
          switch (result.outcome()) {
            case REVOKED:
              return RevocationReceipt.sign(
                      hrac,
                      identity.address(),
                      result.revocation().revokedAt(),
                      identity.signer(),
                      random)
                  .toBytes();
            case DIFFERENT_ALICE:
              throw refuse(
                  ErrorCode.BAD_SIGNATURE,
                  "policy " + hrac + " belongs to another Alice at this node");
            case QUOTA_EXCEEDED:
              throw quotaExceeded();
            default:
              throw new IllegalStateException("unhandled store result " + result.outcome());
          }
        });
  }

  /**
   * Answers Alice's status query with a signed {@link PolicyStatus}. Only the policy's own Alice
   * gets one: a query that is not authentic gets 401 whatever this node holds.
   */
  public byte[] status(byte[] body) throws RefusedException {
    return guarded(
        () -> {
          PolicyStatusQuery query = parse(() -> PolicyStatusQuery.fromBytes(body));
          if (!query.isAuthentic()) {
            throw refuse(
                ErrorCode.BAD_SIGNATURE,
                "the status query is not signed by the Alice its policy id belongs to");
          }
          if (!query.node().equals(identity.address())) {
            throw refuse(
                ErrorCode.MALFORMED,
                "the query is addressed to node " + query.node() + ", not this one");
          }
          Hrac hrac = query.hrac();
          PublicKey alice = query.aliceVerifyingKey();
          Instant now = clock.instant();
          PolicyStatus.State state;
          long revision = 0;
          Instant expiry = null;
          Instant revokedAt = null;
          Optional<Revocation> revocation = store.revocations().get(hrac);
          Optional<StoredPolicy> held =
              revocation.isPresent() ? Optional.empty() : store.policies().get(hrac);
          Optional<ExpiredPolicy> expired =
              revocation.isPresent() || held.isPresent()
                  ? Optional.empty()
                  : store.policies().expired(hrac);
          if (revocation.isPresent()) {
            Revocation r = revocation.get();
            if (r.namesAnotherAlice(alice)) {
              throw refuse(
                  ErrorCode.BAD_SIGNATURE,
                  "policy " + hrac + " belongs to another Alice at this node");
            }
            state = PolicyStatus.State.REVOKED;
            revision = r.revision();
            expiry = r.expiry();
            revokedAt = r.revokedAt();
          } else if (held.isPresent()) {
            PolicyTerms terms = held.get().terms().terms();
            if (!terms.aliceVerifyingKey().equals(alice)) {
              throw refuse(
                  ErrorCode.BAD_SIGNATURE,
                  "policy " + hrac + " belongs to another Alice at this node");
            }
            state =
                now.isBefore(terms.expiry())
                    ? PolicyStatus.State.ACTIVE
                    : PolicyStatus.State.EXPIRED;
            revision = terms.revision();
            expiry = terms.expiry();
          } else if (expired.isPresent()) {
            if (!expired.get().alice().equals(alice)) {
              throw refuse(
                  ErrorCode.BAD_SIGNATURE,
                  "policy " + hrac + " belongs to another Alice at this node");
            }
            state = PolicyStatus.State.EXPIRED;
            revision = expired.get().revision();
            expiry = expired.get().expiry();
          } else {
            state = PolicyStatus.State.UNKNOWN;
          }
          return PolicyStatus.sign(
                  hrac,
                  identity.address(),
                  state,
                  revision,
                  expiry,
                  revokedAt,
                  now,
                  identity.signer(),
                  random)
              .toBytes();
        });
  }

  /**
   * The per-Alice quota: enforced only where nobody pays (on a paid network payment bounds what one
   * sender stores).
   */
  private long quota() {
    return payments == PaymentGate.FREE ? limits.maxPoliciesPerAlice : Long.MAX_VALUE;
  }

  private RefusedException quotaExceeded() {
    return refuse(
        ErrorCode.QUOTA_EXCEEDED,
        "this Alice key already keeps "
            + limits.maxPoliciesPerAlice
            + " policies at this node, the most one unpaid sender may (max-policies-per-alice); revoke or let some expire"
            + " first");
  }

  private static VerifiedCapsuleFrag corrupted(VerifiedCapsuleFrag cfrag) {
    byte[] b = cfrag.toBytes();
    b[300] ^= 1; // inside z, the proof response
    try {
      return dev.nkms.crypto.umbral.CapsuleFrag.fromBytes(b).skipVerification();
    } catch (MalformedInputException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes expired kfrags; returns how many. */
  public int sweepExpired() {
    return store.policies().deleteExpired(clock.instant());
  }

  private VerifiedKeyFrag storedKFrag(StoredPolicy policy) {
    try {
      // Verified when it was delivered; the store is this node's own.
      return KeyFrag.fromBytes(policy.kfrag()).skipVerification();
    } catch (MalformedInputException e) {
      throw new IllegalStateException("stored kfrag for " + policy.hrac() + " does not parse", e);
    }
  }

  private interface Body<T> {
    T run() throws RefusedException;
  }

  private interface Parse<T> {
    T run() throws WireFormatException;
  }

  private <T> T guarded(Body<T> body) throws RefusedException {
    if (!inFlight.tryAcquire()) {
      metrics.count("nkms_refusals_total", "reason=\"busy\"", 1);
      throw new RefusedException(ErrorCode.BUSY, "too many concurrent requests; retry shortly");
    }
    try {
      return body.run();
    } catch (RefusedException e) {
      metrics.count("nkms_refusals_total", "reason=\"" + e.code().wire() + "\"", 1);
      throw e;
    } finally {
      inFlight.release();
    }
  }

  private static <T> T parse(Parse<T> parse) throws RefusedException {
    try {
      return parse.run();
    } catch (BadSignatureException e) {
      throw new RefusedException(ErrorCode.BAD_SIGNATURE, e.getMessage());
    } catch (WireFormatException e) {
      throw new RefusedException(ErrorCode.MALFORMED, e.getMessage());
    }
  }

  private static RefusedException refuse(ErrorCode refusal, String message) {
    return new RefusedException(refusal, message);
  }
}
