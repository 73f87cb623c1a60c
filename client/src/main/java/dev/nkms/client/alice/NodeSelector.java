package dev.nkms.client.alice;

import dev.nkms.crypto.RandomInts;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.EligibleNode;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.registry.SamplingException;
import dev.nkms.registry.SamplingRules;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeWeightedSampler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which nodes get a policy's kfrags. The default is {@link #stakeWeighted()}: the whitepaper's Fig.
 * 7 (sampling without replacement in proportion to stake), optionally under {@link SamplingRules}
 * (exclusions, handpicked nodes, a cap per operator).
 */
@FunctionalInterface
public interface NodeSelector {
  /**
   * Draws {@code count} distinct nodes from {@code candidates}, without replacement, in draw order.
   * Requires {@code 0 ≤ count ≤ candidates.size()}.
   *
   * @throws SelectionFailed if the rules leave fewer than {@code count} nodes to draw (it says why)
   */
  List<EligibleNode> sample(List<EligibleNode> candidates, int count, RandomSource random);

  /** The selection could not be made under the rules; the message says why. */
  final class SelectionFailed extends RuntimeException {
    public SelectionFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Stake-weighted, no further rules. */
  static NodeSelector stakeWeighted() {
    return stakeWeighted(SamplingRules.DEFAULT);
  }

  /**
   * Stake-weighted under {@code rules}. Handpicked nodes come first when they are among the
   * candidates; a later draw of replacements (whose candidates no longer include them) simply draws
   * by stake. The operator cap holds within one draw.
   */
  static NodeSelector stakeWeighted(SamplingRules rules) {
    return (candidates, count, random) -> {
      Map<NodeAddress, EligibleNode> byNode = new HashMap<>();
      List<Stake> stakes = new ArrayList<>();
      for (EligibleNode c : candidates) {
        byNode.put(c.stake().node(), c);
        stakes.add(c.stake());
      }
      List<NodeAddress> handpicked =
          rules.handpicked().stream().filter(byNode::containsKey).limit(count).toList();
      SamplingRules applicable = rules.withHandpicked(handpicked);
      try {
        return new StakeWeightedSampler(stakes)
            .sample(count, applicable, random).stream().map(s -> byNode.get(s.node())).toList();
      } catch (SamplingException e) {
        throw new SelectionFailed(e.getMessage(), e);
      }
    };
  }

  /**
   * Every node equally likely (partial Fisher–Yates over the candidates); for tests and closed
   * setups.
   */
  static NodeSelector uniform() {
    return (candidates, count, random) -> {
      if (count < 0 || count > candidates.size()) {
        throw new IllegalArgumentException(
            "cannot draw " + count + " of " + candidates.size() + " nodes");
      }
      List<EligibleNode> pool = new ArrayList<>(candidates);
      for (int i = 0; i < count; i++) {
        int j = i + RandomInts.below(random, pool.size() - i);
        EligibleNode t = pool.get(i);
        pool.set(i, pool.get(j));
        pool.set(j, t);
      }
      return List.copyOf(pool.subList(0, count));
    };
  }
}
