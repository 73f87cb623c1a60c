package dev.nkms.chain;

import dev.nkms.chain.contracts.HealthRounds;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple5;
import org.web3j.utils.Numeric;

/**
 * The health-check rounds contract as seen by one account (a node or an operator): open and close
 * rounds, commit and reveal verdicts (bit i of a verdict set = the round's {@code checked.get(i)}
 * is unhealthy), read rounds and their outcome.
 */
public final class HealthRoundClient {
  /** Verdict bitmaps are one 256-bit word on chain. */
  public static final int MAX_CHECKED = 256;

  public static final int SALT_LENGTH = 32;

  /**
   * A round's phase; commit and reveal each last h/2 blocks from the opening block, closing is
   * possible after h.
   */
  public enum Phase {
    COMMIT,
    REVEAL,
    CLOSABLE,
    CLOSED
  }

  public enum Verdict {
    HEALTHY,
    UNHEALTHY
  }

  /** A round as opened: bit i of every verdict refers to {@code checked.get(i)}. */
  public record Round(
      long number, long openBlock, List<NodeAddress> checked, List<NodeAddress> checkers) {
    public Round {
      if (number < 1 || openBlock < 0) {
        throw new IllegalArgumentException("rounds are numbered from 1 and open at a block >= 0");
      }
      checked = List.copyOf(checked);
      checkers = List.copyOf(checkers);
      if (checked.isEmpty() || checked.size() > MAX_CHECKED) {
        throw new IllegalArgumentException(
            "a round checks 1.." + MAX_CHECKED + " nodes, not " + checked.size());
      }
    }

    /**
     * The phase a transaction mined in {@code block} would see, given h (ignores whether it was
     * closed).
     */
    public Phase phaseAt(long block, long roundBlocks) {
      long elapsed = block - openBlock;
      return elapsed < roundBlocks / 2
          ? Phase.COMMIT
          : elapsed < roundBlocks ? Phase.REVEAL : Phase.CLOSABLE;
    }
  }

  /** What an operator did in a round. */
  public record Ballot(boolean committed, boolean revealed, BitSet unhealthy) {
    public Ballot {
      unhealthy = (BitSet) unhealthy.clone();
    }

    @Override
    public BitSet unhealthy() {
      return (BitSet) unhealthy.clone();
    }
  }

  private final Chain chain;
  private final HealthRounds contract;
  private final String sender;
  private volatile long roundBlocks; // immutable on chain, read once

  /**
   * Sends as {@code account}: a node's own account or an operator's (the contract seats either as
   * the checker).
   */
  public HealthRoundClient(Chain chain, Deployment deployment, Credentials account) {
    this.chain = Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(deployment, "deployment");
    this.sender = Objects.requireNonNull(account, "account").getAddress();
    this.contract = chain.load(HealthRounds::load, deployment.healthRounds(), account);
  }

  /** The account this client sends as. */
  public String sender() {
    return sender;
  }

  public long blockNumber() throws ChainException {
    return chain.blockNumber();
  }

  /** h, blocks per round. */
  public long roundBlocks() throws ChainException {
    if (roundBlocks == 0) {
      roundBlocks = Chain.call(contract.roundBlocks()).longValueExact();
    }
    return roundBlocks;
  }

  public TransactionReceipt open() throws ChainException {
    return Chain.send(contract.openRound());
  }

  public Optional<Round> latestRound() throws ChainException {
    long n = Chain.call(contract.latestRound()).longValueExact();
    return n == 0 ? Optional.empty() : Optional.of(round(n));
  }

  public Round round(long number) throws ChainException {
    Tuple5<BigInteger, List<String>, List<String>, List<String>, BigInteger> info =
        Chain.call(contract.roundInfo(BigInteger.valueOf(number)));
    return new Round(
        number,
        info.component1().longValueExact(),
        addresses(info.component2()),
        addresses(info.component3()));
  }

  /**
   * The round's phase as of the latest mined block (CLOSED once someone closed it); the next
   * transaction lands a block later, see {@link Round#phaseAt}.
   */
  public Phase phase(long round) throws ChainException {
    return Phase.values()[
        Chain.call(contract.roundInfo(BigInteger.valueOf(round))).component5().intValueExact()];
  }

  public TransactionReceipt commit(long round, BitSet unhealthy, byte[] salt)
      throws ChainException {
    return Chain.send(
        contract.commit(BigInteger.valueOf(round), commitment(round, sender, unhealthy, salt)));
  }

  public TransactionReceipt reveal(long round, BitSet unhealthy, byte[] salt)
      throws ChainException {
    checkSalt(salt);
    return Chain.send(contract.reveal(BigInteger.valueOf(round), word(unhealthy), salt.clone()));
  }

  public TransactionReceipt close(long round) throws ChainException {
    return Chain.send(contract.closeRound(BigInteger.valueOf(round)));
  }

  /**
   * What the checker {@code who} (a checker node's address or its operator's) committed and
   * revealed.
   */
  public Ballot ballot(long round, String who) throws ChainException {
    Tuple3<Boolean, Boolean, BigInteger> b =
        Chain.call(contract.ballotOf(BigInteger.valueOf(round), who));
    return new Ballot(b.component1(), b.component2(), bits(b.component3()));
  }

  /** The decisions of a closed round, in the order of its checked nodes. */
  public Map<NodeAddress, Verdict> verdicts(long round) throws ChainException {
    BitSet unhealthy = bits(Chain.call(contract.verdictsOf(BigInteger.valueOf(round))));
    List<NodeAddress> checked = round(round).checked();
    Map<NodeAddress, Verdict> out = new LinkedHashMap<>();
    for (int i = 0; i < checked.size(); i++) {
      out.put(checked.get(i), unhealthy.get(i) ? Verdict.UNHEALTHY : Verdict.HEALTHY);
    }
    return out;
  }

  /**
   * keccak256(abi.encode(uint256 round, address sender, uint256 verdicts, bytes32 salt)), as the
   * contract checks.
   */
  public static byte[] commitment(long round, String sender, BitSet unhealthy, byte[] salt) {
    checkSalt(salt);
    byte[] encoded =
        ByteBuffer.allocate(128)
            .put(Numeric.toBytesPadded(BigInteger.valueOf(round), 32))
            .put(Numeric.toBytesPadded(Numeric.toBigInt(sender), 32))
            .put(Numeric.toBytesPadded(word(unhealthy), 32))
            .put(salt)
            .array();
    return Hash.sha3(encoded);
  }

  /** The bitmap as the contract's uint256: bit i ↦ 2^i. */
  static BigInteger word(BitSet unhealthy) {
    if (unhealthy.length() > MAX_CHECKED) {
      throw new IllegalArgumentException("a verdict covers at most " + MAX_CHECKED + " nodes");
    }
    BigInteger w = BigInteger.ZERO;
    for (int i = unhealthy.nextSetBit(0); i >= 0; i = unhealthy.nextSetBit(i + 1)) {
      w = w.setBit(i);
    }
    return w;
  }

  static BitSet bits(BigInteger word) {
    BitSet b = new BitSet();
    for (int i = 0; i < word.bitLength(); i++) {
      if (word.testBit(i)) {
        b.set(i);
      }
    }
    return b;
  }

  private static void checkSalt(byte[] salt) {
    if (salt.length != SALT_LENGTH) {
      throw new IllegalArgumentException("a salt is " + SALT_LENGTH + " bytes, not " + salt.length);
    }
  }

  private static List<NodeAddress> addresses(List<String> hex) {
    return hex.stream().map(h -> NodeAddress.of(Numeric.hexStringToByteArray(h))).toList();
  }
}
