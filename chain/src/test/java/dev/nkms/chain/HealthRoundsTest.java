package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.chain.HealthRoundClient.Ballot;
import dev.nkms.chain.HealthRoundClient.Round;
import dev.nkms.chain.HealthRoundClient.Verdict;
import dev.nkms.chain.HealthVoter.Action;
import dev.nkms.chain.HealthVoter.Step;
import dev.nkms.chain.contracts.HealthRounds;
import dev.nkms.chain.contracts.StakingEscrow;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Health rounds on a real chain. Seventeen nodes (operators = dev accounts 1..17) stake
 * 11,000..27,000 tokens, so stakes are distinct and any three checkers outweigh any one; operator
 * 17's lock is short so a test can withdraw it. Three days pass before the tests, so every node has
 * earned rewards. Which nodes are checked depends on the block hash, so the tests pick roles
 * (minority, non-revealer, ...) from the round they open.
 *
 * <p>Why this file is long: the health-round contract's rules (votes, quorum, rewards, slashing),
 * one case each, on one deployed chain.
 */
class HealthRoundsTest {
  static final int NODES = 17;
  @RegisterExtension static final ChainFixture fx = ChainFixture.shared();
  static Chain chain;
  static long h;
  static final Map<NodeAddress, Credentials> operatorOfNode = new LinkedHashMap<>();
  static final Map<NodeAddress, BigInteger> stakeOfNode = new HashMap<>();
  static final Map<NodeAddress, Credentials> accountOfNode =
      new HashMap<>(); // the node's own (NodeAccount)
  static String staked;

  @BeforeAll
  static void up() throws ChainException {
    chain = fx.chain();
    h = fx.economics().roundBlocks();
    Instant now = chain.now();
    for (int i = 1; i <= NODES; i++) {
      SecretKey node = SecretKey.random();
      BigInteger amount = Economics.tokens(10_000 + 1_000L * i);
      Duration lock = i == NODES ? Duration.ofDays(1) : Duration.ofDays(60);
      fx.stake(ChainFixture.account(i), node, amount, now.plus(lock));
      NodeAddress address = NodeAddress.of(node.publicKey());
      operatorOfNode.put(address, ChainFixture.account(i));
      stakeOfNode.put(address, amount);
      accountOfNode.put(address, NodeAccount.of(node));
      chain.sendEth(
          ChainFixture.account(i),
          address.toHex(),
          BigInteger.TEN.pow(18)); // gas for its own votes
    }
    chain.increaseTime(Duration.ofDays(3));
    staked = chain.snapshot();
  }

  @BeforeEach
  void fresh() throws ChainException {
    chain.revert(staked);
    staked = chain.snapshot();
  }

  // ---------------------------------------------------------------- selection

  @Test
  void selectionFollowsTheHammingRuleOnTheBlockHashAndSkipsNodesBelowTheMinimum() throws Exception {
    HealthRoundClient anyone = client(ChainFixture.account(20));
    TransactionReceipt opened = anyone.open();
    Round r1 = anyone.latestRound().orElseThrow();
    assertThat(r1.number()).isEqualTo(1);
    assertThat(r1.openBlock()).isEqualTo(opened.getBlockNumber().longValueExact());
    List<NodeAddress> all = new ArrayList<>(operatorOfNode.keySet());
    assertSelection(r1, all, 5); // ⌈√17⌉ = 5

    HealthRounds.RoundOpenedEventResponse event = HealthRounds.getRoundOpenedEvents(opened).get(0);
    assertThat(event.round).isEqualTo(BigInteger.ONE);
    assertThat(event.seed).isEqualTo(blockHash(r1.openBlock() - 1));
    assertThat(event.checked).containsExactlyElementsOf(hex(r1.checked()));
    assertThat(event.checkers).containsExactlyElementsOf(hex(r1.checkers()));

    // Operator 17 leaves: 16 nodes remain, k = 4, and the departed node is in neither list.
    NodeAddress leaving = all.get(NODES - 1);
    Chain.send(fx.staking(operatorOfNode.get(leaving)).withdraw(stakeOfNode.get(leaving)));
    mineUntilNextTxIn(r1.openBlock() + h);
    anyone.open();
    Round r2 = anyone.latestRound().orElseThrow();
    assertThat(r2.number()).isEqualTo(2);
    assertSelection(r2, all.subList(0, NODES - 1), 4);
    assertThat(r2.checked()).doesNotContain(leaving);
    assertThat(r2.checkers()).doesNotContain(leaving);
  }

