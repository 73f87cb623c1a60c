package dev.nkms.client.alice;

import dev.nkms.client.internal.Failures;
import dev.nkms.client.internal.Fanout;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.network.learning.EligibleNode;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.TreasureMap;
import dev.nkms.protocol.grant.GrantPlan;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobCard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The second half of a grant: a {@link GrantPlan}'s kfrags delivered to sampled nodes, one kfrag
 * per node, all at once, with replacements for nodes that fail, the live check before a paid grant,
 * and an account of every failure. See {@link Alice#grant(BobCard, String, int, int, Instant,
 * dev.nkms.protocol.conditions.Conditions)} for the rules and the time bound. Randomness (sampling,
 * seals, the treasure map) is drawn on the calling thread only.
 */
final class GrantDelivery {
  /**
   * A grant launches deliveries for at most this many per-node timeouts; then it stops replacing
   * failed nodes.
   */
  static final int GRANT_ROUNDS = 3;

  private final AliceKeys keys;
  private final NodeDirectory directory;
  private final NodeApiFactory nodes;
  private final RandomSource random;
  private final Duration perNodeTimeout;
  private final NodeSelector selector;
  private final PolicyPayment payment;

  GrantDelivery(
      AliceKeys keys,
      NodeDirectory directory,
      NodeApiFactory nodes,
      RandomSource random,
      Duration perNodeTimeout,
      NodeSelector selector,
      PolicyPayment payment) {
    this.keys = Objects.requireNonNull(keys);
    this.directory = Objects.requireNonNull(directory);
    this.nodes = Objects.requireNonNull(nodes);
    this.random = Objects.requireNonNull(random);
    this.perNodeTimeout = Objects.requireNonNull(perNodeTimeout);
    this.selector = Objects.requireNonNull(selector);
    this.payment = Objects.requireNonNull(payment);
  }

  /** The same delivery, paying with {@code payment} first (see {@link Alice#paying}). */
  GrantDelivery paying(PolicyPayment payment) {
    return new GrantDelivery(keys, directory, nodes, random, perNodeTimeout, selector, payment);
  }

