package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nkms.chain.contracts.PolicyManager;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.utils.Numeric;

/**
 * Why this file is long: the policy contract's every rule (pay, refunds, leaked-key challenges, fee
 * accrual) on one real dev chain, whose deployment the cases share.
 */
class PolicyPaymentsTest {
  static final Duration LOCK = Duration.ofDays(365);
  static final Duration TERM = Duration.ofDays(100);
  static final BigInteger STAKE = Economics.tokens(20_000);
  static final SecureRandom RANDOM = new SecureRandom();

  @RegisterExtension static final ChainFixture fx = ChainFixture.freshPerTest();
  static final Credentials ALICE = ChainFixture.account(21);
  static final Credentials OUTSIDER = ChainFixture.account(22);

  /** A dev account whose key is also a node key, so the node itself can send a transaction. */
  static final int NODE_ACCOUNT = 23;

  final PublicKey aliceKey = SecretKey.random().publicKey();
  final PublicKey policyKey = SecretKey.random().publicKey();
  final PublicKey bobKey = SecretKey.random().publicKey();
  Chain chain;
  PolicyPayments alice;
  PolicyManager policies;
  int labels;

  @BeforeEach
  void fresh() throws ChainException {
    chain = fx.chain();
    alice = payments(ALICE);
    policies = fx.policies(ALICE);
  }

  // ---------------------------------------------------------------- helpers

  static PolicyPayments payments(Credentials as) {
    return new PolicyPayments(fx.chain(), fx.deployment(), as);
  }

  static Credentials operator(int j) {
    return ChainFixture.account(1 + j);
  }

  /** Stakes nodes 0..count−1 (operators 1..count), locked for {@code lock}. */
  List<NodeAddress> stakeNodes(int count, Duration lock) throws ChainException {
    List<NodeAddress> nodes = new ArrayList<>();
    for (int j = 0; j < count; j++) {
      SecretKey node = SecretKey.random();
      fx.stake(operator(j), node, STAKE, chain.now().plus(lock));
      nodes.add(NodeAddress.of(node.publicKey()));
    }
    return nodes;
  }

  Hrac newHrac() {
    return Hrac.derive(aliceKey, nonce("label " + labels++));
  }

