package dev.nkms.cli.chain;

import dev.nkms.cli.ExitCode;
import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.PolicyPayments;
import dev.nkms.client.alice.PolicyPayment;
import dev.nkms.cli.UserError;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.PolicyTerms;
import java.io.PrintWriter;
import java.math.BigInteger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Alice's side of the policy contract on the command line: pay when granting, get the rest back when revoking. */
public final class ChainPayment {
  private ChainPayment() {}

  /** What a payment reports once it is on chain. */
  @FunctionalInterface
  public interface Receipt {
    void paid(PolicyTerms terms, int nodes, TransactionReceipt receipt);
  }

  /** Pays {@code feeEth} for each grant, as the chosen account (default: Alice's dev account). */
  public static PolicyPayment forAlice(ChainOptions options, String feeEth, PrintWriter log) {
    BigInteger fee = Tokens.parse(feeEth, "--pay");
    PolicyPayments payments = new PolicyPayments(options.connect(), options.deployment(),
        options.credentials(DevAccounts.ALICE));
    return paying(payments, fee, (t, nodes, r) -> {
      log.println("paid " + Tokens.formatEth(fee) + " for policy " + t.hrac() + " to " + nodes + " nodes (tx "
          + r.getTransactionHash() + ", " + r.getGasUsed() + " gas)");
      log.flush();
    });
  }

  /** Pays {@code fee} into the policy contract for every grant, before delivery; a revert fails the grant. */
  public static PolicyPayment paying(PolicyPayments payments, BigInteger fee, Receipt receipt) {
    return (signed, nodes, kfrags) -> {
      PolicyTerms t = signed.terms();
      try {
        receipt.paid(t, nodes.size(), payments.pay(t.hrac(), t.expiry(), nodes, kfrags, t.aliceVerifyingKey(),
            t.policyEncryptingKey(), t.bobEncryptingKey(), fee));
      } catch (ChainException e) {
        throw new PolicyPayment.PaymentFailed(e.getMessage(), e);
      }
    };
  }

  /** Revokes the payment on chain; returns the refund, formatted. */
  public static String refund(ChainOptions options, Hrac hrac) {
    try (Chain chain = options.connect()) {
      return Tokens.formatEth(new PolicyPayments(chain, options.deployment(), options.credentials(DevAccounts.ALICE))
          .revoke(hrac));
    } catch (ChainException e) {
      throw new UserError(ExitCode.FAILED, "the policy contract refused the revocation: " + e.getMessage());
    }
  }
}
