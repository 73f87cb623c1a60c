package dev.nkms.cli.network;

import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.http.NodeStatus;
import java.util.Collection;

/** Turns the health records in the nodes' status into one column. */
final class HealthView {
  private HealthView() {}

  /** {healthy, checked}: how many peers judged the node, and how many of them found it healthy. */
  static int[] count(NodeAddress address, Collection<NodeStatus> statuses) {
    int checked = 0;
    int healthy = 0;
    for (NodeStatus s : statuses) {
      if (s == null) {
        continue;
      }
      NodeStatus.PeerHealth record = s.health().get(address);
      if (record != null && record.verdict() != NodeStatus.Verdict.UNKNOWN) {
        checked++;
        if (record.verdict() == NodeStatus.Verdict.HEALTHY) {
          healthy++;
        }
      }
    }
    return new int[] {healthy, checked};
  }

  static String summary(int healthy, int checked) {
    if (checked == 0) {
      return "not checked";
    }
    return (healthy * 2 > checked ? "ok " : "UNHEALTHY ") + healthy + "/" + checked;
  }

  static String summary(NodeAddress address, Collection<NodeStatus> statuses) {
    int[] c = count(address, statuses);
    return summary(c[0], c[1]);
  }
}
