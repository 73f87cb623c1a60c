package dev.nkms.client.alice;

import dev.nkms.client.internal.Failures;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.client.internal.Fanout;
import dev.nkms.network.learning.EligibleNode;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.client.message.Enrico;
import dev.nkms.client.message.SealedMessage;
import dev.nkms.client.message.SealedMessageException;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.TreasureMap;
import dev.nkms.protocol.conditions.Conditions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The data owner. Grants m-of-n access to a label's data, revokes, renews, and reads her own data.
 *
 * <p>Every network operation talks to the nodes in parallel and is bounded in time: a node that does not answer
 * within the per-node timeout counts as failed and is not waited for. Randomness is drawn on the calling thread
 * only, so any {@link RandomSource} works; the clock gives policy time (start, order timestamps).
 */
public final class Alice {
  /** A grant launches deliveries for at most this many per-node timeouts; then it stops replacing failed nodes. */
  static final int GRANT_ROUNDS = 3;

  private final AliceKeys keys;
  private final NodeDirectory directory;
  private final NodeApiFactory nodes;
  private final Clock clock;
  private final RandomSource random;
  private final Duration perNodeTimeout;
  private final NodeSelector selector;
  private final PolicyPayment payment;

  public Alice(AliceKeys keys, NodeDirectory directory, NodeApiFactory nodes, Clock clock, RandomSource random,
      Duration perNodeTimeout) {
    this(keys, directory, nodes, clock, random, perNodeTimeout, NodeSelector.stakeWeighted());
  }

  public Alice(AliceKeys keys, NodeDirectory directory, NodeApiFactory nodes, Clock clock, RandomSource random,
      Duration perNodeTimeout, NodeSelector selector) {
    this(keys, directory, nodes, clock, random, perNodeTimeout, selector, PolicyPayment.NONE);
  }

  private Alice(AliceKeys keys, NodeDirectory directory, NodeApiFactory nodes, Clock clock, RandomSource random,
      Duration perNodeTimeout, NodeSelector selector, PolicyPayment payment) {
    this.payment = Objects.requireNonNull(payment);
    this.keys = Objects.requireNonNull(keys);
    this.directory = Objects.requireNonNull(directory);
    this.nodes = Objects.requireNonNull(nodes);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
    this.selector = Objects.requireNonNull(selector);
    if (perNodeTimeout == null || perNodeTimeout.isNegative() || perNodeTimeout.isZero()) {
      throw new IllegalArgumentException("the per-node timeout must be positive, got " + perNodeTimeout);
    }
    this.perNodeTimeout = perNodeTimeout;
  }

  /**
   * This Alice, paying for every grant with {@code payment} before delivering. A paid grant live-checks its nodes
   * before paying and pays for exactly those; it does not replace a node that fails afterwards (the replacement
   * would be unpaid) — revoke such a policy to get the fee back.
   */
  public Alice paying(PolicyPayment payment) {
    return new Alice(keys, directory, nodes, clock, random, perNodeTimeout, selector, payment);
  }

  public PublicKey verifyingKey() {
    return keys.verifyingKey();
  }

  /** The key data for {@code label} is encrypted to. */
  public PublicKey policyEncryptingKey(String label) {
    return keys.policyEncryptingKey(Policy.checkLabel(label));
  }

  /** An Enrico for {@code label}, with this Alice's randomness. */
  public Enrico enrico(String label) {
    return new Enrico(policyEncryptingKey(label), random);
  }

  /**
   * Grants {@code bob} m-of-n access to {@code label} until {@code expiry}, under {@code conditions}.
   *
   * <p>Picks n distinct nodes among those eligible until {@code expiry} (staked, locked until then, healthy) with the
   * {@link NodeSelector} (stake-weighted by default), and delivers kfrag i to node i, all at once; each node must
   * pass the directory's live check first. When a node fails that check, refuses, fails or does not answer within
   * the per-node timeout, the same kfrag is sealed to another unused eligible node and delivered there, immediately. <b>Time bound:</b> replacements are started only during
   * the first {@code (GRANT_ROUNDS − 1) = 2} per-node timeouts, and each delivery is abandoned after one, so the
   * grant returns or throws within 3 × the per-node timeout (plus local cryptography, about a millisecond per node).
   *
   * @throws GrantException if fewer than n nodes accepted a kfrag in time (the registry ran out or the time budget
   *     was spent); it names every node that failed and why, and which nodes do hold a kfrag now
   */
  public Policy grant(BobCard bob, String label, int m, int n, Instant expiry, Conditions conditions)
      throws GrantException, InterruptedException {
    return grant(plan(bob, label, m, n, expiry, conditions));
  }

