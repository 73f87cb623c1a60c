package dev.nkms.chain;

import dev.nkms.chain.contracts.StakingEscrow;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ClientTransactionManager;

/**
 * Test helpers on top of {@link Chain}: block times of receipts, and ganache's account
 * impersonation.
 */
final class ChainTestSupport {
  private ChainTestSupport() {}

  /**
   * The timestamp of the block that included {@code receipt}: the {@code block.timestamp} the
   * contract saw.
   */
  static long time(Chain chain, TransactionReceipt receipt) throws Exception {
    return chain
        .web3j()
        .ethGetBlockByNumber(DefaultBlockParameter.valueOf(receipt.getBlockNumber()), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  static long now(Chain chain) throws Exception {
    return chain.now().getEpochSecond();
  }

  /**
   * The staking escrow as seen from {@code address} (a contract, e.g. the adjudicator): ganache
   * signs for it once it is added and unlocked, so the escrow's module-only functions (slash) can
   * be driven from a test.
   */
  static StakingEscrow stakingAs(Chain chain, Deployment d, String address) throws IOException {
    HttpService http = new HttpService(chain.url());
    rpc(http, "evm_addAccount", List.of(address, ""));
    rpc(http, "personal_unlockAccount", List.of(address, "", 0));
    rpc(
        http,
        "evm_setAccountBalance",
        List.of(address, "0x" + BigInteger.TEN.pow(21).toString(16)));
    return StakingEscrow.load(
        d.staking(),
        chain.web3j(),
        new ClientTransactionManager(chain.web3j(), address),
        chain.gas());
  }

  private static void rpc(HttpService http, String method, List<?> params) throws IOException {
    Response<?> r = new Request<>(method, params, http, Chain.GenericResponse.class).send();
    if (r.hasError()) {
      throw new IOException(method + ": " + r.getError().getMessage());
    }
  }
}
