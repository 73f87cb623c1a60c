package dev.nkms.client.alice;

import dev.nkms.client.internal.Failures;
import dev.nkms.client.internal.Fanout;
import dev.nkms.client.message.Enrico;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.grant.GrantPlan;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.protocol.message.SealedMessageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The data owner. Grants m-of-n access to a label's data, revokes, renews, and reads her own data.
 *
 * <p>Every network operation talks to the nodes in parallel and is bounded in time: a node that
 * does not answer within the per-node timeout counts as failed and is not waited for. Randomness is
 * drawn on the calling thread only, so any {@link RandomSource} works; the clock gives policy time
 * (start, order timestamps).
 */
public final class Alice {
  private final AliceKeys keys;
  private final NodeApiFactory nodes;
  private final Clock clock;
  private final RandomSource random;
  private final Duration perNodeTimeout;
  private final GrantDelivery delivery;

  public Alice(
      AliceKeys keys,
      NodeDirectory directory,
      NodeApiFactory nodes,
      Clock clock,
      RandomSource random,
      Duration perNodeTimeout) {
    this(keys, directory, nodes, clock, random, perNodeTimeout, NodeSelector.stakeWeighted());
  }

  public Alice(
      AliceKeys keys,
      NodeDirectory directory,
      NodeApiFactory nodes,
      Clock clock,
      RandomSource random,
      Duration perNodeTimeout,
      NodeSelector selector) {
    this(
        keys,
        nodes,
        clock,
        random,
        checkTimeout(perNodeTimeout),
        new GrantDelivery(
            keys, directory, nodes, random, perNodeTimeout, selector, PolicyPayment.NONE));
  }

  private Alice(
      AliceKeys keys,
      NodeApiFactory nodes,
      Clock clock,
      RandomSource random,
      Duration perNodeTimeout,
      GrantDelivery delivery) {
    this.keys = Objects.requireNonNull(keys);
    this.nodes = Objects.requireNonNull(nodes);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
    this.perNodeTimeout = perNodeTimeout;
    this.delivery = delivery;
  }

  private static Duration checkTimeout(Duration perNodeTimeout) {
    if (perNodeTimeout == null || perNodeTimeout.isNegative() || perNodeTimeout.isZero()) {
      throw new IllegalArgumentException(
          "the per-node timeout must be positive, got " + perNodeTimeout);
    }
    return perNodeTimeout;
  }

