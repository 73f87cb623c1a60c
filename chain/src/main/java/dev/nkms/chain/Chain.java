package dev.nkms.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.Contract;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A connection to an Ethereum JSON-RPC node: typed contract handles for an account, transactions
 * that either succeed or throw {@link ChainException} with the revert reason, and the dev chain's
 * clock controls.
 */
public final class Chain implements AutoCloseable {
  /** What the contracts return for "no address" (an unbound node, an unknown operator). */
  static final String NO_ADDRESS = "0x0000000000000000000000000000000000000000";

  /** Gas limit per transaction; only what is used is paid. */
  static final BigInteger GAS_LIMIT = BigInteger.valueOf(30_000_000);

  private final String url;
  private final HttpService service;
  private final Web3j web3j;
  private final long chainId;
  private final ContractGasProvider gas;

  private Chain(String url, HttpService service, Web3j web3j, long chainId, BigInteger gasPrice) {
    this.url = url;
    this.service = service;
    this.web3j = web3j;
    this.chainId = chainId;
    this.gas = new StaticGasProvider(gasPrice, GAS_LIMIT);
  }

  public static Chain connect(String url) throws ChainException {
    HttpService service = new HttpService(url);
    Web3j web3j = Web3j.build(service);
    try {
      long chainId = web3j.ethChainId().send().getChainId().longValueExact();
      BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
      return new Chain(url, service, web3j, chainId, gasPrice);
    } catch (IOException | RuntimeException e) {
      web3j.shutdown();
      throw new ChainException("cannot reach the chain at " + url + ": " + e.getMessage(), e);
    }
  }

  public String url() {
    return url;
  }