  /**
   * The first half of a grant, with no network involved: a fresh policy id, the signed terms and the n kfrags. A
   * caller that must survive a crash records {@link GrantPlan#terms()} before {@link #grant(GrantPlan)} delivers.
   *
   * @throws IllegalArgumentException for a bad label, m, n or an expiry not after now
   */
  public GrantPlan plan(BobCard bob, String label, int m, int n, Instant expiry, Conditions conditions) {
    Policy.checkLabel(label);
    Objects.requireNonNull(bob);
    Objects.requireNonNull(conditions, "conditions (use Conditions.NONE)");
    if (m < 1 || m > n || n > PolicyTerms.MAX_SHARES) {
      throw new IllegalArgumentException("need 1 ≤ m ≤ n ≤ " + PolicyTerms.MAX_SHARES + ", got m=" + m + " n=" + n);
    }
    Instant start = clock.instant();
    if (expiry.getEpochSecond() <= start.getEpochSecond()) {
      throw new IllegalArgumentException("the expiry " + expiry + " is not after now (" + start + ")");
    }
    byte[] nonce = Hrac.newNonce(random); // a fresh policy id per grant, committing to this Alice's key
    SecretKey policyKey = keys.policyKey(label);
    PolicyTerms terms = new PolicyTerms(nonce, m, n, start, expiry, 0, conditions, policyKey.publicKey(),
        keys.verifyingKey(), bob.verifyingKey(), bob.encryptingKey());
    SignedPolicyTerms signed = SignedPolicyTerms.sign(terms, keys.signer(), random);
    List<VerifiedKeyFrag> kfrags = Umbral.generateKFrags(policyKey, bob.encryptingKey(), keys.signer(), m, n, true,
        true, random);
    return new GrantPlan(label, bob, signed, kfrags);
  }

