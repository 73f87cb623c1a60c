package dev.nkms.client;

import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.PolicyStatus;
import java.util.List;
import java.util.Map;

/**
 * What each node of one of Alice's policies says of it now: a status the node signed (checked: its
 * key, this policy, this node), or why there is none; and, in sentences, where the nodes disagree
 * with Alice's record (a node still serving a revoked policy, an older revision, …).
 */
public record PolicyAtNodes(
    Hrac policy,
    Map<NodeAddress, PolicyStatus> answers,
    Map<NodeAddress, String> failed,
    List<String> disagreements) {
  public PolicyAtNodes {
    answers = Map.copyOf(answers);
    failed = Map.copyOf(failed);
    disagreements = List.copyOf(disagreements);
  }
}
