package dev.nkms.app.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.Deployment;
import dev.nkms.chain.HealthRoundClient;
import dev.nkms.chain.HealthVoter;
import dev.nkms.chain.NodeAccount;
import dev.nkms.chain.PolicyPayments;
import dev.nkms.node.NodePlugins;
import dev.nkms.node.NodeRuntime;
import dev.nkms.node.health.HealthRecord;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.service.PaymentGate;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A node on a network with an on-chain economy: the staking contract is its registry (re-read once
 * per learning round when its change serial moved), the policy contract decides whether a kfrag was
 * paid for, and two duties run on a schedule — the health-round protocol (open, commit, reveal,
 * close; this node's vote is its own health check of each peer it must judge) and fee withdrawal
 * for the policies it held (paid to its operator). The node sends these transactions from its own
 * account, so they never race its operator's commands for a nonce.
 */
public final class ChainNode {
  private static final Logger LOG = LoggerFactory.getLogger(ChainNode.class);

  private ChainNode() {}

  /**
   * The plugins for the node {@code identity}, sending from its own account ({@link NodeAccount}).
   */
  public static NodePlugins plugins(
      Deployment deployment, NodeIdentity identity, Duration voteInterval, Duration feeInterval)
      throws ChainException {
    NodeAddress self = identity.address();
    Credentials account = NodeAccount.of(identity.signingKey());
    Chain chain = Chain.connect(deployment.url());
    PolicyPayments payments = new PolicyPayments(chain, deployment, account);
    Fees fees = new Fees(payments, feeInterval);
    PaymentGate gate =
        (terms, node, kfrag) -> {
          try {
            if (!payments.paidFor(
                terms.hrac(),
                node,
                kfrag,
                terms.aliceVerifyingKey(),
                terms.policyEncryptingKey(),
                terms.bobEncryptingKey())) {
              return Optional.of(
                  "the policy contract has no active arrangement paying this node for this kfrag and these"
                      + " keys");
            }
            fees.track(
                terms.hrac()); // a policy may be revoked before the next withdrawal; its fee is
            // still due
            return Optional.empty();
          } catch (ChainException e) {
            throw new PaymentGate.Unavailable(e.getMessage(), e);
          }
        };
    HealthRoundClient rounds = new HealthRoundClient(chain, deployment, account);
    return new NodePlugins(
        Optional.of(ChainMembership.of(chain, deployment)),
        gate,
        List.of(new Voting(rounds, self, voteInterval), fees));
  }

  /**
   * Takes part in health rounds; the vote on a peer is this node's own check of it, run when the
   * vote is due.
   */
  static final class Voting implements NodePlugins.Duty {
    private final HealthRoundClient rounds;
    private final NodeAddress self;
    private final Duration every;
    private volatile HealthVoter voter;
    private volatile String last = "none yet";

    Voting(HealthRoundClient rounds, NodeAddress self, Duration every) {
      this.rounds = rounds;
      this.self = self;
      this.every = every;
    }

    @Override
    public String name() {
      return "health_rounds";
    }

    @Override
    public Duration every() {
      return every;
    }

    @Override
    public void run(NodeRuntime node) throws ChainException {
      if (voter == null) {
        voter = new HealthVoter(rounds, self, peer -> healthy(node, peer));
      }
      HealthVoter.Step step = voter.step();
      if (step.action() != HealthVoter.Action.IDLE) {
        last = step.action().name().toLowerCase(java.util.Locale.ROOT) + " round " + step.round();
        LOG.info("health round {}: {}", step.round(), step.action());
      }
    }

    private static boolean healthy(NodeRuntime node, NodeAddress peer) {
      Optional<NodeMetadata> m = node.learner().find(peer);
      if (m.isEmpty()) {
        return true; // not learned yet (e.g. just started): a vote of "unhealthy" needs a failed
        // check
      }
      return node.checkNow(m.get()).verdict() != HealthRecord.Verdict.UNHEALTHY;
    }

    @Override
    public Map<String, String> status() {
      return Map.of("last_action", last);
    }
  }

  /**
   * Withdraws the fees of every policy this node accepted a paid kfrag for (tracked by the payment
   * gate; after a restart, those still in its store) until the contract says nothing more will be
   * owed. What was withdrawn is the contract's count, not this node's.
   */
  static final class Fees implements NodePlugins.Duty {
    private final PolicyPayments payments;
    private final Duration every;
    private final Set<Hrac> tracked = ConcurrentHashMap.newKeySet();
    private volatile boolean restored;
    private volatile BigInteger withdrawn = BigInteger.ZERO;
    private volatile Instant lastAt;

    Fees(PolicyPayments payments, Duration every) {
      this.payments = payments;
      this.every = every;
    }

    void track(Hrac hrac) {
      tracked.add(hrac);
    }

    @Override
    public String name() {
      return "fees";
    }

    @Override
    public Duration every() {
      return every;
    }

    @Override
    public void run(NodeRuntime node) throws ChainException {
      if (!restored) {
        tracked.addAll(node.heldPolicies());
        restored = true;
      }
      List<Hrac> owed = new ArrayList<>();
      for (Hrac h : tracked) {
        PolicyPayments.NodeFees f = payments.fees(h, node.identity().address());
        if (f.owed().signum() > 0) {
          owed.add(h);
        } else if (f.settled()) {
          tracked.remove(h);
        }
      }
      if (owed.isEmpty()) {
        return;
      }
      BigInteger got = payments.withdrawFees(owed);
      withdrawn = withdrawn.add(got);
      lastAt = Instant.now();
      LOG.info("withdrew {} wei of fees for {} policies", got, owed.size());
    }

    @Override
    public Map<String, String> status() {
      Map<String, String> s = new LinkedHashMap<>();
      s.put("withdrawn_wei", withdrawn.toString());
      s.put("last_withdrawal", lastAt == null ? "never" : lastAt.toString());
      return s;
    }
  }
}