  /** The second half of a grant: delivers a {@link #plan}'s kfrags. See {@link #grant(BobCard, String, int, int, Instant, Conditions)}. */
  public Policy grant(GrantPlan plan) throws GrantException, InterruptedException {
    SignedPolicyTerms signed = plan.terms();
    PolicyTerms terms = signed.terms();
    if (!terms.aliceVerifyingKey().equals(keys.verifyingKey())) {
      throw new IllegalArgumentException("the plan is for another Alice");
    }
    Hrac hrac = terms.hrac();
    int m = terms.threshold();
    int n = terms.shares();
    Instant expiry = terms.expiry();
    BobCard bob = plan.bob();
    List<VerifiedKeyFrag> kfrags = plan.kfrags();
    List<EligibleNode> all = directory.eligible(expiry);
    if (all.size() < n) {
      throw new GrantException("cannot grant policy " + hrac + " (" + m + "-of-" + n + "): only " + all.size()
          + " known node(s) are eligible until " + expiry + " (staked, locked that long, healthy)", hrac, Map.of(),
          Map.of(), Map.of());
    }

    Map<Integer, NodeMetadata> placed = new TreeMap<>();
    Map<NodeAddress, String> failures = new LinkedHashMap<>();
    Map<NodeAddress, NodeMetadata> possiblyHolding = new LinkedHashMap<>();
    Set<NodeAddress> used = new HashSet<>();
    Map<Integer, String> unplacedWhy = new TreeMap<>();
    Set<ErrorCode> refusals = new java.util.TreeSet<>();
    long lastLaunch = System.nanoTime() + (GRANT_ROUNDS - 1) * perNodeTimeout.toNanos();

    try (Fanout<Slot, NodeMetadata> fanout = new Fanout<>("grant", perNodeTimeout)) {
      List<EligibleNode> first;
      try {
        first = selector.sample(all, n, random);
      } catch (NodeSelector.SelectionFailed e) {
        throw new GrantException("cannot grant policy " + hrac + " (" + m + "-of-" + n + "): " + e.getMessage(),
            hrac, Map.of(), Map.of(), Map.of());
      }
      checkSample(first, all, n);
      if (payment != PolicyPayment.NONE) {
        first = liveForPayment(first, all, hrac, m, n);
        first.forEach(node -> used.add(node.metadata().address()));
        try {
          List<byte[]> kfragBytes = new ArrayList<>();
          kfrags.forEach(k -> kfragBytes.add(k.toBytes()));
          payment.pay(signed, first.stream().map(node -> node.metadata().address()).toList(), kfragBytes);
        } catch (PolicyPayment.PaymentFailed e) {
          throw new GrantException("cannot grant policy " + hrac + ": the payment failed: " + e.getMessage(), hrac,
              Map.of(), Map.of(), Map.of());
        }
      }
      for (int i = 0; i < n; i++) {
        deliver(fanout, signed, kfrags.get(i), new Slot(i, first.get(i).metadata()), used);
      }
      Optional<Fanout.Outcome<Slot, NodeMetadata>> next;
      while ((next = fanout.next()).isPresent()) {
        Fanout.Outcome<Slot, NodeMetadata> o = next.get();
        Slot slot = o.key();
        if (o.succeeded()) {
          placed.put(slot.index, o.value());
          continue;
        }
        failures.put(slot.node.address(), Failures.describe(o, perNodeTimeout));
        if (o.failure() instanceof NodeRejected) {
          refusals.add(((NodeRejected) o.failure()).code());
        }
        if (mayHaveStored(o)) {
          possiblyHolding.put(slot.node.address(), slot.node);
        }
        List<EligibleNode> unused = new ArrayList<>();
        for (EligibleNode c : all) {
          if (!used.contains(c.metadata().address())) {
            unused.add(c);
          }
        }
        if (payment != PolicyPayment.NONE) {
          unplacedWhy.put(slot.index, "the policy is paid for the nodes first chosen; a replacement would not be paid"
              + " (revoke the policy to get the fee back)");
        } else if (unused.isEmpty()) {
          unplacedWhy.put(slot.index, "no unused eligible node left (" + all.size() + " eligible)");
        } else if (System.nanoTime() - lastLaunch >= 0) {
          unplacedWhy.put(slot.index, "the grant's time budget (" + GRANT_ROUNDS + " × "
              + perNodeTimeout.toMillis() + " ms) leaves no time for another node");
        } else {
          try {
            List<EligibleNode> pick = selector.sample(unused, 1, random);
            checkSample(pick, unused, 1);
            deliver(fanout, signed, kfrags.get(slot.index), new Slot(slot.index, pick.get(0).metadata()), used);
          } catch (NodeSelector.SelectionFailed e) {
            unplacedWhy.put(slot.index, "no replacement under the selection rules: " + e.getMessage());
          }
        }
      }
    }

    Map<NodeAddress, NodeMetadata> holders = new TreeMap<>();
    placed.values().forEach(node -> holders.put(node.address(), node));
    if (placed.size() < n) {
      StringBuilder sb = new StringBuilder("grant of policy " + hrac + " (" + m + "-of-" + n + ") failed: placed "
          + placed.size() + " of " + n + " kfrags");
      failures.forEach((node, why) -> sb.append("; node ").append(node).append(": ").append(why));
      new HashSet<>(unplacedWhy.values()).forEach(why -> sb.append("; ").append(why));
      throw new GrantException(sb.toString(), hrac, failures, holders, possiblyHolding, refusals);
    }
    Map<NodeAddress, byte[]> destinations = new HashMap<>();
    placed.forEach((i, node) -> destinations.put(node.address(), kfrags.get(i).id()));
    TreasureMap map = new TreasureMap(m, hrac, destinations, terms.policyEncryptingKey(), keys.verifyingKey());
    EncryptedTreasureMap sealed = EncryptedTreasureMap.seal(map, keys.signer(), bob.encryptingKey(), random);
    return new Policy(plan.label(), signed, holders, possiblyHolding, sealed);
  }

