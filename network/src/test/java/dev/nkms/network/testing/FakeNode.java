package dev.nkms.network.testing;

import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeMisbehaved;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.network.transport.NodeUnreachable;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.RequestContext;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory node that does the real node logic minimally: opens kfrag deliveries with its
 * encrypting key, stores kfrags per policy, checks grantee, start, expiry (injected clock),
 * revocation and conditions, re-encrypts with Umbral, and signs responses and receipts. Every
 * object crosses a byte round trip, as on the wire. Its {@link Mode} makes it fail in the ways real
 * nodes do.
 */
public final class FakeNode implements NodeApi {
  public enum Mode {
    HEALTHY,
    /** Every call: connection refused. */
    DOWN,
    /** Every call blocks until interrupted. */
    HANG,
    /** Kfrag deliveries: 503 busy. Everything else healthy. */
    REFUSE_KFRAGS,
    /** Re-encryption: a correctly signed response whose first cfrag re-encrypts another capsule. */
    CORRUPT_CFRAG,
    /** Re-encryption responses, revocation receipts and policy statuses signed with another key. */
    WRONG_SIGNER
  }

  private final SecretKey encryptingKey;
  private final Signer signer;
  private final NodeMetadata metadata;
  private final Clock clock;
  private final RandomSource random = RandomSource.secure();
  private final Map<Hrac, Stored> policies = new ConcurrentHashMap<>();
  private final Map<Hrac, Instant> revoked = new ConcurrentHashMap<>();
  private final List<ReencryptionRequest> requests = new ArrayList<>();
  private final AtomicInteger deliveries = new AtomicInteger();
  private final AtomicInteger revocations = new AtomicInteger();
  private final CountDownLatch never = new CountDownLatch(1);
  private volatile Mode mode = Mode.HEALTHY;

  public FakeNode(int index, Clock clock) {
    this.clock = clock;
    SecretKey signingKey = SecretKey.random(random);
    this.signer = new Signer(signingKey);
    this.encryptingKey = SecretKey.random(random);
    this.metadata =
        NodeMetadata.sign(
            signer,
            encryptingKey.publicKey(),
            "test",
            "fake-node-" + index,
            9000 + index,
            random.nextBytes(32),
            clock.instant(),
            random);
  }

  public FakeNode mode(Mode m) {
    this.mode = m;
    return this;
  }

  public NodeAddress address() {
    return metadata.address();
  }

  public boolean holds(Hrac hrac) {
    return policies.containsKey(hrac);
  }

  public Optional<PolicyTerms> terms(Hrac hrac) {
    return Optional.ofNullable(policies.get(hrac)).map(s -> s.terms.terms());
  }

  /** The kfrag this node holds for {@code hrac}, as bytes. */
  public Optional<byte[]> kfrag(Hrac hrac) {
    return Optional.ofNullable(policies.get(hrac)).map(st -> st.kfrag.toBytes());
  }

  public int deliveriesSeen() {
    return deliveries.get();
  }

  public int revocationsSeen() {
    return revocations.get();
  }

  /** Calls to reencrypt that got past the availability check. */
  public synchronized int requestCount() {
    return requests.size();
  }

  /** The re-encryption requests this node received (parsed from their bytes). */
  public synchronized List<ReencryptionRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public MetadataResponse learn(MetadataRequest request) throws NodeException {
    throw new NodeUnreachable("fake node " + metadata.address() + " does not teach");
  }

  @Override
  public NodeMetadata metadata() throws NodeException {
    availability();
    return metadata;
  }

  @Override
  public void deliver(KFragDelivery delivery) throws NodeException {
    deliveries.incrementAndGet();
    availability();
    if (mode == Mode.REFUSE_KFRAGS) {
      throw new NodeRejected(ErrorCode.BUSY, "too many concurrent requests; retry shortly");
    }
    KFragDelivery.AuthorizedKFrag authorized;
    try {
      authorized = KFragDelivery.fromBytes(delivery.toBytes()).open(encryptingKey, address());
    } catch (BadSignatureException e) {
      throw new NodeRejected(ErrorCode.BAD_SIGNATURE, e.getMessage());
    } catch (WireFormatException e) {
      throw new NodeRejected(ErrorCode.MALFORMED, e.getMessage());
    } catch (CryptoException e) {
      throw new NodeRejected(ErrorCode.REJECTED_KFRAG, e.getMessage());
    }
    PolicyTerms t = authorized.terms().terms();
    if (revoked.containsKey(t.hrac())) {
      throw new NodeRejected(ErrorCode.REVOKED, "policy " + t.hrac() + " was revoked at this node");
    }
    if (!clock.instant().isBefore(t.expiry())) {
      throw new NodeRejected(ErrorCode.EXPIRED, "the policy expired at " + t.expiry());
    }
    Stored existing =
        policies.putIfAbsent(t.hrac(), new Stored(authorized.terms(), authorized.kfrag()));
    if (existing != null && !existing.kfrag.equals(authorized.kfrag())) {
      throw new NodeRejected(
          ErrorCode.STALE_TERMS, "this node holds a different kfrag for " + t.hrac());
    }
  }

