package dev.nkms.network.learning;

import dev.nkms.protocol.NodeAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What our teachers say of other nodes' health: the latest report of each of the last {@link
 * #TEACHERS} teachers (bounded, whatever peers send), and the verdict "unhealthy" when more than
 * half of those reports say so.
 *
 * <p>Locking: its own monitor, a leaf: held only inside these methods, which call nothing else.
 */
final class PeerReports {
  static final int TEACHERS = 16;

  private final Map<NodeAddress, Set<NodeAddress>> latest =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeAddress, Set<NodeAddress>> eldest) {
          return size() > TEACHERS;
        }
      };

  /**
   * {@code teacher}'s latest report: the nodes it judges unhealthy (only nodes we know; strangers
   * cost nothing).
   */
  synchronized void record(NodeAddress teacher, Set<NodeAddress> flagged) {
    latest.remove(teacher); // re-inserted as the newest
    latest.put(teacher, Set.copyOf(flagged));
  }

  /** A forgotten teacher's report no longer counts. */
  synchronized void forget(NodeAddress teacher) {
    latest.remove(teacher);
  }

  /** Unhealthy in the view of more than half of the teachers whose latest reports we hold. */
  synchronized boolean unhealthy(NodeAddress node) {
    if (latest.isEmpty()) {
      return false;
    }
    long against = latest.values().stream().filter(s -> s.contains(node)).count();
    return against * 2 > latest.size();
  }

  /** Those of {@code nodes} judged {@link #unhealthy}, in address order. */
  synchronized Set<NodeAddress> unhealthyAmong(Collection<NodeAddress> nodes) {
    Set<NodeAddress> out = new TreeSet<>();
    for (NodeAddress a : nodes) {
      if (unhealthy(a)) {
        out.add(a);
      }
    }
    return out;
  }
}