  /** Replaces sampled nodes that fail the live check, so that the payment names nodes that answer. */
  private List<EligibleNode> liveForPayment(List<EligibleNode> sample, List<EligibleNode> all, Hrac hrac, int m, int n)
      throws GrantException {
    List<EligibleNode> chosen = new ArrayList<>();
    Set<NodeAddress> tried = new HashSet<>();
    sample.forEach(node -> tried.add(node.metadata().address()));
    Map<NodeAddress, String> failed = new LinkedHashMap<>();
    java.util.Deque<EligibleNode> queue = new java.util.ArrayDeque<>(sample);
    while (chosen.size() < n) {
      EligibleNode node = queue.poll();
      if (node == null) {
        List<EligibleNode> unused = all.stream().filter(c -> !tried.contains(c.metadata().address())).toList();
        if (unused.isEmpty()) {
          throw new GrantException("cannot grant policy " + hrac + " (" + m + "-of-" + n + "): only " + chosen.size()
              + " eligible node(s) pass the live check before payment; failed: " + failed, hrac, failed, Map.of(),
              Map.of());
        }
        try {
          node = selector.sample(unused, 1, random).get(0);
        } catch (NodeSelector.SelectionFailed e) {
          throw new GrantException("cannot grant policy " + hrac + ": no replacement under the selection rules: "
              + e.getMessage(), hrac, failed, Map.of(), Map.of());
        }
        tried.add(node.metadata().address());
      }
      if (directory.live(node.metadata()).isPresent()) {
        chosen.add(node);
      } else {
        failed.put(node.metadata().address(), "failed the live check");
      }
    }
    return chosen;
  }

  private void deliver(Fanout<Slot, NodeMetadata> fanout, SignedPolicyTerms terms, VerifiedKeyFrag kfrag, Slot slot,
      Set<NodeAddress> used) {
    used.add(slot.node.address());
    // Sealed here, not in the worker: a kfrag is bound to a node only by this seal, and randomness stays on this thread.
    KFragDelivery delivery = KFragDelivery.seal(terms, kfrag, slot.node.address(), slot.node.encryptingKey(),
        keys.signer(), random);
    fanout.launch(slot, () -> {
      // Before first use: the live node must present the pinned certificate and the same (or newer) metadata.
      NodeMetadata live = directory.live(slot.node).orElseThrow(() -> new FailedLiveCheck(slot.node));
      nodes.connect(live).deliver(delivery);
      return live;
    });
  }

  /**
   * A refusal with a reason (4xx, or 503 busy) means nothing was stored; an internal error, a timeout, a broken
   * connection or a broken answer might have come after the node stored the kfrag.
   */
  private static boolean mayHaveStored(Fanout.Outcome<?, ?> o) {
    if (o.failure() instanceof FailedLiveCheck) {
      return false; // nothing was sent
    }
    if (o.failure() instanceof NodeRejected) {
      return ((NodeRejected) o.failure()).is(ErrorCode.INTERNAL);
    }
    return true;
  }

  /** The node was not delivered anything: it failed the directory's live check first. */
  private static final class FailedLiveCheck extends NodeException {
    FailedLiveCheck(NodeMetadata node) {
      super("failed its live check (unreachable, or not the node its metadata describes); nothing was sent to "
          + node.address());
    }
  }

  private static void checkSample(List<EligibleNode> sample, List<EligibleNode> from, int count) {
    Set<NodeAddress> allowed = new HashSet<>();
    from.forEach(x -> allowed.add(x.metadata().address()));
    Set<NodeAddress> seen = new HashSet<>();
    for (EligibleNode x : sample) {
      if (!allowed.contains(x.metadata().address()) || !seen.add(x.metadata().address())) {
        throw new IllegalStateException("the node selector returned a node twice or one it was not offered");
      }
    }
    if (sample.size() != count) {
      throw new IllegalStateException("the node selector returned " + sample.size() + " nodes, not " + count);
    }
  }

  /**
   * Revokes {@code policy} at every node that holds or may hold its kfrag. See
   * {@link #revoke(Hrac, byte[], Collection, Collection)}.
   */
  public RevocationReport revoke(Policy policy) throws InterruptedException {
    return revoke(policy.terms(), policy.nodes().values(), policy.possiblyHolding().values());
  }

