package dev.nkms.node;

import dev.nkms.network.membership.Membership;
import dev.nkms.node.service.PaymentGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment adds to a node without the node knowing about it: another registry (e.g. the
 * staking contract instead of the configured federated list), a payment check before kfrags are
 * stored, and duties run on a schedule (e.g. health-round votes and fee withdrawals on chain). The
 * command line wires these; the node module does not depend on any chain.
 */
public record NodePlugins(
    Optional<Membership> membership, PaymentGate payments, List<Duty> duties) {
  public NodePlugins {
    Objects.requireNonNull(membership);
    Objects.requireNonNull(payments);
    duties = List.copyOf(duties);
  }

  public static NodePlugins none() {
    return new NodePlugins(Optional.empty(), PaymentGate.FREE, List.of());
  }

  /**
   * A task the node runs every {@link #every()} on its duty thread; failures are logged and retried
   * next time.
   */
  public interface Duty {
    String name();

    Duration every();

    void run(NodeRuntime node) throws Exception;

    /** What the duty shows in the node's status (under its name): a few named values, in words. */
    default Map<String, String> status() {
      return Map.of();
    }
  }
}