  /**
   * Delivers the plan's kfrags and seals the treasure map for Bob.
   *
   * @throws GrantException if fewer than n nodes accepted a kfrag in time
   * @throws IllegalArgumentException if the plan is another Alice's
   */
  Policy deliver(GrantPlan plan) throws GrantException, InterruptedException {
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
      throw new GrantException(
          "cannot grant policy "
              + hrac
              + " ("
              + m
              + "-of-"
              + n
              + "): only "
              + all.size()
              + " known node(s) are eligible until "
              + expiry
              + " (staked, locked that long, healthy)",
          hrac,
          Map.of(),
          Map.of(),
          Map.of());
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
        throw new GrantException(
            "cannot grant policy " + hrac + " (" + m + "-of-" + n + "): " + e.getMessage(),
            hrac,
            Map.of(),
            Map.of(),
            Map.of());
      }
      checkSample(first, all, n);
      if (payment != PolicyPayment.NONE) {
        first = liveForPayment(first, all, hrac, m, n);
        first.forEach(node -> used.add(node.metadata().address()));
        try {
          List<byte[]> kfragBytes = new ArrayList<>();
          kfrags.forEach(k -> kfragBytes.add(k.toBytes()));
          payment.pay(
              signed, first.stream().map(node -> node.metadata().address()).toList(), kfragBytes);
        } catch (PolicyPayment.PaymentFailed e) {
          throw new GrantException(
              "cannot grant policy " + hrac + ": the payment failed: " + e.getMessage(),
              hrac,
              Map.of(),
              Map.of(),
              Map.of());
        }
      }
      for (int i = 0; i < n; i++) {
        deliver(fanout, plan, new Slot(i, first.get(i).metadata()), used);
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
          unplacedWhy.put(
              slot.index,
              "the policy is paid for the nodes first chosen; a replacement would not be paid"
                  + " (revoke the policy to get the fee back)");
        } else if (unused.isEmpty()) {
          unplacedWhy.put(slot.index, "no unused eligible node left (" + all.size() + " eligible)");
        } else if (System.nanoTime() - lastLaunch >= 0) {
          unplacedWhy.put(
              slot.index,
              "the grant's time budget ("
                  + GRANT_ROUNDS
                  + " × "
                  + perNodeTimeout.toMillis()
                  + " ms) leaves no time for another node");
        } else {
          try {
            List<EligibleNode> pick = selector.sample(unused, 1, random);
            checkSample(pick, unused, 1);
            deliver(fanout, plan, new Slot(slot.index, pick.get(0).metadata()), used);
          } catch (NodeSelector.SelectionFailed e) {
            unplacedWhy.put(
                slot.index, "no replacement under the selection rules: " + e.getMessage());
          }
        }
      }
    }

    Map<NodeAddress, NodeMetadata> holders = new TreeMap<>();
    placed.values().forEach(node -> holders.put(node.address(), node));
    if (placed.size() < n) {
      StringBuilder sb =
          new StringBuilder(
              "grant of policy "
                  + hrac
                  + " ("
                  + m
                  + "-of-"
                  + n
                  + ") failed: placed "
                  + placed.size()
                  + " of "
                  + n
                  + " kfrags");
      failures.forEach((node, why) -> sb.append("; node ").append(node).append(": ").append(why));
      new HashSet<>(unplacedWhy.values()).forEach(why -> sb.append("; ").append(why));
      throw new GrantException(sb.toString(), hrac, failures, holders, possiblyHolding, refusals);
    }
    Map<NodeAddress, byte[]> destinations = new HashMap<>();
    placed.forEach((i, node) -> destinations.put(node.address(), kfrags.get(i).id()));
    TreasureMap map =
        new TreasureMap(m, hrac, destinations, terms.policyEncryptingKey(), keys.verifyingKey());
    EncryptedTreasureMap sealed =
        EncryptedTreasureMap.seal(map, keys.signer(), bob.encryptingKey(), random);
    return new Policy(plan.label(), signed, holders, possiblyHolding, sealed);
  }

  /**
   * Replaces sampled nodes that fail the live check, so that the payment names nodes that answer.
   */
  private List<EligibleNode> liveForPayment(
      List<EligibleNode> sample, List<EligibleNode> all, Hrac hrac, int m, int n)
      throws GrantException {
    List<EligibleNode> chosen = new ArrayList<>();
    Set<NodeAddress> tried = new HashSet<>();
    sample.forEach(node -> tried.add(node.metadata().address()));
    Map<NodeAddress, String> failed = new LinkedHashMap<>();
    java.util.Deque<EligibleNode> queue = new java.util.ArrayDeque<>(sample);
    while (chosen.size() < n) {
      EligibleNode node = queue.poll();
      if (node == null) {
        List<EligibleNode> unused =
            all.stream().filter(c -> !tried.contains(c.metadata().address())).toList();
        if (unused.isEmpty()) {
          throw new GrantException(
              "cannot grant policy "
                  + hrac
                  + " ("
                  + m
                  + "-of-"
                  + n
                  + "): only "
                  + chosen.size()
                  + " eligible node(s) pass the live check before payment; failed: "
                  + failed,
              hrac,
              failed,
              Map.of(),
              Map.of());
        }
        try {
          node = selector.sample(unused, 1, random).get(0);
        } catch (NodeSelector.SelectionFailed e) {
          throw new GrantException(
              "cannot grant policy "
                  + hrac
                  + ": no replacement under the selection rules: "
                  + e.getMessage(),
              hrac,
              failed,
              Map.of(),
              Map.of());
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

  private void deliver(
      Fanout<Slot, NodeMetadata> fanout, GrantPlan plan, Slot slot, Set<NodeAddress> used) {
    used.add(slot.node.address());
    // Sealed here, not in the worker: a kfrag is bound to a node only by this seal, and randomness
    // stays on this thread.
    KFragDelivery delivery = plan.seal(slot.index, slot.node, keys, random);
    fanout.launch(
        slot,
        () -> {
          // Before first use: the live node must present the pinned certificate and the same (or
          // newer) metadata.
          NodeMetadata live =
              directory.live(slot.node).orElseThrow(() -> new FailedLiveCheck(slot.node));
          nodes.connect(live).deliver(delivery);
          return live;
        });
  }

  /**
   * A refusal with a reason (4xx, or 503 busy) means nothing was stored; an internal error, a
   * timeout, a broken connection or a broken answer might have come after the node stored the
   * kfrag.
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
      super(
          "failed its live check (unreachable, or not the node its metadata describes); nothing was sent to "
              + node.address());
    }
  }

  private static void checkSample(List<EligibleNode> sample, List<EligibleNode> from, int count) {
    Set<NodeAddress> allowed = new HashSet<>();
    from.forEach(x -> allowed.add(x.metadata().address()));
    Set<NodeAddress> seen = new HashSet<>();
    for (EligibleNode x : sample) {
      if (!allowed.contains(x.metadata().address()) || !seen.add(x.metadata().address())) {
        throw new IllegalStateException(
            "the node selector returned a node twice or one it was not offered");
      }
    }
    if (sample.size() != count) {
      throw new IllegalStateException(
          "the node selector returned " + sample.size() + " nodes, not " + count);
    }
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