  @Test
  void aRoundNeedsTwoNodesAboveTheMinimumAndHBlocksAfterThePreviousOne() throws Exception {
    HealthRoundClient anyone = client(ChainFixture.account(20));
    anyone.open();
    long openBlock = anyone.latestRound().orElseThrow().openBlock();
    mineUntilNextTxIn(openBlock + h - 1);
    assertThatThrownBy(anyone::open)
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("the previous round opened less than h blocks ago");
    assertThat(anyone.latestRound().orElseThrow().number()).isEqualTo(1);
    anyone.open(); // now exactly h blocks later
    assertThat(anyone.latestRound().orElseThrow().openBlock()).isEqualTo(openBlock + h);

    // Everybody but one withdraws (after the locks end): one node is not enough.
    chain.increaseTime(Duration.ofDays(61));
    List<NodeAddress> nodes = new ArrayList<>(operatorOfNode.keySet());
    for (NodeAddress n : nodes.subList(1, NODES)) {
      Chain.send(fx.staking(operatorOfNode.get(n)).withdraw(stakeOfNode.get(n)));
    }
    mineUntilNextTxIn(openBlock + 2 * h);
    assertThatThrownBy(anyone::open)
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("not enough nodes");
    assertThat(anyone.latestRound().orElseThrow().number()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- commit and reveal

  @Test
  void onlyTheRoundsCheckersCommitOnceAndOnlyInTheCommitPhase() throws Exception {
    Round r = openRound();
    HealthRoundClient first = client(operatorOfNode.get(r.checkers().get(0)));
    HealthRoundClient second = client(operatorOfNode.get(r.checkers().get(1)));
    HealthRoundClient checkedOne = client(operatorOfNode.get(r.checked().get(0)));
    HealthRoundClient outsider = client(ChainFixture.account(20));
    byte[] salt = salt(1);
    BitSet none = new BitSet();

    assertThatThrownBy(() -> checkedOne.commit(1, none, salt))
        .hasMessageContaining("only the round's checkers vote");
    assertThatThrownBy(() -> outsider.commit(1, none, salt))
        .hasMessageContaining("only the round's checkers vote");
    assertThatThrownBy(() -> first.commit(2, none, salt)).hasMessageContaining("no such round");
    assertThatThrownBy(
            () ->
                Chain.send(
                    fx.health(operatorOfNode.get(r.checkers().get(0)))
                        .commit(BigInteger.ONE, new byte[32])))
        .hasMessageContaining("empty commitment");
    assertThat(first.ballot(1, first.sender())).isEqualTo(new Ballot(false, false, new BitSet()));

    first.commit(1, none, salt);
    assertThat(first.ballot(1, first.sender())).isEqualTo(new Ballot(true, false, new BitSet()));
    assertThatThrownBy(() -> first.commit(1, bits(0), salt(2)))
        .hasMessageContaining("already committed");

    mineUntilNextTxIn(r.openBlock() + h / 2); // the reveal phase
    assertThatThrownBy(() -> second.commit(1, none, salt))
        .hasMessageContaining("not the commit phase");
    assertThat(second.ballot(1, second.sender()).committed()).isFalse();
    first.reveal(1, none, salt); // the first commitment stood
    assertThat(first.ballot(1, first.sender())).isEqualTo(new Ballot(true, true, new BitSet()));
  }

  @Test
  void aRevealMustOpenTheCommitmentInTheRevealPhase() throws Exception {
    Round r = openRound();
    HealthRoundClient a = client(operatorOfNode.get(r.checkers().get(0)));
    HealthRoundClient b = client(operatorOfNode.get(r.checkers().get(1)));
    HealthRoundClient c = client(operatorOfNode.get(r.checkers().get(2)));
    a.commit(1, bits(0, 2), salt(1));
    c.commit(1, bits(1), salt(3));
    assertThatThrownBy(() -> a.reveal(1, bits(0, 2), salt(1)))
        .hasMessageContaining("not the reveal phase");

    mineUntilNextTxIn(r.openBlock() + h / 2);
    assertThatThrownBy(() -> a.reveal(1, bits(0, 2), salt(9)))
        .hasMessageContaining("the reveal does not match the commitment");
    assertThatThrownBy(() -> a.reveal(1, bits(0), salt(1)))
        .hasMessageContaining("the reveal does not match the commitment");
    int k = r.checked().size();
    assertThatThrownBy(() -> a.reveal(1, bits(0, k), salt(1)))
        .hasMessageContaining("verdict bits beyond the checked nodes");
    assertThatThrownBy(() -> b.reveal(1, new BitSet(), salt(2)))
        .hasMessageContaining("nothing committed");
    assertThat(a.ballot(1, a.sender()))
        .isEqualTo(new Ballot(true, false, new BitSet())); // nothing half-done

    a.reveal(1, bits(0, 2), salt(1));
    assertThat(a.ballot(1, a.sender())).isEqualTo(new Ballot(true, true, bits(0, 2)));
    assertThatThrownBy(() -> a.reveal(1, bits(0, 2), salt(1)))
        .hasMessageContaining("already revealed");

    mineUntilNextTxIn(r.openBlock() + h); // too late for c
    assertThatThrownBy(() -> c.reveal(1, bits(1), salt(3)))
        .hasMessageContaining("not the reveal phase");
    assertThat(c.ballot(1, c.sender()).revealed()).isFalse();
  }

  @Test
  void aRoundClosesOnceAfterTheRevealPhase() throws Exception {
    Round r = openRound();
    HealthRoundClient anyone = client(ChainFixture.account(20));
    assertThatThrownBy(() -> anyone.close(1)).hasMessageContaining("the round is not over");
    mineUntilNextTxIn(r.openBlock() + h - 1); // last block of the reveal phase
    assertThatThrownBy(() -> anyone.close(1)).hasMessageContaining("the round is not over");
    assertThatThrownBy(() -> anyone.verdicts(1)).hasMessageContaining("the round is not closed");
    assertThat(anyone.phase(1)).isEqualTo(HealthRoundClient.Phase.REVEAL); // as of the latest block

    TransactionReceipt closed = anyone.close(1);
    assertThat(closed.getBlockNumber().longValueExact()).isEqualTo(r.openBlock() + h);
    assertThat(anyone.phase(1)).isEqualTo(HealthRoundClient.Phase.CLOSED);
    assertThat(anyone.verdicts(1).values())
        .containsOnly(Verdict.HEALTHY)
        .hasSize(r.checked().size());
    assertThatThrownBy(() -> anyone.close(1)).hasMessageContaining("the round is already closed");
    assertThatThrownBy(() -> anyone.close(2)).hasMessageContaining("no such round");
  }

  // ---------------------------------------------------------------- outcomes and payments

  @Test
  void aDishonestMinorityLosesAndOnlyTheMajorityIsPaid() throws Exception {
    Round r = openRound();
    List<NodeAddress> byStake = byStake(r.checkers());
    NodeAddress liar = byStake.get(0); // the smallest stake: outweighed by the others together
    NodeAddress victim = r.checked().get(0);
    Chain.send(fx.staking(ChainFixture.account(20)).catchUp()); // so healthPool() is exact below
    Map<NodeAddress, BigInteger> before = earnedOf(union(r.checkers(), r.checked()));

    Map<NodeAddress, BitSet> votes = new LinkedHashMap<>();
    for (NodeAddress c : r.checkers()) {
      votes.put(c, c.equals(liar) ? bits(0) : new BitSet());
    }
    BigInteger pool = Chain.call(fx.staking(ChainFixture.account(20)).healthPool());
    TransactionReceipt closed = vote(r, votes, votes.keySet());

    assertThat(client(ChainFixture.account(20)).verdicts(1).values()).containsOnly(Verdict.HEALTHY);
    HealthRounds.VerdictEventResponse v = HealthRounds.getVerdictEvents(closed).get(0);
    assertThat(v.node).isEqualToIgnoringCase(victim.toHex());
    assertThat(v.weightUnhealthy).isEqualTo(stakeOfNode.get(liar));
    assertThat(v.weightHealthy).isEqualTo(sum(byStake.subList(1, byStake.size())));

    List<NodeAddress> majority = byStake.subList(1, byStake.size());
    Map<NodeAddress, BigInteger> after = earnedOf(union(r.checkers(), r.checked()));
    assertPaid(before, after, majority, pool);
    assertThat(after.get(liar)).isEqualTo(before.get(liar));
    for (NodeAddress n : r.checked()) {
      assertThat(after.get(n))
          .as("a healthy checked node keeps its reward")
          .isEqualTo(before.get(n));
    }
  }

  @Test
  void anHonestMajorityMarksANodeUnhealthyWhichForfeitsItsRewardToTheAgreeingCheckers()
      throws Exception {
    Round r = openRound();
    assertThat(r.checkers()).hasSize(5);
    List<NodeAddress> byStake = byStake(r.checkers());
    NodeAddress dissenter = byStake.get(0);
    NodeAddress silent = byStake.get(1); // commits, never reveals
    List<NodeAddress> majority = byStake.subList(2, 5);
    NodeAddress down = r.checked().get(1);
    Chain.send(fx.staking(ChainFixture.account(20)).catchUp());
    Map<NodeAddress, BigInteger> before = earnedOf(union(r.checkers(), r.checked()));
    assertThat(before.get(down)).as("three days of rewards").isPositive();

    Map<NodeAddress, BitSet> votes = new LinkedHashMap<>();
    for (NodeAddress c : r.checkers()) {
      votes.put(c, c.equals(dissenter) ? new BitSet() : bits(1));
    }
    BigInteger pool = Chain.call(fx.staking(ChainFixture.account(20)).healthPool());
    List<NodeAddress> revealers = r.checkers().stream().filter(c -> !c.equals(silent)).toList();
    TransactionReceipt closed = vote(r, votes, revealers);

    Map<NodeAddress, Verdict> verdicts = client(ChainFixture.account(20)).verdicts(1);
    for (NodeAddress n : r.checked()) {
      assertThat(verdicts.get(n)).isEqualTo(n.equals(down) ? Verdict.UNHEALTHY : Verdict.HEALTHY);
    }
    HealthRounds.VerdictEventResponse v = HealthRounds.getVerdictEvents(closed).get(1);
    assertThat(v.unhealthy).isTrue();
    assertThat(v.weightUnhealthy).isEqualTo(sum(majority));
    assertThat(v.weightHealthy).isEqualTo(stakeOfNode.get(dissenter));
    assertThat(client(ChainFixture.account(20)).ballot(1, operatorOfNode.get(silent).getAddress()))
        .isEqualTo(new Ballot(true, false, new BitSet()));

    Map<NodeAddress, BigInteger> after = earnedOf(union(r.checkers(), r.checked()));
    assertThat(after.get(down)).as("everything earned since its last check is forfeited").isZero();
    assertPaid(before, after, majority, pool.add(before.get(down)));
    assertThat(after.get(dissenter)).isEqualTo(before.get(dissenter));
    assertThat(after.get(silent)).as("a non-revealer gets nothing").isEqualTo(before.get(silent));
    for (NodeAddress n : r.checked()) {
      if (!n.equals(down)) {
        assertThat(after.get(n)).isEqualTo(before.get(n));
      }
    }
  }

  // ---------------------------------------------------------------- the voter

  @Test
  void votersOfAllNodesDriveARoundToItsVerdictSendingFromTheNodesOwnAccounts() throws Exception {
    AtomicReference<NodeAddress> down = new AtomicReference<>();
    Map<NodeAddress, HealthVoter> voters = new LinkedHashMap<>();
    for (NodeAddress node :
        operatorOfNode.keySet()) { // as node processes do: they never send as their operators
      voters.put(
          node, new HealthVoter(client(accountOfNode.get(node)), node, n -> !n.equals(down.get())));
    }
    HealthRoundClient observer = client(ChainFixture.account(20));
    Map<NodeAddress, List<Step>> done = new HashMap<>();
    boolean closed = false;
    for (int tick = 0; tick < 2 * h && !closed; tick++) {
      for (Map.Entry<NodeAddress, HealthVoter> e : voters.entrySet()) {
        Step s = e.getValue().step();
        if (s.action() == Action.IDLE) {
          continue;
        }
        done.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(s);
        if (s.action()
            == Action.OPENED) { // the peers' own checks find the round's first checked node down
          down.set(observer.round(s.round()).checked().get(0));
        }
        if (s.action() == Action.CLOSED) {
          closed = true; // the next voter would rightly open round 2: stop here
          break;
        }
      }
      chain.mine(1);
    }

    assertThat(closed).isTrue();
    Round r = observer.round(1);
    List<Step> all = done.values().stream().flatMap(List::stream).toList();
    assertThat(all)
        .filteredOn(s -> s.action() == Action.OPENED)
        .containsExactly(new Step(Action.OPENED, 1));
    assertThat(all)
        .filteredOn(s -> s.action() == Action.CLOSED)
        .containsExactly(new Step(Action.CLOSED, 1));
    for (NodeAddress c : r.checkers()) {
      assertThat(done.get(c))
          .filteredOn(s -> s.action() == Action.COMMITTED || s.action() == Action.REVEALED)
          .containsExactly(new Step(Action.COMMITTED, 1), new Step(Action.REVEALED, 1));
      // Seated as its operator's ballot: the contract maps the node's address to its operator,
      // either names it.
      assertThat(observer.ballot(1, operatorOfNode.get(c).getAddress()))
          .isEqualTo(new Ballot(true, true, bits(0)));
      assertThat(observer.ballot(1, c.toHex())).isEqualTo(new Ballot(true, true, bits(0)));
    }
    assertThat(all).filteredOn(s -> s.action() == Action.COMMITTED).hasSize(r.checkers().size());
    Map<NodeAddress, Verdict> verdicts = observer.verdicts(1);
    assertThat(verdicts.get(down.get())).isEqualTo(Verdict.UNHEALTHY);
    assertThat(verdicts).hasSize(r.checked().size());
    assertThat(verdicts.values()).filteredOn(v -> v == Verdict.UNHEALTHY).hasSize(1);
  }

  // ---------------------------------------------------------------- helpers

  static HealthRoundClient client(Credentials operator) {
    return new HealthRoundClient(chain, fx.deployment(), operator);
  }

  static Round openRound() throws ChainException {
    HealthRoundClient anyone = client(ChainFixture.account(20));
    anyone.open();
    return anyone.latestRound().orElseThrow();
  }

  /**
   * Mines empty blocks so that the next transaction is mined in {@code block} (one block per
   * transaction).
   */
  static void mineUntilNextTxIn(long block) throws ChainException {
    long missing = block - 1 - chain.blockNumber();
    assertThat(missing).as("already past block " + block).isGreaterThanOrEqualTo(0);
    chain.mine((int) missing);
  }

  /**
   * Commits every checker's vote, reveals those of {@code revealers}, closes; returns the close
   * receipt.
   */
  static TransactionReceipt vote(
      Round r, Map<NodeAddress, BitSet> votes, Iterable<NodeAddress> revealers)
      throws ChainException {
    for (Map.Entry<NodeAddress, BitSet> e : votes.entrySet()) {
      client(operatorOfNode.get(e.getKey())).commit(r.number(), e.getValue(), saltOf(e.getKey()));
    }
    mineUntilNextTxIn(r.openBlock() + h / 2);
    for (NodeAddress c : revealers) {
      client(operatorOfNode.get(c)).reveal(r.number(), votes.get(c), saltOf(c));
    }
    mineUntilNextTxIn(r.openBlock() + h);
    return client(ChainFixture.account(20)).close(r.number());
  }

  /**
   * Each majority checker's unclaimed reward rose by exactly its stake's share of the pool (rounded
   * down).
   */
  static void assertPaid(
      Map<NodeAddress, BigInteger> before,
      Map<NodeAddress, BigInteger> after,
      List<NodeAddress> majority,
      BigInteger pool) {
    BigInteger weight = sum(majority);
    assertThat(pool).isPositive();
    for (NodeAddress m : majority) {
      BigInteger share = pool.multiply(stakeOfNode.get(m)).divide(weight);
      assertThat(after.get(m).subtract(before.get(m))).as("share of " + m).isEqualTo(share);
    }
  }

  static void assertSelection(Round r, List<NodeAddress> eligible, int k) throws Exception {
    byte[] seed = blockHash(r.openBlock() - 1);
    BigInteger low160 = BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);
    BigInteger target1 = new BigInteger(1, seed).and(low160);
    BigInteger target2 = new BigInteger(1, Hash.sha3(seed)).and(low160);
    List<NodeAddress> checked = closest(eligible, target1).subList(0, k);
    List<NodeAddress> rest = eligible.stream().filter(n -> !checked.contains(n)).toList();
    List<NodeAddress> checkers = closest(rest, target2).subList(0, Math.min(k, rest.size()));
    assertThat(r.checked()).containsExactlyElementsOf(checked);
    assertThat(r.checkers()).containsExactlyElementsOf(checkers);
  }

  /** Sorted by Hamming distance of the address to {@code target}, ties by address. */
  static List<NodeAddress> closest(List<NodeAddress> nodes, BigInteger target) {
    return nodes.stream()
        .sorted(
            Comparator.<NodeAddress>comparingInt(
                    n -> new BigInteger(1, n.toBytes()).xor(target).bitCount())
                .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  static byte[] blockHash(long number) throws Exception {
    return Numeric.hexStringToByteArray(
        chain
            .web3j()
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
            .send()
            .getBlock()
            .getHash());
  }

  static Map<NodeAddress, BigInteger> earnedOf(List<NodeAddress> nodes) throws ChainException {
    StakingEscrow staking = fx.staking(ChainFixture.account(20));
    Map<NodeAddress, BigInteger> out = new HashMap<>();
    for (NodeAddress n : nodes) {
      out.put(n, Chain.call(staking.earned(operatorOfNode.get(n).getAddress())));
    }
    return out;
  }

  static List<NodeAddress> byStake(List<NodeAddress> nodes) {
    return nodes.stream().sorted(Comparator.comparing(stakeOfNode::get)).toList();
  }

  static BigInteger sum(List<NodeAddress> nodes) {
    return nodes.stream().map(stakeOfNode::get).reduce(BigInteger.ZERO, BigInteger::add);
  }

  static List<NodeAddress> union(List<NodeAddress> a, List<NodeAddress> b) {
    List<NodeAddress> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static List<String> hex(List<NodeAddress> nodes) {
    return nodes.stream().map(NodeAddress::toHex).toList();
  }

  static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  static byte[] salt(int tag) {
    byte[] s = new byte[32];
    s[31] = (byte) tag;
    s[0] = 0x5a;
    return s;
  }

  static byte[] saltOf(NodeAddress checker) {
    return Hash.sha3(checker.toBytes());
  }
}