  static List<byte[]> kfrags(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      byte[] k = new byte[310];
      RANDOM.nextBytes(k);
      out.add(k);
    }
    return out;
  }

  /** A policy as created: its id, nodes, kfrags, fee and the start/end the chain recorded. */
  record Paid(
      Hrac hrac,
      List<NodeAddress> nodes,
      List<byte[]> kfrags,
      BigInteger fee,
      long start,
      long end,
      TransactionReceipt receipt) {
    BigInteger share(int j) {
      BigInteger n = BigInteger.valueOf(nodes.size());
      BigInteger[] qr = fee.divideAndRemainder(n);
      return qr[0].add(j < qr[1].intValueExact() ? BigInteger.ONE : BigInteger.ZERO);
    }

    /** floor(share_j · (min(t, end) − start) / (end − start)). */
    BigInteger earned(int j, long t) {
      long elapsed = Math.min(t, end) - start;
      return share(j).multiply(BigInteger.valueOf(elapsed)).divide(BigInteger.valueOf(end - start));
    }
  }

  Paid pay(List<NodeAddress> nodes, BigInteger fee) throws ChainException {
    Hrac hrac = newHrac();
    List<byte[]> kfrags = kfrags(nodes.size());
    Instant end = chain.now().plus(TERM);
    TransactionReceipt r = alice.pay(hrac, end, nodes, kfrags, aliceKey, policyKey, bobKey, fee);
    var p = Chain.call(policies.policy(hrac.toBytes()));
    assertThat(p.component2().longValueExact()).isEqualTo(blockTime(r));
    assertThat(p.component3().longValueExact()).isEqualTo(end.getEpochSecond());
    return new Paid(
        hrac, nodes, kfrags, fee, p.component2().longValueExact(), end.getEpochSecond(), r);
  }

  long blockTime(TransactionReceipt r) throws ChainException {
    try {
      return chain
          .web3j()
          .ethGetBlockByHash(r.getBlockHash(), false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (java.io.IOException e) {
      throw new ChainException(e.getMessage(), e);
    }
  }

  static BigInteger gasCost(TransactionReceipt r) {
    return r.getGasUsed().multiply(Numeric.decodeQuantity(r.getEffectiveGasPrice()));
  }

  BigInteger balance(Credentials c) throws ChainException {
    return chain.balance(c.getAddress());
  }

  BigInteger contractBalance() throws ChainException {
    return chain.balance(fx.deployment().policies());
  }

  BigInteger stakeOf(NodeAddress node) throws ChainException {
    return Chain.call(fx.staking(ALICE).stakeOfNode(node.toHex()));
  }

  BigInteger seized() throws ChainException {
    return Chain.call(policies.seized());
  }

  /**
   * Runs a transaction that must revert with {@code reason}; returns the mined, failed
   * transaction's receipt.
   */
  static TransactionReceipt reverts(ThrowingCallable tx, String reason) {
    ChainException e = catchThrowableOfType(tx, ChainException.class);
    assertThat(e).as("expected a revert: " + reason).isNotNull();
    assertThat(e).hasMessageContaining(reason);
    assertThat(e.getCause()).isInstanceOf(TransactionException.class);
    return ((TransactionException) e.getCause()).getTransactionReceipt().orElseThrow();
  }

  /** Withdraws as operator j; checks the operator's ETH grew by exactly the amount minus gas. */
  BigInteger withdraw(int j, Hrac... hracs) throws ChainException {
    BigInteger before = balance(operator(j));
    TransactionReceipt r =
        Chain.send(
            fx.policies(operator(j))
                .withdrawFees(List.of(hracs).stream().map(Hrac::toBytes).toList()));
    BigInteger amount = PolicyManager.getFeesWithdrawnEvents(r).get(0).amount;
    assertThat(balance(operator(j))).isEqualTo(before.add(amount).subtract(gasCost(r)));
    return amount;
  }

  // ---------------------------------------------------------------- the split and accrual

  @Test
  void sharesSumToTheFeeToTheWeiAndTheFirstNodesGetTheRemainder() throws Exception {
    List<NodeAddress> nodes = stakeNodes(5, LOCK);
    BigInteger large = new BigInteger("500000000000000000000003");
    record Split(BigInteger fee, List<BigInteger> shares) {}
    List<Split> cases =
        List.of(
            new Split(
                BigInteger.valueOf(10),
                List.of(BigInteger.valueOf(4), BigInteger.valueOf(3), BigInteger.valueOf(3))),
            new Split(
                BigInteger.valueOf(1_000_003),
                List.of(
                    BigInteger.valueOf(200_001),
                    BigInteger.valueOf(200_001),
                    BigInteger.valueOf(200_001),
                    BigInteger.valueOf(200_000),
                    BigInteger.valueOf(200_000))),
            new Split(
                large,
                List.of(
                    new BigInteger("125000000000000000000001"),
                    new BigInteger("125000000000000000000001"),
                    new BigInteger("125000000000000000000001"),
                    new BigInteger("125000000000000000000000"))));
    BigInteger total = BigInteger.ZERO;
    for (Split c : cases) {
      int n = c.shares().size();
      Paid p = pay(nodes.subList(0, n), c.fee());
      BigInteger sum = BigInteger.ZERO;
      for (int j = 0; j < n; j++) {
        var a = alice.arrangement(p.hrac(), nodes.get(j)).orElseThrow();
        assertThat(a.share()).as("fee %s, node %d", c.fee(), j).isEqualTo(c.shares().get(j));
        assertThat(a.owner()).isEqualToIgnoringCase(ALICE.getAddress());
        assertThat(a.active()).isTrue();
        assertThat(a.kfragHash()).isEqualTo(PolicyPayments.kfragHash(p.kfrags().get(j)));
        sum = sum.add(a.share());
      }
      assertThat(sum).isEqualTo(c.fee());
      total = total.add(c.fee());
    }
    assertThat(total).isEqualTo(large.add(BigInteger.valueOf(1_000_013)));
    assertThat(contractBalance()).isEqualTo(total);

    // After the end every node takes its whole share of every policy, and that is everything the
    // contract holds.
    chain.increaseTime(TERM.plusDays(1));
    BigInteger out = BigInteger.ZERO;
    for (int j = 0; j < 5; j++) {
      BigInteger due = BigInteger.ZERO;
      for (Split c : cases) {
        due = due.add(j < c.shares().size() ? c.shares().get(j) : BigInteger.ZERO);
      }
      BigInteger got = withdraw(j, policiesOf(nodes.get(j)).toArray(Hrac[]::new));
      assertThat(got).as("node %d", j).isEqualTo(due);
      out = out.add(got);
    }
    assertThat(out).isEqualTo(total);
    assertThat(contractBalance()).isZero();
  }

  /** The policies (created through this test's {@link #alice}) that name {@code node}. */
  List<Hrac> policiesOf(NodeAddress node) throws ChainException {
    List<Hrac> out = new ArrayList<>();
    for (int i = 0; i < labels; i++) {
      Hrac h = Hrac.derive(aliceKey, nonce("label " + i));
      if (alice.arrangement(h, node).isPresent()) {
        out.add(h);
      }
    }
    return out;
  }

  @Test
  void feesAccrueLinearlyRoundedDownAndStopAtTheEnd() throws Exception {
    List<NodeAddress> nodes = stakeNodes(3, LOCK);
    Paid p = pay(nodes, BigInteger.valueOf(1_000_000_007));
    for (Duration step :
        List.of(
            Duration.ofSeconds(1),
            Duration.ofDays(10),
            Duration.ofDays(27).plusSeconds(13),
            Duration.ofDays(40),
            Duration.ofDays(22).plusHours(23))) {
      chain.increaseTime(step);
      long now = chain.now().getEpochSecond();
      assertThat(now).isLessThan(p.end());
      for (int j = 0; j < 3; j++) {
        assertThat(alice.accrued(p.hrac(), nodes.get(j)))
            .as("node %d at +%ds", j, now - p.start())
            .isEqualTo(p.earned(j, now));
      }
    }
    // 1,000,000,007 = 3 · 333,333,335 + 2: the first two nodes get 1 wei more.
    assertThat(alice.arrangement(p.hrac(), nodes.get(1)).orElseThrow().share())
        .isEqualTo(BigInteger.valueOf(333_333_336));
    assertThat(alice.arrangement(p.hrac(), nodes.get(2)).orElseThrow().share())
        .isEqualTo(BigInteger.valueOf(333_333_335));
    chain.increaseTime(Duration.ofDays(2));
    assertThat(chain.now().getEpochSecond()).isGreaterThan(p.end());
    for (int j = 0; j < 3; j++) {
      assertThat(alice.accrued(p.hrac(), nodes.get(j))).isEqualTo(p.share(j));
      assertThat(alice.arrangement(p.hrac(), nodes.get(j)).orElseThrow().active()).isFalse();
    }
  }

  // ---------------------------------------------------------------- withdrawal

  @Test
  void withdrawingTwicePaysTheSameTimeOnce() throws Exception {
    List<NodeAddress> nodes = stakeNodes(2, LOCK);
    Paid p = pay(nodes, Economics.tokens(3).add(BigInteger.ONE));
    chain.increaseTime(Duration.ofDays(30));
    BigInteger first = withdraw(0, p.hrac(), p.hrac()); // listed twice: paid once
    TransactionReceipt last = lastWithdrawal(0);
    assertThat(first).isEqualTo(p.earned(0, blockTime(last)));
    chain.increaseTime(Duration.ofDays(5));
    BigInteger second = withdraw(0, p.hrac());
    assertThat(second).isEqualTo(p.earned(0, blockTime(lastWithdrawal(0))).subtract(first));

    chain.increaseTime(TERM);
    BigInteger rest = withdraw(0, p.hrac());
    assertThat(first.add(second).add(rest)).isEqualTo(p.share(0));
    TransactionReceipt failed =
        reverts(
            () -> Chain.send(fx.policies(operator(0)).withdrawFees(List.of(p.hrac().toBytes()))),
            "nothing to withdraw");
    assertThat(failed.isStatusOK()).isFalse();
    assertThat(
            Chain.call(policies.arrangement(p.hrac().toBytes(), nodes.get(0).toHex())).component3())
        .isEqualTo(p.share(0));
    // Node 1 has not withdrawn: its whole share is still there, and nothing else is.
    assertThat(contractBalance()).isEqualTo(p.share(1));

    // Someone that operates no node, or a node without an arrangement, gets nothing.
    reverts(
        () -> Chain.send(fx.policies(OUTSIDER).withdrawFees(List.of(p.hrac().toBytes()))),
        "the caller is no staked node and operates none");
    fx.stake(
        operator(2),
        SecretKey.random(),
        STAKE,
        chain.now().plus(LOCK)); // a node outside the policy
    reverts(
        () -> Chain.send(fx.policies(operator(2)).withdrawFees(List.of(p.hrac().toBytes()))),
        "no arrangement in a listed policy");
  }

  @Test
  void aNodeWithdrawsWithItsOwnAccountAndTheFeeGoesToItsOperator() throws Exception {
    SecretKey nodeKey = SecretKey.random();
    fx.stake(operator(0), nodeKey, STAKE, chain.now().plus(LOCK));
    NodeAddress node = NodeAddress.of(nodeKey.publicKey());
    chain.sendEth(operator(0), node.toHex(), BigInteger.TEN.pow(17)); // the node's gas
    Paid p = pay(List.of(node), Economics.tokens(1));
    chain.increaseTime(Duration.ofDays(10));
    BigInteger operatorBefore = balance(operator(0));
    BigInteger nodeBefore = chain.balance(node.toHex());

    PolicyPayments asNode = new PolicyPayments(chain, fx.deployment(), NodeAccount.of(nodeKey));
    BigInteger got = asNode.withdrawFees(List.of(p.hrac()));
    TransactionReceipt r = lastWithdrawal(0);
    assertThat(got).isEqualTo(p.earned(0, blockTime(r))).isPositive();
    assertThat(balance(operator(0))).isEqualTo(operatorBefore.add(got)); // the operator paid no gas
    assertThat(chain.balance(node.toHex()))
        .isEqualTo(nodeBefore.subtract(gasCost(r))); // the node paid only gas
    var ev = PolicyManager.getFeesWithdrawnEvents(r).get(0);
    assertThat(ev.node).isEqualToIgnoringCase(node.toHex());
    assertThat(ev.operator).isEqualToIgnoringCase(operator(0).getAddress());
  }

  private TransactionReceipt lastWithdrawal(int j) throws Exception {
    var logs =
        chain
            .web3j()
            .ethGetLogs(
                new org.web3j.protocol.core.methods.request.EthFilter(
                        org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
                        org.web3j.protocol.core.DefaultBlockParameterName.LATEST,
                        fx.deployment().policies())
                    .addSingleTopic(
                        org.web3j.abi.EventEncoder.encode(PolicyManager.FEESWITHDRAWN_EVENT)))
            .send()
            .getLogs();
    var log = (org.web3j.protocol.core.methods.response.Log) logs.get(logs.size() - 1).get();
    return chain
        .web3j()
        .ethGetTransactionReceipt(log.getTransactionHash())
        .send()
        .getTransactionReceipt()
        .orElseThrow();
  }

  // ---------------------------------------------------------------- revocation

  @Test
  void revocationRefundsWhatHasNotAccruedAndEverythingAddsUpToTheFee() throws Exception {
    List<NodeAddress> nodes = stakeNodes(3, LOCK);
    BigInteger fee =
        Economics.tokens(7).add(BigInteger.valueOf(2)); // 7 ETH + 2 wei: two nodes get 1 wei more
    Paid p = pay(nodes, fee);
    chain.increaseTime(Duration.ofDays(11));
    BigInteger early = withdraw(1, p.hrac());
    chain.increaseTime(Duration.ofDays(20).plusSeconds(7));

    BigInteger before = balance(ALICE);
    TransactionReceipt r = Chain.send(policies.revoke(p.hrac().toBytes()));
    long t = blockTime(r);
    BigInteger refund = PolicyManager.getPolicyRevokedEvents(r).get(0).refund;
    BigInteger accruedSum = p.earned(0, t).add(p.earned(1, t)).add(p.earned(2, t));
    assertThat(refund).isEqualTo(fee.subtract(accruedSum));
    assertThat(balance(ALICE)).isEqualTo(before.add(refund).subtract(gasCost(r)));
    // The refund exceeds the exact (1 − t/T)·f by less than n wei.
    BigInteger exactTimesT = fee.multiply(BigInteger.valueOf(p.end() - t));
    BigInteger excessTimesT =
        refund.multiply(BigInteger.valueOf(p.end() - p.start())).subtract(exactTimesT);
    assertThat(excessTimesT.signum()).isGreaterThanOrEqualTo(0);
    assertThat(excessTimesT).isLessThan(BigInteger.valueOf(3 * (p.end() - p.start())));

    // Accrual stops at the revocation; the nodes take exactly what had accrued.
    chain.increaseTime(Duration.ofDays(3));
    for (int j = 0; j < 3; j++) {
      assertThat(alice.accrued(p.hrac(), nodes.get(j))).isEqualTo(p.earned(j, t));
      assertThat(alice.arrangement(p.hrac(), nodes.get(j)).orElseThrow().active()).isFalse();
    }
    BigInteger paidOut =
        early.add(withdraw(0, p.hrac())).add(withdraw(1, p.hrac())).add(withdraw(2, p.hrac()));
    assertThat(paidOut).isEqualTo(accruedSum);
    assertThat(paidOut.add(refund)).isEqualTo(fee);
    assertThat(contractBalance()).isZero();
    // A correct revocation costs the nodes no collateral.
    for (NodeAddress n : nodes) {
      assertThat(stakeOf(n)).isEqualTo(STAKE);
    }

    BigInteger afterRevoke = balance(ALICE);
    TransactionReceipt again = reverts(() -> alice.revoke(p.hrac()), "already revoked");
    assertThat(balance(ALICE)).isEqualTo(afterRevoke.subtract(gasCost(again)));
    // The id stays used.
    reverts(
        () ->
            alice.pay(
                p.hrac(),
                chain.now().plus(TERM),
                nodes,
                kfrags(3),
                aliceKey,
                policyKey,
                bobKey,
                fee),
        "already used");
  }

  @Test
  void revokeThroughTheFacadeReturnsTheRefund() throws Exception {
    List<NodeAddress> nodes = stakeNodes(1, LOCK);
    Paid p = pay(nodes, BigInteger.valueOf(1_000_000));
    chain.increaseTime(Duration.ofDays(50));
    BigInteger before = balance(ALICE);
    BigInteger refund = alice.revoke(p.hrac());
    long t = Chain.call(policies.policy(p.hrac().toBytes())).component5().longValueExact();
    assertThat(refund).isEqualTo(p.fee().subtract(p.earned(0, t)));
    assertThat(balance(ALICE)).isLessThan(before.add(refund)); // minus gas
    assertThat(payments(operator(0)).withdrawFees(List.of(p.hrac()))).isEqualTo(p.earned(0, t));
  }

  @Test
  void afterTheEndTheWholeShareIsWithdrawableAndRevocationIsRefused() throws Exception {
    List<NodeAddress> nodes = stakeNodes(2, LOCK);
    Paid p = pay(nodes, BigInteger.valueOf(999));
    chain.increaseTime(TERM.plusSeconds(1));
    reverts(() -> alice.revoke(p.hrac()), "already ended");
    assertThat(withdraw(0, p.hrac())).isEqualTo(BigInteger.valueOf(500));
    assertThat(withdraw(1, p.hrac())).isEqualTo(BigInteger.valueOf(499));
    assertThat(contractBalance()).isZero();
    reverts(
        () -> payments(OUTSIDER).challengeLeakedKey(p.hrac(), nodes.get(0), p.kfrags().get(0)),
        "no longer active");
  }

  @Test
  void onlyTheOwnerRevokesAndARefusedRevocationChangesNothing() throws Exception {
    List<NodeAddress> nodes = stakeNodes(2, LOCK);
    Paid p = pay(nodes, BigInteger.valueOf(1_000));
    BigInteger contract = contractBalance();
    reverts(() -> payments(OUTSIDER).revoke(p.hrac()), "only the policy's owner");
    reverts(() -> payments(operator(0)).revoke(p.hrac()), "only the policy's owner");
    reverts(() -> alice.revoke(newHrac()), "unknown policy");
    assertThat(contractBalance()).isEqualTo(contract);
    assertThat(Chain.call(policies.policy(p.hrac().toBytes())).component5()).isZero();
    assertThat(alice.arrangement(p.hrac(), nodes.get(0)).orElseThrow().active()).isTrue();
  }

  // ---------------------------------------------------------------- creation refused

  @Test
  void ineligibleDuplicateOrMalformedPoliciesAreRefusedAndLeaveNothingBehind() throws Exception {
    List<NodeAddress> nodes = stakeNodes(2, LOCK);
    SecretKey shortKey = SecretKey.random();
    fx.stake(
        operator(2),
        shortKey,
        STAKE,
        chain.now().plus(Duration.ofDays(30))); // lock ends before the policy
    NodeAddress shortLock = NodeAddress.of(shortKey.publicKey());
    NodeAddress unstaked = NodeAddress.of(SecretKey.random().publicKey());
    Instant end = chain.now().plus(TERM);
    BigInteger fee = BigInteger.valueOf(10_000);
    BigInteger aliceBefore = balance(ALICE);
    BigInteger gas = BigInteger.ZERO;

    Hrac h = newHrac();
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        alice.pay(
                            h,
                            end,
                            List.of(nodes.get(0), nodes.get(1), unstaked),
                            kfrags(3),
                            aliceKey,
                            policyKey,
                            bobKey,
                            fee),
                    "not staked or not locked")));
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        alice.pay(
                            h,
                            end,
                            List.of(nodes.get(0), shortLock),
                            kfrags(2),
                            aliceKey,
                            policyKey,
                            bobKey,
                            fee),
                    "not staked or not locked")));
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        alice.pay(
                            h,
                            end,
                            List.of(nodes.get(0), nodes.get(1), nodes.get(0)),
                            kfrags(3),
                            aliceKey,
                            policyKey,
                            bobKey,
                            fee),
                    "listed twice")));
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        alice.pay(
                            h,
                            chain.now().minusSeconds(1),
                            nodes,
                            kfrags(2),
                            aliceKey,
                            policyKey,
                            bobKey,
                            fee),
                    "end in the future")));
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        alice.pay(
                            h, end, nodes, kfrags(2), aliceKey, policyKey, bobKey, BigInteger.ONE),
                    "at least 1 wei")));
    byte[] keys = PolicyPayments.keysHash(aliceKey, policyKey, bobKey);
    List<String> addrs = nodes.stream().map(NodeAddress::toHex).toList();
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        Chain.send(
                            policies.createPolicy(
                                h.toBytes(),
                                BigInteger.valueOf(end.getEpochSecond()),
                                addrs,
                                List.of(new byte[32]),
                                keys,
                                fee)),
                    "one kfrag hash per node")));
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        Chain.send(
                            policies.createPolicy(
                                h.toBytes(),
                                BigInteger.valueOf(end.getEpochSecond()),
                                List.of(),
                                List.of(),
                                keys,
                                fee)),
                    "1 to 255 nodes")));
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        Chain.send(
                            policies.createPolicy(
                                h.toBytes(),
                                BigInteger.valueOf(end.getEpochSecond()),
                                addrs,
                                List.of(PolicyPayments.kfragHash(new byte[1]), new byte[32]),
                                keys,
                                fee)),
                    "a kfrag hash is zero")));
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        Chain.send(
                            policies.createPolicy(
                                h.toBytes(),
                                BigInteger.valueOf(end.getEpochSecond()),
                                addrs,
                                List.of(
                                    PolicyPayments.kfragHash(new byte[1]),
                                    PolicyPayments.kfragHash(new byte[2])),
                                new byte[32],
                                fee)),
                    "keys hash is zero")));

    // Nothing of any refused attempt remains: no policy, no arrangement, no ETH kept; Alice paid
    // only gas.
    assertThat(Chain.call(policies.policy(h.toBytes())).component1())
        .isEqualTo("0x0000000000000000000000000000000000000000");
    assertThat(Chain.call(policies.keysHash(h.toBytes()))).isEqualTo(new byte[32]);
    for (NodeAddress n : List.of(nodes.get(0), nodes.get(1), shortLock)) {
      assertThat(alice.arrangement(h, n)).isEmpty();
    }
    assertThat(contractBalance()).isZero();
    assertThat(balance(ALICE)).isEqualTo(aliceBefore.subtract(gas));

    // The same id then works once, and only once.
    alice.pay(h, end, nodes, kfrags(2), aliceKey, policyKey, bobKey, fee);
    assertThat(Chain.call(policies.keysHash(h.toBytes()))).isEqualTo(keys);
    reverts(
        () -> alice.pay(h, end, nodes, kfrags(2), aliceKey, policyKey, bobKey, fee),
        "already used");
    assertThat(contractBalance()).isEqualTo(fee);
  }

  // ---------------------------------------------------------------- paidFor

  @Test
  void aNodeAcceptsOnlyTheKfragAndTermsThatWerePaidFor() throws Exception {
    List<NodeAddress> nodes = stakeNodes(2, LOCK);
    Paid p = pay(nodes, BigInteger.valueOf(100));
    PolicyPayments node0 = payments(operator(0));
    byte[] kfrag = p.kfrags().get(0);
    assertThat(node0.paidFor(p.hrac(), nodes.get(0), kfrag, aliceKey, policyKey, bobKey)).isTrue();
    assertThat(
            node0.paidFor(p.hrac(), nodes.get(0), p.kfrags().get(1), aliceKey, policyKey, bobKey))
        .isFalse();
    assertThat(node0.paidFor(p.hrac(), nodes.get(0), kfrag, aliceKey, policyKey, aliceKey))
        .isFalse();
    assertThat(node0.paidFor(newHrac(), nodes.get(0), kfrag, aliceKey, policyKey, bobKey))
        .isFalse();
    assertThat(
            node0.paidFor(
                p.hrac(),
                NodeAddress.of(SecretKey.random().publicKey()),
                kfrag,
                aliceKey,
                policyKey,
                bobKey))
        .isFalse();
    var a = node0.arrangement(p.hrac(), nodes.get(0)).orElseThrow();
    assertThat(a.start().getEpochSecond()).isEqualTo(p.start());
    assertThat(a.end().getEpochSecond()).isEqualTo(p.end());
    assertThat(a.keysHash()).isEqualTo(PolicyPayments.keysHash(aliceKey, policyKey, bobKey));
    alice.revoke(p.hrac());
    assertThat(node0.paidFor(p.hrac(), nodes.get(0), kfrag, aliceKey, policyKey, bobKey)).isFalse();
  }

  // ---------------------------------------------------------------- the leaked-key challenge

  @Test
  void aProvenLeakRewardsTheChallengerRefundsTheOwnerSlashesAndClosesOnlyThatArrangement()
      throws Exception {
    List<NodeAddress> nodes = stakeNodes(3, LOCK);
    // Nodes 0 and 1 get 1 wei more: the challenged node 1 has a larger share, which a revocation
    // must not count.
    BigInteger fee = Economics.tokens(9).add(BigInteger.valueOf(2));
    Paid p = pay(nodes, fee);
    chain.increaseTime(Duration.ofDays(25).plusSeconds(17));
    BigInteger supply = Chain.call(fx.token(ALICE).totalSupply());
    BigInteger aliceBefore = balance(ALICE);
    BigInteger outsiderBefore = balance(OUTSIDER);
    BigInteger operatorBefore = balance(operator(1));

    TransactionReceipt r =
        payments(OUTSIDER).challengeLeakedKey(p.hrac(), nodes.get(1), p.kfrags().get(1));
    long t = blockTime(r);
    BigInteger earned = p.earned(1, t);
    BigInteger reward =
        earned.multiply(BigInteger.valueOf(500_000)).divide(BigInteger.valueOf(1_000_000));
    BigInteger refund = p.share(1).subtract(earned);
    var ev = PolicyManager.getLeakedKeyChallengedEvents(r).get(0);
    assertThat(ev.challengerReward).isEqualTo(reward);
    assertThat(ev.ownerRefund).isEqualTo(refund);
    assertThat(ev.slashed).isEqualTo(fx.economics().leakPenalty());
    assertThat(balance(OUTSIDER)).isEqualTo(outsiderBefore.add(reward).subtract(gasCost(r)));
    assertThat(balance(ALICE)).isEqualTo(aliceBefore.add(refund));
    assertThat(balance(operator(1))).isEqualTo(operatorBefore);
    assertThat(seized()).isEqualTo(earned.subtract(reward));
    // c is taken from the stake and burned.
    assertThat(stakeOf(nodes.get(1))).isEqualTo(STAKE.subtract(fx.economics().leakPenalty()));
    assertThat(Chain.call(fx.token(ALICE).totalSupply()))
        .isEqualTo(supply.subtract(fx.economics().leakPenalty()));
    assertThat(stakeOf(nodes.get(0))).isEqualTo(STAKE);

    // Only that arrangement closed; the node gets nothing more for it.
    assertThat(Chain.call(policies.isActive(p.hrac().toBytes(), nodes.get(1).toHex()))).isFalse();
    assertThat(Chain.call(policies.isActive(p.hrac().toBytes(), nodes.get(0).toHex()))).isTrue();
    assertThat(Chain.call(policies.isActive(p.hrac().toBytes(), nodes.get(2).toHex()))).isTrue();
    chain.increaseTime(Duration.ofDays(10));
    assertThat(alice.accrued(p.hrac(), nodes.get(1))).isZero();
    reverts(
        () -> Chain.send(fx.policies(operator(1)).withdrawFees(List.of(p.hrac().toBytes()))),
        "nothing to withdraw");
    reverts(
        () -> payments(OUTSIDER).challengeLeakedKey(p.hrac(), nodes.get(1), p.kfrags().get(1)),
        "already challenged");

    // A later revocation refunds only the open arrangements; the whole fee is accounted for to the
    // wei.
    BigInteger revokeRefund = alice.revoke(p.hrac());
    long tr = Chain.call(policies.policy(p.hrac().toBytes())).component5().longValueExact();
    assertThat(revokeRefund)
        .isEqualTo(p.share(0).subtract(p.earned(0, tr)).add(p.share(2)).subtract(p.earned(2, tr)));
    BigInteger nodesPaid = withdraw(0, p.hrac()).add(withdraw(2, p.hrac()));
    assertThat(nodesPaid).isEqualTo(p.earned(0, tr).add(p.earned(2, tr)));
    assertThat(nodesPaid.add(revokeRefund).add(refund).add(reward).add(seized())).isEqualTo(fee);
    assertThat(contractBalance()).isEqualTo(seized());
  }

  @Test
  void wrongKfragBytesAreRefusedAndChangeNothing() throws Exception {
    List<NodeAddress> nodes = stakeNodes(2, LOCK);
    Paid p = pay(nodes, BigInteger.valueOf(1_000_000));
    chain.increaseTime(Duration.ofDays(5));
    BigInteger aliceBefore = balance(ALICE);
    BigInteger outsiderBefore = balance(OUTSIDER);
    byte[] tampered = p.kfrags().get(0).clone();
    tampered[200] ^= 1;
    BigInteger gas =
        gasCost(
            reverts(
                () -> payments(OUTSIDER).challengeLeakedKey(p.hrac(), nodes.get(0), tampered),
                "not the node's kfrag"));
    // Node 1's kfrag is not node 0's.
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        payments(OUTSIDER)
                            .challengeLeakedKey(p.hrac(), nodes.get(0), p.kfrags().get(1)),
                    "not the node's kfrag")));
    gas =
        gas.add(
            gasCost(
                reverts(
                    () ->
                        payments(OUTSIDER)
                            .challengeLeakedKey(newHrac(), nodes.get(0), p.kfrags().get(0)),
                    "no such arrangement")));
    assertThat(balance(OUTSIDER)).isEqualTo(outsiderBefore.subtract(gas));
    assertThat(balance(ALICE)).isEqualTo(aliceBefore);
    assertThat(contractBalance()).isEqualTo(p.fee());
    assertThat(seized()).isZero();
    assertThat(stakeOf(nodes.get(0))).isEqualTo(STAKE);
    assertThat(alice.arrangement(p.hrac(), nodes.get(0)).orElseThrow().active()).isTrue();
  }

  @Test
  void aSelfChallengeByTheOwnerTheOperatorOrTheNodePaysNoReward() throws Exception {
    List<NodeAddress> nodes = stakeNodes(2, LOCK);
    // A third node whose key is dev account 23's, so the node itself can send the challenge.
    SecretKey nodeKey =
        SecretKey.fromBEBytes(Numeric.toBytesPadded(DevChain.key(NODE_ACCOUNT), 32));
    Credentials nodeAccount = ChainFixture.account(NODE_ACCOUNT);
    fx.stake(operator(2), nodeKey, STAKE, chain.now().plus(LOCK));
    List<NodeAddress> all = new ArrayList<>(nodes);
    all.add(NodeAddress.of(nodeKey.publicKey()));
    assertThat(all.get(2).toHex()).isEqualToIgnoringCase(nodeAccount.getAddress());
    Paid p = pay(all, Economics.tokens(3));
    chain.increaseTime(Duration.ofDays(40));

    List<Credentials> challengers = List.of(ALICE, operator(1), nodeAccount);
    BigInteger expectedSeized = BigInteger.ZERO;
    for (int j = 0; j < 3; j++) {
      Credentials who = challengers.get(j);
      BigInteger aliceBefore = balance(ALICE);
      BigInteger whoBefore = balance(who);
      TransactionReceipt r =
          payments(who).challengeLeakedKey(p.hrac(), all.get(j), p.kfrags().get(j));
      long t = blockTime(r);
      BigInteger earned = p.earned(j, t);
      BigInteger refund = p.share(j).subtract(earned);
      var ev = PolicyManager.getLeakedKeyChallengedEvents(r).get(0);
      assertThat(ev.challengerReward).isZero();
      assertThat(ev.seized).isEqualTo(earned);
      expectedSeized = expectedSeized.add(earned);
      if (who == ALICE) {
        assertThat(balance(ALICE)).isEqualTo(aliceBefore.add(refund).subtract(gasCost(r)));
      } else {
        assertThat(balance(who)).isEqualTo(whoBefore.subtract(gasCost(r)));
        assertThat(balance(ALICE)).isEqualTo(aliceBefore.add(refund));
      }
      assertThat(stakeOf(all.get(j))).isEqualTo(STAKE.subtract(fx.economics().leakPenalty()));
    }
    assertThat(seized()).isEqualTo(expectedSeized);
    assertThat(contractBalance()).isEqualTo(expectedSeized);
    // Every arrangement is closed, so revoking the policy refunds nothing more.
    assertThat(alice.revoke(p.hrac())).isZero();
    assertThat(contractBalance()).isEqualTo(expectedSeized);
  }

  @Test
  void theChallengerRewardIsCappedByWhatTheNodeHasNotWithdrawn() throws Exception {
    List<NodeAddress> nodes = stakeNodes(1, LOCK);
    Paid p = pay(nodes, Economics.tokens(1));
    chain.increaseTime(Duration.ofDays(30));
    BigInteger paid = withdraw(0, p.hrac());
    chain.increaseTime(Duration.ofHours(1));
    BigInteger outsiderBefore = balance(OUTSIDER);
    TransactionReceipt r =
        payments(OUTSIDER).challengeLeakedKey(p.hrac(), nodes.get(0), p.kfrags().get(0));
    BigInteger earned = p.earned(0, blockTime(r));
    BigInteger unpaid = earned.subtract(paid);
    assertThat(unpaid).isLessThan(earned.divide(BigInteger.TWO)); // the cap applies
    var ev = PolicyManager.getLeakedKeyChallengedEvents(r).get(0);
    assertThat(ev.challengerReward).isEqualTo(unpaid);
    assertThat(ev.seized).isZero();
    assertThat(balance(OUTSIDER)).isEqualTo(outsiderBefore.add(unpaid).subtract(gasCost(r)));
    assertThat(paid.add(unpaid).add(ev.ownerRefund)).isEqualTo(p.fee());
    assertThat(contractBalance()).isZero();
  }

  // ---------------------------------------------------------------- gas

  @Test
  void gasTable() throws Exception {
    List<NodeAddress> nodes = stakeNodes(20, LOCK);
    List<String> rows = new ArrayList<>();
    for (int n : new int[] {1, 3, 5, 10, 20}) {
      Paid p = pay(nodes.subList(0, n), Economics.tokens(1));
      rows.add(
          String.format("GAS createPolicy n=%-2d          %,10d", n, p.receipt().getGasUsed()));
    }
    List<Hrac> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(pay(nodes.subList(0, 3), Economics.tokens(1)).hrac());
    }
    Paid toRevoke = pay(nodes.subList(0, 3), Economics.tokens(1));
    Paid toChallenge = pay(nodes.subList(0, 3), Economics.tokens(1));
    chain.increaseTime(Duration.ofDays(10));
    TransactionReceipt w1 =
        Chain.send(fx.policies(operator(1)).withdrawFees(List.of(ten.get(0).toBytes())));
    TransactionReceipt w10 =
        Chain.send(fx.policies(operator(0)).withdrawFees(ten.stream().map(Hrac::toBytes).toList()));
    TransactionReceipt rv = Chain.send(policies.revoke(toRevoke.hrac().toBytes()));
    TransactionReceipt ch =
        Chain.send(
            fx.policies(OUTSIDER)
                .challengeLeakedKey(
                    toChallenge.hrac().toBytes(),
                    nodes.get(2).toHex(),
                    toChallenge.kfrags().get(2)));
    rows.add(String.format("GAS withdrawFees 1 policy       %,10d", w1.getGasUsed()));
    rows.add(String.format("GAS withdrawFees 10 policies    %,10d", w10.getGasUsed()));
    rows.add(String.format("GAS revoke (n=3)                %,10d", rv.getGasUsed()));
    rows.add(String.format("GAS challengeLeakedKey (n=3)    %,10d", ch.getGasUsed()));
    rows.forEach(System.out::println);
    assertThat(w1.getGasUsed()).isLessThan(w10.getGasUsed());
    assertThat(rv.getGasUsed()).isLessThan(BigInteger.valueOf(100_000));
    assertThat(Collections.max(List.of(w1.getGasUsed(), rv.getGasUsed(), ch.getGasUsed())))
        .isLessThan(
            BigInteger.valueOf(
                350_000)); // the challenge pays for the escrow's slash (settle + burn)
  }

  /** A grant nonce named by {@code label}, so that the test can name the same policy again. */
  static byte[] nonce(String label) {
    return java.util.Arrays.copyOf(
        dev.nkms.crypto.primitives.ScalarDigest.sha256(
            label.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        dev.nkms.protocol.Hrac.NONCE_LENGTH);
  }
}
