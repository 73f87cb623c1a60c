package dev.nkms.registry;

import dev.nkms.protocol.NodeAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a user asked of a node selection ({@link StakeWeightedSampler}):
 *
 * <ul>
 *   <li>{@code excluded}: nodes never drawn;
 *   <li>{@code handpicked}: nodes taken first, in this order; each must be in the sampler's
 *       snapshot, pass the liveness check and fit the operator cap, or the draw is refused ({@link
 *       HandpickedNodeUnavailable});
 *   <li>{@code maxPerOperator}: at most this many drawn nodes (handpicked ones included) share an
 *       operator;
 *   <li>{@code liveness}: called on each drawn node before it is accepted; a node that fails is
 *       skipped for the rest of the draw and another one is drawn.
 * </ul>
 */
public record SamplingRules(
    Set<NodeAddress> excluded,
    List<NodeAddress> handpicked,
    int maxPerOperator,
    Predicate<Stake> liveness) {
  public static final int NO_CAP = Integer.MAX_VALUE;

  /** No exclusions, nothing handpicked, no cap, every node counts as live. */
  public static final SamplingRules DEFAULT =
      new SamplingRules(Set.of(), List.of(), NO_CAP, s -> true);

  public SamplingRules {
    excluded = Set.copyOf(excluded);
    handpicked = List.copyOf(handpicked);
    Objects.requireNonNull(liveness, "liveness");
    if (maxPerOperator < 1) {
      throw new IllegalArgumentException(
          "maxPerOperator must be at least 1, got " + maxPerOperator);
    }
    Set<NodeAddress> seen = new HashSet<>();
    for (NodeAddress n : handpicked) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException("node " + n + " is handpicked twice");
      }
      if (excluded.contains(n)) {
        throw new IllegalArgumentException("node " + n + " is both handpicked and excluded");
      }
    }
  }

  public SamplingRules withExcluded(Set<NodeAddress> nodes) {
    return new SamplingRules(nodes, handpicked, maxPerOperator, liveness);
  }

  public SamplingRules withHandpicked(List<NodeAddress> nodes) {
    return new SamplingRules(excluded, nodes, maxPerOperator, liveness);
  }

  public SamplingRules withMaxPerOperator(int max) {
    return new SamplingRules(excluded, handpicked, max, liveness);
  }

  public SamplingRules withLiveness(Predicate<Stake> check) {
    return new SamplingRules(excluded, handpicked, maxPerOperator, check);
  }
}
