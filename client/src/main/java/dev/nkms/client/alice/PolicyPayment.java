package dev.nkms.client.alice;

import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.SignedPolicyTerms;
import java.util.List;

/**
 * How Alice pays the nodes for a policy before any kfrag goes out (on chain: the policy contract
 * escrows the fee and records which node gets which kfrag, so nodes can refuse unpaid kfrags).
 * {@link #NONE} on networks without payments.
 */
public interface PolicyPayment {
  PolicyPayment NONE = (terms, nodes, kfrags) -> {};

  /**
   * Pays for {@code terms}: node {@code nodes.get(i)} will be sent kfrag {@code kfrags.get(i)} (its
   * 310 bytes).
   *
   * @throws PaymentFailed if nothing was paid (the grant stops before delivering anything)
   */
  void pay(SignedPolicyTerms terms, List<NodeAddress> nodes, List<byte[]> kfrags)
      throws PaymentFailed;

  final class PaymentFailed extends Exception {
    public PaymentFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
