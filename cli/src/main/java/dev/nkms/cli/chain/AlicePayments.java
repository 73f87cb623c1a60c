package dev.nkms.cli.chain;

import dev.nkms.app.chain.ChainPayment;
import dev.nkms.app.chain.DevAccounts;
import dev.nkms.chain.Chain;
import dev.nkms.chain.PolicyPayments;
import dev.nkms.client.alice.PolicyPayment;
import java.io.PrintWriter;
import java.math.BigInteger;

/** `alice grant --pay` and `alice revoke --refund`: the policy contract, as the chosen account. */
public final class AlicePayments {
  private AlicePayments() {}

  /** Pays {@code feeEth} for each grant, as the chosen account (default: Alice's dev account). */
  public static PolicyPayment forAlice(ChainOptions options, String feeEth, PrintWriter log) {
    BigInteger fee = Tokens.parse(feeEth, "--pay");
    PolicyPayments payments =
        new PolicyPayments(
            options.connect(), options.deployment(), options.credentials(DevAccounts.ALICE));
    return ChainPayment.paying(
        payments,
        fee,
        (t, nodes, r) -> {
          log.println(
              "paid "
                  + Tokens.formatEth(fee)
                  + " for policy "
                  + t.hrac().toHex()
                  + " to "
                  + nodes
                  + " nodes (tx "
                  + r.getTransactionHash()
                  + ", "
                  + r.getGasUsed()
                  + " gas)");
          log.flush();
        });
  }

  /** Revokes the payment on chain; returns the refund, formatted. */
  public static String refund(ChainOptions options, dev.nkms.protocol.Hrac hrac) {
    try (Chain chain = options.connect()) {
      return Tokens.formatEth(
          ChainPayment.refund(
              new PolicyPayments(
                  chain, options.deployment(), options.credentials(DevAccounts.ALICE)),
              hrac));
    }
  }
}
