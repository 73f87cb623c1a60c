package dev.nkms.cli.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.PolicyPayments;
import dev.nkms.client.alice.PolicyPayment;
import dev.nkms.cli.UserError;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.PolicyTerms;
import java.io.PrintWriter;
import java.math.BigInteger;

/** Alice's side of the policy contract on the command line: pay when granting, get the rest back when revoking. */
public final class ChainPayment {
  private ChainPayment() {}

  /** Pays {@code feeEth} for each grant, as the chosen account (default: Alice's dev account). */
  public static PolicyPayment forAlice(ChainOptions options, String feeEth, PrintWriter log) {
    BigInteger fee = Tokens.parseEth(feeEth, "--pay");
    Chain chain = options.connect();
    PolicyPayments payments = new PolicyPayments(chain, options.deployment(), options.credentials(DevAccounts.ALICE));
    return (signed, nodes, kfrags) -> {
      PolicyTerms t = signed.terms();
      try {
        var receipt = payments.pay(t.hrac(), t.expiry(), nodes, kfrags, t.aliceVerifyingKey(), t.policyEncryptingKey(),
            t.bobEncryptingKey(), fee);
        log.println("paid " + Tokens.formatEth(fee) + " for policy " + t.hrac() + " to " + nodes.size()
            + " nodes (tx " + receipt.getTransactionHash() + ", " + receipt.getGasUsed() + " gas)");
        log.flush();
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
      throw new UserError(1, "the policy contract refused the revocation: " + e.getMessage());
    }
  }
}
