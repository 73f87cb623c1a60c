package dev.nkms.node.service;

import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.PolicyTerms;
import java.util.Optional;

/**
 * Whether the owner paid this node for a policy before it stores the kfrag. On a network with an
 * on-chain economy the answer comes from the policy contract (the arrangement exists, is active,
 * and names this kfrag and the terms' keys); on a federated network nobody pays ({@link #FREE}).
 */
public interface PaymentGate {
  PaymentGate FREE = (terms, node, kfrag) -> Optional.empty();

  /**
   * Empty if the policy is paid for {@code node} with exactly this kfrag; otherwise why not, in one
   * sentence.
   *
   * @throws Unavailable if the payment cannot be checked now (e.g. the chain is unreachable)
   */
  Optional<String> unpaid(PolicyTerms terms, NodeAddress node, byte[] kfrag) throws Unavailable;

  /** The payment could not be checked; the delivery may be retried. */
  final class Unavailable extends Exception {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