  @Override
  public void renew(SignedPolicyTerms terms) throws NodeException {
    availability();
    SignedPolicyTerms t = parse(() -> SignedPolicyTerms.fromBytes(terms.toBytes()));
    Hrac hrac = t.terms().hrac();
    if (revoked.containsKey(hrac)) {
      throw new NodeRejected(ErrorCode.REVOKED, "policy " + hrac + " was revoked at this node");
    }
    Stored s = policies.get(hrac);
    if (s == null) {
      throw new NodeRejected(
          ErrorCode.UNKNOWN_POLICY, "this node holds no kfrag for policy " + hrac);
    }
    if (!s.terms.terms().aliceVerifyingKey().equals(t.terms().aliceVerifyingKey())) {
      throw new NodeRejected(
          ErrorCode.BAD_SIGNATURE, "the renewal is not signed by the policy's Alice");
    }
    if (t.terms().revision() <= s.terms.terms().revision()) {
      throw new NodeRejected(ErrorCode.STALE_TERMS, "revision not above the stored one");
    }
    policies.put(hrac, new Stored(t, s.kfrag));
  }

  @Override
  public ReencryptionResponse reencrypt(ReencryptionRequest request) throws NodeException {
    availability();
    ReencryptionRequest r = parse(() -> ReencryptionRequest.fromBytes(request.toBytes()));
    synchronized (this) {
      requests.add(r);
    }
    Hrac hrac = r.hrac();
    if (revoked.containsKey(hrac)) {
      throw new NodeRejected(ErrorCode.REVOKED, "policy " + hrac + " was revoked at this node");
    }
    Stored s = policies.get(hrac);
    if (s == null) {
      throw new NodeRejected(
          ErrorCode.UNKNOWN_POLICY, "this node holds no kfrag for policy " + hrac);
    }
    PolicyTerms t = s.terms.terms();
    if (!t.bobVerifyingKey().equals(r.bobVerifyingKey())) {
      throw new NodeRejected(
          ErrorCode.NOT_THE_GRANTEE, "the requester is not the grantee of " + hrac);
    }
    Instant now = clock.instant();
    if (now.isBefore(t.start())) {
      throw new NodeRejected(
          ErrorCode.NOT_YET_ACTIVE, "policy " + hrac + " starts at " + t.start());
    }
    if (!now.isBefore(t.expiry())) {
      throw new NodeRejected(ErrorCode.EXPIRED, "policy " + hrac + " expired at " + t.expiry());
    }
    Optional<String> failed = t.conditions().check(new RequestContext(now, r.context(), true));
    if (failed.isPresent()) {
      throw new NodeRejected(ErrorCode.CONDITION_NOT_MET, failed.get());
    }
    List<VerifiedCapsuleFrag> cfrags = new ArrayList<>();
    for (Capsule c : r.capsules()) {
      cfrags.add(Umbral.reencrypt(c, s.kfrag, random));
    }
    Signer responder = signer;
    if (mode == Mode.CORRUPT_CFRAG) {
      Capsule other = Umbral.encrypt(t.policyEncryptingKey(), new byte[] {1}, random).capsule();
      cfrags.set(0, Umbral.reencrypt(other, s.kfrag, random));
    } else if (mode == Mode.WRONG_SIGNER) {
      responder = new Signer(SecretKey.random(random));
    }
    byte[] bytes =
        ReencryptionResponse.sign(hrac, r.capsules(), cfrags, responder, random).toBytes();
    try {
      return ReencryptionResponse.fromBytes(bytes);
    } catch (WireFormatException e) {
      throw new NodeMisbehaved("fake node made an unparseable response: " + e.getMessage());
    }
  }

