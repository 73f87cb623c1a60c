package dev.nkms.client.alice;

import dev.nkms.client.internal.RandomInts;
import dev.nkms.crypto.RandomSource;
import dev.nkms.client.network.EligibleNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Which nodes get a policy's kfrags. The seam for stake-weighted sampling (a later issue); today's default is
 * {@link #uniform()}.
 */
@FunctionalInterface
public interface NodeSelector {
  /**
   * Draws {@code count} distinct nodes from {@code candidates}, without replacement, in draw order. Requires
   * {@code 0 ≤ count ≤ candidates.size()}.
   */
  List<EligibleNode> sample(List<EligibleNode> candidates, int count, RandomSource random);

  /** Every node equally likely (partial Fisher–Yates over the candidates). */
  static NodeSelector uniform() {
    return (candidates, count, random) -> {
      if (count < 0 || count > candidates.size()) {
        throw new IllegalArgumentException("cannot draw " + count + " of " + candidates.size() + " nodes");
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