  /** Revokes the policy of {@code terms} at these nodes. See {@link #revoke(Hrac, byte[], Collection, Collection)}. */
  public RevocationReport revoke(SignedPolicyTerms terms, Collection<NodeMetadata> holders,
      Collection<NodeMetadata> possiblyHolding) throws InterruptedException {
    return revoke(terms.terms().hrac(), terms.terms().nonce(), holders, possiblyHolding);
  }

  /**
   * Sends a signed revocation order to each node, all at once, and waits at most one per-node timeout. A node is
   * confirmed only by a receipt signed with its verifying key that names this policy and this node. A possible
   * holder answering {@code unknown-policy} is reported as having held nothing. {@code nonce} is the grant's
   * ({@link PolicyTerms#nonce()}): with it the order proves to each node that it comes from the Alice the id belongs
   * to.
   *
   * @throws IllegalArgumentException if {@code hrac} is not this Alice's id for {@code nonce}
   */
  public RevocationReport revoke(Hrac hrac, byte[] nonce, Collection<NodeMetadata> holders,
      Collection<NodeMetadata> possiblyHolding) throws InterruptedException {
    if (!hrac.belongsTo(keys.verifyingKey(), nonce)) {
      throw new IllegalArgumentException("policy " + hrac + " is not this Alice's policy with that nonce");
    }
    Map<NodeAddress, NodeMetadata> targets = new LinkedHashMap<>();
    Set<NodeAddress> possible = new HashSet<>();
    holders.forEach(node -> targets.put(node.address(), node));
    possiblyHolding.forEach(node -> {
      if (targets.putIfAbsent(node.address(), node) == null) {
        possible.add(node.address());
      }
    });
    Map<NodeAddress, RevocationReceipt> confirmed = new HashMap<>();
    Map<NodeAddress, String> unconfirmed = new HashMap<>();
    Set<NodeAddress> heldNothing = new HashSet<>();
    try (Fanout<NodeMetadata, RevocationReceipt> fanout = new Fanout<>("revoke", perNodeTimeout)) {
      for (NodeMetadata node : targets.values()) {
        RevocationOrder order = RevocationOrder.sign(hrac, nonce, node.address(), clock.instant(), keys.signer(),
            random);
        fanout.launch(node, () -> nodes.connect(node).revoke(order));
      }
      Optional<Fanout.Outcome<NodeMetadata, RevocationReceipt>> next;
      while ((next = fanout.next()).isPresent()) {
        Fanout.Outcome<NodeMetadata, RevocationReceipt> o = next.get();
        NodeAddress a = o.key().address();
        if (o.succeeded()) {
          RevocationReceipt receipt = o.value();
          if (!receipt.isSignedBy(o.key().verifyingKey())) {
            unconfirmed.put(a, "the receipt is not signed by the node's key");
          } else if (!receipt.hrac().equals(hrac)) {
            unconfirmed.put(a, "the receipt names policy " + receipt.hrac() + ", not " + hrac);
          } else if (!receipt.node().equals(a)) {
            unconfirmed.put(a, "the receipt names node " + receipt.node());
          } else {
            confirmed.put(a, receipt);
          }
        } else if (possible.contains(a) && o.failure() instanceof NodeRejected
            && ((NodeRejected) o.failure()).is(ErrorCode.UNKNOWN_POLICY)) {
          heldNothing.add(a);
        } else {
          unconfirmed.put(a, Failures.describe(o, perNodeTimeout));
        }
      }
    }
    return new RevocationReport(hrac, confirmed, unconfirmed, heldNothing);
  }