  public Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return chainId;
  }

  public ContractGasProvider gas() {
    return gas;
  }

  /**
   * Signs with {@code account}'s key. The nonce is fetched per transaction, and this process sends
   * one transaction per account at a time (a node's duties run on threads of their own), so they
   * never pick the same nonce.
   */
  public TransactionManager transactions(Credentials account) {
    return new OneAtATime(
        web3j, account, chainId, new PollingTransactionReceiptProcessor(web3j, 50, 1200));
  }

  /** Sends {@code wei} from {@code from} to {@code to} (e.g. an operator paying its node's gas). */
  public TransactionReceipt sendEth(Credentials from, String to, BigInteger wei)
      throws ChainException {
    if (wei.signum() <= 0) {
      throw new IllegalArgumentException("send a positive amount, not " + wei + " wei");
    }
    return send(
        new org.web3j.protocol.core.RemoteCall<>(
            () ->
                new org.web3j.tx.Transfer(web3j, transactions(from))
                    .sendFunds(to, new java.math.BigDecimal(wei), org.web3j.utils.Convert.Unit.WEI)
                    .send()));
  }

  /** A transaction manager holding a per-account lock from fetching the nonce until the receipt. */
  private static final class OneAtATime extends RawTransactionManager {
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> LOCKS =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final Object lock;

    OneAtATime(
        Web3j web3j,
        Credentials account,
        long chainId,
        PollingTransactionReceiptProcessor receipts) {
      super(web3j, account, chainId, receipts);
      this.lock =
          LOCKS.computeIfAbsent(
              account.getAddress().toLowerCase(java.util.Locale.ROOT), a -> new Object());
    }

    @Override
    protected TransactionReceipt executeTransaction(
        BigInteger gasPrice,
        BigInteger gasLimit,
        String to,
        String data,
        BigInteger value,
        boolean constructor)
        throws IOException, TransactionException {
      synchronized (lock) {
        return super.executeTransaction(gasPrice, gasLimit, to, data, value, constructor);
      }
    }

    @Override
    protected TransactionReceipt executeTransactionEIP1559(
        long chainId,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerGas,
        BigInteger gasLimit,
        String to,
        String data,
        BigInteger value,
        boolean constructor)
        throws IOException, TransactionException {
      synchronized (lock) {
        return super.executeTransactionEIP1559(
            chainId, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, data, value, constructor);
      }
    }
  }

  /** A typed handle on the contract at {@code address}, sending as {@code account}. */
  public <T extends Contract> T load(Loader<T> loader, String address, Credentials account) {
    return loader.load(address, web3j, transactions(account), gas);
  }

  @FunctionalInterface
  public interface Loader<T> {
    T load(String address, Web3j web3j, TransactionManager transactions, ContractGasProvider gas);
  }

  /**
   * Sends a transaction and waits for its receipt; a revert becomes a {@link ChainException} with
   * the reason. Within a process an account sends one transaction at a time, and a node sends with
   * its own key (never its operator's), so nonces collide only if someone runs two processes as one
   * account: such a transaction, having lost the nonce race, is signed again with a fresh nonce (a
   * few times).
   */
  public static TransactionReceipt send(org.web3j.protocol.core.RemoteCall<TransactionReceipt> call)
      throws ChainException {
    for (int attempt = 1; ; attempt++) {
      try {
        TransactionReceipt receipt = call.send();
        if (!receipt.isStatusOK()) {
          throw new ChainException(
              "transaction "
                  + receipt.getTransactionHash()
                  + " reverted: "
                  + receipt.getRevertReason());
        }
        return receipt;
      } catch (TransactionException e) {
        throw new ChainException(revertReason(e), e);
      } catch (ChainException e) {
        throw e;
      } catch (Exception e) {
        if (attempt < 8 && lostNonceRace(e)) {
          try {
            Thread.sleep(
                50L * attempt); // the other process's transaction is being mined; then the nonce
            // moves on
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ChainException("interrupted while re-sending a transaction", ie);
          }
          continue;
        }
        throw new ChainException("transaction failed: " + e.getMessage(), e);
      }
    }
  }

  private static boolean lostNonceRace(Exception e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    // Same nonce as a transaction already in the pool: "can't be replaced" (being mined) or
    // "underpriced" (a
    // replacement must pay more); or the pool moved past it.
    return m.contains("can't be replaced")
        || m.contains("underpriced")
        || m.contains("nonce too low")
        || m.contains("already known");
  }

  /** Calls a view function. */
  public static <T> T call(RemoteFunctionCall<T> call) throws ChainException {
    try {
      return call.send();
    } catch (Exception e) {
      throw new ChainException("call failed: " + e.getMessage(), e);
    }
  }

  private static String revertReason(TransactionException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    int i = m.indexOf("Revert reason:");
    if (i < 0) {
      return "transaction failed: " + m;
    }
    String reason = m.substring(i + "Revert reason:".length()).trim();
    reason = reason.replaceAll("^'|'\\.?$", "");
    String vm = "VM Exception while processing transaction: revert ";
    return "reverted: " + (reason.startsWith(vm) ? reason.substring(vm.length()) : reason);
  }

  public BigInteger balance(String address) throws ChainException {
    try {
      return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    } catch (IOException e) {
      throw new ChainException("cannot read the balance of " + address + ": " + e.getMessage(), e);
    }
  }

  public long blockNumber() throws ChainException {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new ChainException("cannot read the block number: " + e.getMessage(), e);
    }
  }

  /** The latest block's timestamp: the chain's clock. */
  public Instant now() throws ChainException {
    try {
      EthBlock.Block b =
          web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
      return Instant.ofEpochSecond(b.getTimestamp().longValueExact());
    } catch (IOException e) {
      throw new ChainException("cannot read the latest block: " + e.getMessage(), e);
    }
  }

  /** Dev chains only: moves the clock forward and mines a block with the new time. */
  public void increaseTime(Duration d) throws ChainException {
    rpc("evm_increaseTime", List.of(d.toSeconds()));
    mine(1);
  }

  /** Dev chains only: mines {@code blocks} empty blocks. */
  public void mine(int blocks) throws ChainException {
    for (int i = 0; i < blocks; i++) {
      rpc("evm_mine", List.of());
    }
  }

  /** Dev chains only: a snapshot to {@link #revert} to (each snapshot can be reverted to once). */
  public String snapshot() throws ChainException {
    return String.valueOf(rpc("evm_snapshot", List.of()).getResult());
  }

  public void revert(String snapshot) throws ChainException {
    Object ok = rpc("evm_revert", List.of(snapshot)).getResult();
    if (!Boolean.TRUE.equals(ok)) {
      throw new ChainException("the chain did not revert to snapshot " + snapshot);
    }
  }

  private Response<?> rpc(String method, List<?> params) throws ChainException {
    try {
      Response<?> r = new Request<>(method, params, service, GenericResponse.class).send();
      if (r.hasError()) {
        throw new ChainException(method + ": " + r.getError().getMessage());
      }
      return r;
    } catch (IOException e) {
      throw new ChainException(method + ": " + e.getMessage(), e);
    }
  }

  /** A JSON-RPC answer whose result is any JSON value. */
  public static final class GenericResponse extends Response<Object> {}

  @Override
  public void close() {
    web3j.shutdown();
  }
}
