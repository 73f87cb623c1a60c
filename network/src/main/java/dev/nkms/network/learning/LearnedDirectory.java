package dev.nkms.network.learning;

import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The known nodes as Alice and Bob use them: which are eligible for a policy (known, staked, and
 * judged healthy by us and by most of our teachers), and waiting, with a deadline, until enough are
 * while the loop learns eagerly.
 */
final class LearnedDirectory {
  private final KnownNodes known;
  private final PeerReports reports;
  private final StakeRegistry registry;
  private final Supplier<Set<NodeAddress>> ownVerdicts;
  private final LearningLoop loop;

  /**
   * @param ownVerdicts the nodes our own health checks judge unhealthy (none for a client)
   */
  LearnedDirectory(
      KnownNodes known,
      PeerReports reports,
      StakeRegistry registry,
      Supplier<Set<NodeAddress>> ownVerdicts,
      LearningLoop loop) {
    this.known = known;
    this.reports = reports;
    this.registry = registry;
    this.ownVerdicts = ownVerdicts;
    this.loop = loop;
  }

  Optional<NodeMetadata> find(NodeAddress address) {
    return known.get(address).map(Learner.KnownNode::metadata);
  }

  List<EligibleNode> eligible(Instant through) {
    Set<NodeAddress> own = ownVerdicts.get();
    List<EligibleNode> out = new ArrayList<>();
    for (Stake s : registry.eligible(through)) {
      Optional<Learner.KnownNode> k = known.get(s.node());
      if (k.isPresent() && !own.contains(s.node()) && !reports.unhealthy(s.node())) {
        out.add(new EligibleNode(k.get().metadata(), s));
      }
    }
    return out;
  }

  /** The known nodes more than half of our teachers report unhealthy. */
  Set<NodeAddress> reportedUnhealthy() {
    return reports.unhealthyAmong(known.addresses());
  }

  int registeredEligible(Instant through) {
    return registry.eligible(through).size();
  }

  List<EligibleNode> awaitNodes(int count, Instant through, Duration timeout)
      throws NotEnoughNodesKnown, InterruptedException {
    List<EligibleNode> found =
        loop.awaitUntil(
            () -> {
              List<EligibleNode> now = eligible(through);
              return now.size() >= count ? now : null;
            },
            timeout);
    if (found == null) {
      throw new NotEnoughNodesKnown(count, eligible(through).size(), known.count(), timeout);
    }
    return found;
  }

  List<EligibleNode> awaitAllEligible(Instant through, Duration timeout)
      throws InterruptedException {
    int registered = registeredEligible(through);
    List<EligibleNode> found =
        loop.awaitUntil(
            () -> {
              List<EligibleNode> now = eligible(through);
              return now.size() >= registered ? now : null;
            },
            timeout);
    return found != null ? found : eligible(through);
  }

  int awaitKnown(Collection<NodeAddress> wanted, int atLeast, Duration timeout)
      throws InterruptedException {
    IntSupplier count = () -> known.countOf(wanted);
    Integer found =
        loop.awaitUntil(
            () -> {
              int n = count.getAsInt();
              return n >= atLeast || n == wanted.size() ? n : null;
            },
            timeout);
    return found != null ? found : count.getAsInt();
  }
}
