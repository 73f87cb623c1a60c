package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * Transactions of one account from several threads of one process (a node's duties run on threads
 * of their own).
 */
class ChainTransactionsTest {
  @RegisterExtension static final ChainFixture fx = ChainFixture.freshPerTest();

  @Test
  void threadsSharingAnAccountNeverPickTheSameNonce() throws Exception {
    Credentials account = ChainFixture.account(5);
    String to = ChainFixture.account(6).getAddress();
    int threads = 4;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<TransactionReceipt>>> sent = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        sent.add(
            pool.submit(
                () -> {
                  // Straight through the transaction manager: Chain.send's re-send after a lost
                  // race must not be needed.
                  Transfer transfer =
                      new Transfer(fx.chain().web3j(), fx.chain().transactions(account));
                  List<TransactionReceipt> receipts = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    receipts.add(transfer.sendFunds(to, BigDecimal.ONE, Convert.Unit.WEI).send());
                  }
                  return receipts;
                }));
      }
      List<BigInteger> nonces = new ArrayList<>();
      for (Future<List<TransactionReceipt>> f : sent) {
        for (TransactionReceipt r : f.get()) {
          assertThat(r.isStatusOK()).isTrue();
          nonces.add(
              fx.chain()
                  .web3j()
                  .ethGetTransactionByHash(r.getTransactionHash())
                  .send()
                  .getTransaction()
                  .orElseThrow()
                  .getNonce());
        }
      }
      assertThat(nonces).hasSize(threads * each).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }
}