  @Override
  public RevocationReceipt revoke(RevocationOrder order) throws NodeException {
    revocations.incrementAndGet();
    availability();
    RevocationOrder o = parse(() -> RevocationOrder.fromBytes(order.toBytes()));
    if (!o.isAuthentic()) {
      throw new NodeRejected(
          ErrorCode.BAD_SIGNATURE, "not signed by the Alice the policy id belongs to");
    }
    if (!o.node().equals(address())) {
      throw new NodeRejected(ErrorCode.MALFORMED, "the order is addressed to another node");
    }
    Hrac hrac = o.hrac();
    // As a real node: only the Alice the id belongs to, whatever is held; a never-held id gets a
    // tombstone.
    revoked.computeIfAbsent(
        hrac,
        h -> {
          policies.remove(h);
          return clock.instant();
        });
    try {
      Signer receiptSigner =
          mode == Mode.WRONG_SIGNER ? new Signer(SecretKey.random(random)) : signer;
      return RevocationReceipt.fromBytes(
          RevocationReceipt.sign(hrac, address(), revoked.get(hrac), receiptSigner, random)
              .toBytes());
    } catch (WireFormatException e) {
      throw new NodeMisbehaved("fake node made an unparseable receipt: " + e.getMessage());
    }
  }

  @Override
  public PolicyStatus status(PolicyStatusQuery query) throws NodeException {
    availability();
    PolicyStatusQuery q = parse(() -> PolicyStatusQuery.fromBytes(query.toBytes()));
    if (!q.isAuthentic()) {
      throw new NodeRejected(
          ErrorCode.BAD_SIGNATURE, "not signed by the Alice the policy id belongs to");
    }
    if (!q.node().equals(address())) {
      throw new NodeRejected(ErrorCode.MALFORMED, "the query is addressed to another node");
    }
    Hrac hrac = q.hrac();
    Instant now = clock.instant();
    Instant revokedAt = revoked.get(hrac);
    Stored s = policies.get(hrac);
    PolicyStatus answer;
    if (revokedAt != null) {
      answer =
          PolicyStatus.sign(
              hrac,
              address(),
              PolicyStatus.State.REVOKED,
              0,
              null,
              revokedAt,
              now,
              statusSigner(),
              random);
    } else if (s != null) {
      PolicyTerms t = s.terms.terms();
      PolicyStatus.State state =
          now.isBefore(t.expiry()) ? PolicyStatus.State.ACTIVE : PolicyStatus.State.EXPIRED;
      answer =
          PolicyStatus.sign(
              hrac, address(), state, t.revision(), t.expiry(), null, now, statusSigner(), random);
    } else {
      answer =
          PolicyStatus.sign(
              hrac,
              address(),
              PolicyStatus.State.UNKNOWN,
              0,
              null,
              null,
              now,
              statusSigner(),
              random);
    }
    try {
      return PolicyStatus.fromBytes(answer.toBytes());
    } catch (WireFormatException e) {
      throw new NodeMisbehaved("fake node made an unparseable status: " + e.getMessage());
    }
  }

  private Signer statusSigner() {
    return mode == Mode.WRONG_SIGNER ? new Signer(SecretKey.random(random)) : signer;
  }

  private void availability() throws NodeException {
    Mode m = mode;
    if (m == Mode.DOWN) {
      throw new NodeUnreachable("could not connect to " + metadata.host() + ": connection refused");
    }
    if (m == Mode.HANG) {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new NodeUnreachable("interrupted while waiting for " + metadata.host());
    }
  }

  private interface Parse<T> {
    T run() throws WireFormatException;
  }

  private static <T> T parse(Parse<T> p) throws NodeRejected {
    try {
      return p.run();
    } catch (BadSignatureException e) {
      throw new NodeRejected(ErrorCode.BAD_SIGNATURE, e.getMessage());
    } catch (WireFormatException e) {
      throw new NodeRejected(ErrorCode.MALFORMED, e.getMessage());
    }
  }

  private static final class Stored {
    final SignedPolicyTerms terms;
    final VerifiedKeyFrag kfrag;

    Stored(SignedPolicyTerms terms, VerifiedKeyFrag kfrag) {
      this.terms = terms;
      this.kfrag = kfrag;
    }
  }

  @Override
  public String toString() {
    return "FakeNode[" + metadata.host() + " " + address() + " " + mode + "]";
  }
}