  /**
   * Asks each of {@code targets} what it knows of the policy of {@code terms} — a query only this Alice can sign —
   * all at once, waiting at most one per-node timeout. An answer counts only if the node signed it and it names this
   * policy and this node (the transport checks both; a node that fails them is listed as failed).
   */
  public PolicyCheck check(SignedPolicyTerms terms, Collection<NodeMetadata> targets) throws InterruptedException {
    Map<NodeAddress, PolicyStatus> answers = new HashMap<>();
    Map<NodeAddress, String> failed = new HashMap<>();
    try (Fanout<NodeMetadata, PolicyStatus> fanout = new Fanout<>("check", perNodeTimeout)) {
      for (NodeMetadata node : targets) {
        PolicyStatusQuery query = PolicyStatusQuery.sign(terms.terms(), node.address(), clock.instant(),
            keys.signer(), random);
        fanout.launch(node, () -> nodes.connect(node).status(query));
      }
      Optional<Fanout.Outcome<NodeMetadata, PolicyStatus>> next;
      while ((next = fanout.next()).isPresent()) {
        Fanout.Outcome<NodeMetadata, PolicyStatus> o = next.get();
        if (o.succeeded()) {
          answers.put(o.key().address(), o.value());
        } else {
          failed.put(o.key().address(), Failures.describe(o, perNodeTimeout));
        }
      }
    }
    return new PolicyCheck(terms.terms().hrac(), answers, failed);
  }

  /**
   * Extends (or shortens) {@code policy} to {@code newExpiry}: the terms get the next revision, are signed, and go to
   * every holder at once; waits at most one per-node timeout.
   */
  public Renewal renew(Policy policy, Instant newExpiry) throws InterruptedException {
    Instant now = clock.instant();
    if (newExpiry.getEpochSecond() <= now.getEpochSecond()) {
      throw new IllegalArgumentException("the new expiry " + newExpiry + " is not after now (" + now + ")");
    }
    if (!policy.terms().terms().aliceVerifyingKey().equals(keys.verifyingKey())) {
      throw new IllegalArgumentException("policy " + policy.hrac() + " belongs to another Alice");
    }
    SignedPolicyTerms renewed = SignedPolicyTerms.sign(policy.terms().terms().renewedUntil(newExpiry), keys.signer(),
        random);
    Set<NodeAddress> ok = new HashSet<>();
    Map<NodeAddress, String> failed = new HashMap<>();
    try (Fanout<NodeMetadata, Void> fanout = new Fanout<>("renew", perNodeTimeout)) {
      for (NodeMetadata node : policy.nodes().values()) {
        fanout.launch(node, () -> {
          nodes.connect(node).renew(renewed);
          return null;
        });
      }
      Optional<Fanout.Outcome<NodeMetadata, Void>> next;
      while ((next = fanout.next()).isPresent()) {
        Fanout.Outcome<NodeMetadata, Void> o = next.get();
        if (o.succeeded()) {
          ok.add(o.key().address());
        } else {
          failed.put(o.key().address(), Failures.describe(o, perNodeTimeout));
        }
      }
    }
    return new Renewal(policy.withTerms(renewed), ok, failed);
  }

  /**
   * Decrypts a message encrypted for one of her labels, with the label's policy key (no node involved). Each chunk
   * is written only after it authenticated; see {@link SealedMessage#decryptPayload}.
   *
   * @throws DecryptionException if the kit was not encrypted for this label of this Alice
   */
  public void decryptOwn(String label, MessageKit kit, InputStream payload, OutputStream out)
      throws DecryptionException, IOException, SealedMessageException {
    byte[] dek;
    try {
      dek = Umbral.decryptOriginal(keys.policyKey(Policy.checkLabel(label)), kit.capsule(), kit.encryptedDek());
    } catch (DecryptionException e) {
      throw new DecryptionException("this message was not encrypted for label '" + label + "' of this Alice");
    }
    try {
      SealedMessage.decryptPayload(dek, kit, payload, out);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /** {@link #decryptOwn(String, MessageKit, InputStream, OutputStream)} for a whole sealed message in memory. */
  public byte[] decryptOwn(String label, byte[] sealedMessage) throws DecryptionException, SealedMessageException {
    ByteArrayInputStream in = new ByteArrayInputStream(sealedMessage);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      decryptOwn(label, SealedMessage.readHeader(in), in, out);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory streams do not fail", e);
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "Alice[" + keys.verifyingKey().toHex() + "]";
  }

  private static final class Slot {
    final int index;
    final NodeMetadata node;

    Slot(int index, NodeMetadata node) {
      this.index = index;
      this.node = node;
    }
  }
}