  /**
   * This Alice, paying for every grant with {@code payment} before delivering. A paid grant
   * live-checks its nodes before paying and pays for exactly those; it does not replace a node that
   * fails afterwards (the replacement would be unpaid) — revoke such a policy to get the fee back.
   */
  public Alice paying(PolicyPayment payment) {
    return new Alice(keys, nodes, clock, random, perNodeTimeout, delivery.paying(payment));
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
   * Grants {@code bob} m-of-n access to {@code label} until {@code expiry}, under {@code
   * conditions}.
   *
   * <p>Picks n distinct nodes among those eligible until {@code expiry} (staked, locked until then,
   * healthy) with the {@link NodeSelector} (stake-weighted by default), and delivers kfrag i to
   * node i, all at once; each node must pass the directory's live check first. When a node fails
   * that check, refuses, fails or does not answer within the per-node timeout, the same kfrag is
   * sealed to another unused eligible node and delivered there, immediately. <b>Time bound:</b>
   * replacements are started only during the first {@code (GrantDelivery.GRANT_ROUNDS − 1) = 2}
   * per-node timeouts, and each delivery is abandoned after one, so the grant returns or throws
   * within 3 × the per-node timeout (plus local cryptography, about a millisecond per node).
   *
   * @throws GrantException if fewer than n nodes accepted a kfrag in time (the registry ran out or
   *     the time budget was spent); it names every node that failed and why, and which nodes do
   *     hold a kfrag now
   */
  public Policy grant(
      BobCard bob, String label, int m, int n, Instant expiry, Conditions conditions)
      throws GrantException, InterruptedException {
    return grant(plan(bob, label, m, n, expiry, conditions));
  }

  /**
   * The first half of a grant, with no network involved: a fresh policy id, the signed terms and
   * the n kfrags. A caller that must survive a crash records {@link GrantPlan#terms()} before
   * {@link #grant(GrantPlan)} delivers.
   *
   * @throws IllegalArgumentException for a bad label, m, n or an expiry not after now
   */
  public GrantPlan plan(
      BobCard bob, String label, int m, int n, Instant expiry, Conditions conditions) {
    return GrantPlan.create(keys, bob, label, m, n, clock.instant(), expiry, conditions, random);
  }

  /**
   * The second half of a grant: delivers a {@link #plan}'s kfrags. See {@link #grant(BobCard,
   * String, int, int, Instant, Conditions)}.
   */
  public Policy grant(GrantPlan plan) throws GrantException, InterruptedException {
    return delivery.deliver(plan);
  }

  /**
   * Revokes {@code policy} at every node that holds or may hold its kfrag. See {@link #revoke(Hrac,
   * byte[], Collection, Collection)}.
   */
  public RevocationReport revoke(Policy policy) throws InterruptedException {
    return revoke(policy.terms(), policy.nodes().values(), policy.possiblyHolding().values());
  }

  /**
   * Revokes the policy of {@code terms} at these nodes. See {@link #revoke(Hrac, byte[],
   * Collection, Collection)}.
   */
  public RevocationReport revoke(
      SignedPolicyTerms terms,
      Collection<NodeMetadata> holders,
      Collection<NodeMetadata> possiblyHolding)
      throws InterruptedException {
    return revoke(terms.terms().hrac(), terms.terms().nonce(), holders, possiblyHolding);
  }

  /**
   * Sends a signed revocation order to each node, all at once, and waits at most one per-node
   * timeout. A node is confirmed only by a receipt signed with its verifying key that names this
   * policy and this node. A possible holder answering {@code unknown-policy} is reported as having
   * held nothing. {@code nonce} is the grant's ({@link PolicyTerms#nonce()}): with it the order
   * proves to each node that it comes from the Alice the id belongs to.
   *
   * @throws IllegalArgumentException if {@code hrac} is not this Alice's id for {@code nonce}
   */
  public RevocationReport revoke(
      Hrac hrac,
      byte[] nonce,
      Collection<NodeMetadata> holders,
      Collection<NodeMetadata> possiblyHolding)
      throws InterruptedException {
    if (!hrac.belongsTo(keys.verifyingKey(), nonce)) {
      throw new IllegalArgumentException(
          "policy " + hrac + " is not this Alice's policy with that nonce");
    }
    Map<NodeAddress, NodeMetadata> targets = new LinkedHashMap<>();
    Set<NodeAddress> possible = new HashSet<>();
    holders.forEach(node -> targets.put(node.address(), node));
    possiblyHolding.forEach(
        node -> {
          if (targets.putIfAbsent(node.address(), node) == null) {
            possible.add(node.address());
          }
        });
    Map<NodeAddress, RevocationReceipt> confirmed = new HashMap<>();
    Map<NodeAddress, String> unconfirmed = new HashMap<>();
    Set<NodeAddress> heldNothing = new HashSet<>();
    try (Fanout<NodeMetadata, RevocationReceipt> fanout = new Fanout<>("revoke", perNodeTimeout)) {
      for (NodeMetadata node : targets.values()) {
        RevocationOrder order =
            RevocationOrder.sign(
                hrac, nonce, node.address(), clock.instant(), keys.signer(), random);
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
        } else if (possible.contains(a)
            && o.failure() instanceof NodeRejected
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
   * Asks each of {@code targets} what it knows of the policy of {@code terms} — a query only this
   * Alice can sign — all at once, waiting at most one per-node timeout. An answer counts only if
   * the node signed it and it names this policy and this node (the transport checks both; a node
   * that fails them is listed as failed).
   */
  public PolicyCheck check(SignedPolicyTerms terms, Collection<NodeMetadata> targets)
      throws InterruptedException {
    Map<NodeAddress, PolicyStatus> answers = new HashMap<>();
    Map<NodeAddress, String> failed = new HashMap<>();
    try (Fanout<NodeMetadata, PolicyStatus> fanout = new Fanout<>("check", perNodeTimeout)) {
      for (NodeMetadata node : targets) {
        PolicyStatusQuery query =
            PolicyStatusQuery.sign(
                terms.terms(), node.address(), clock.instant(), keys.signer(), random);
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
   * Extends (or shortens) {@code policy} to {@code newExpiry}, keeping its conditions: see {@link
   * #renew(Policy, Instant, Conditions)}.
   */
  public Renewal renew(Policy policy, Instant newExpiry) throws InterruptedException {
    return renew(policy, newExpiry, policy.terms().terms().conditions());
  }

  /**
   * New terms for {@code policy}: expiry {@code newExpiry} and {@code conditions}, the next
   * revision, signed, sent to every holder at once (a node takes a renewal that changes only the
   * expiry and conditions under a higher revision); waits at most one per-node timeout.
   */
  public Renewal renew(Policy policy, Instant newExpiry, Conditions conditions)
      throws InterruptedException {
    Instant now = clock.instant();
    if (newExpiry.getEpochSecond() <= now.getEpochSecond()) {
      throw new IllegalArgumentException(
          "the new expiry " + newExpiry + " is not after now (" + now + ")");
    }
    if (!policy.terms().terms().aliceVerifyingKey().equals(keys.verifyingKey())) {
      throw new IllegalArgumentException("policy " + policy.hrac() + " belongs to another Alice");
    }
    PolicyTerms old = policy.terms().terms();
    PolicyTerms newTerms =
        new PolicyTerms(
            old.nonce(),
            old.threshold(),
            old.shares(),
            old.start(),
            newExpiry,
            old.revision() + 1,
            Objects.requireNonNull(conditions, "conditions"),
            old.policyEncryptingKey(),
            old.aliceVerifyingKey(),
            old.bobVerifyingKey(),
            old.bobEncryptingKey());
    SignedPolicyTerms renewed = SignedPolicyTerms.sign(newTerms, keys.signer(), random);
    Set<NodeAddress> ok = new HashSet<>();
    Map<NodeAddress, String> failed = new HashMap<>();
    try (Fanout<NodeMetadata, Void> fanout = new Fanout<>("renew", perNodeTimeout)) {
      for (NodeMetadata node : policy.nodes().values()) {
        fanout.launch(
            node,
            () -> {
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
   * Decrypts a message encrypted for one of her labels, with the label's policy key (no node
   * involved). Each chunk is written only after it authenticated; see {@link
   * SealedMessage#decryptPayload}.
   *
   * @throws DecryptionException if the kit was not encrypted for this label of this Alice
   */
  public void decryptOwn(String label, MessageKit kit, InputStream payload, OutputStream out)
      throws DecryptionException, IOException, SealedMessageException {
    byte[] dek;
    try {
      dek =
          Umbral.decryptOriginal(
              keys.policyKey(Policy.checkLabel(label)), kit.capsule(), kit.encryptedDek());
    } catch (DecryptionException e) {
      throw new DecryptionException(
          "this message was not encrypted for label '" + label + "' of this Alice");
    }
    try {
      SealedMessage.decryptPayload(dek, kit, payload, out);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /**
   * {@link #decryptOwn(String, MessageKit, InputStream, OutputStream)} for a whole sealed message
   * in memory.
   */
  public byte[] decryptOwn(String label, byte[] sealedMessage)
      throws DecryptionException, SealedMessageException {
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
}
