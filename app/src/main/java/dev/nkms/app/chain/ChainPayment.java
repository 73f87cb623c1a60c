package dev.nkms.app.chain;

import dev.nkms.chain.ChainException;
import dev.nkms.chain.PolicyPayments;
import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.client.alice.PolicyPayment;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.PolicyTerms;
import java.math.BigInteger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Alice's side of the policy contract: pay when granting, get the rest back when revoking. */
public final class ChainPayment {
  private ChainPayment() {}

  /** What a payment reports once it is on chain. */
  @FunctionalInterface
  public interface Receipt {
    void paid(PolicyTerms terms, int nodes, TransactionReceipt receipt);
  }

  /**
   * Pays {@code fee} into the policy contract for every grant, before delivery; a revert fails the
   * grant.
   */
  public static PolicyPayment paying(PolicyPayments payments, BigInteger fee, Receipt receipt) {
    return (signed, nodes, kfrags) -> {
      PolicyTerms t = signed.terms();
      try {
        receipt.paid(
            t,
            nodes.size(),
            payments.pay(
                t.hrac(),
                t.expiry(),
                nodes,
                kfrags,
                t.aliceVerifyingKey(),
                t.policyEncryptingKey(),
                t.bobEncryptingKey(),
                fee));
      } catch (ChainException e) {
        throw new PolicyPayment.PaymentFailed(e.getMessage(), e);
      }
    };
  }

  /** Revokes the payment on chain and returns the refund (wei). */
  public static BigInteger refund(PolicyPayments payments, Hrac hrac) {
    try {
      return payments.revoke(hrac);
    } catch (ChainException e) {
      throw new NkmsException(
          Kind.FAILED, "the policy contract refused the revocation: " + e.getMessage());
    }
  }
}
