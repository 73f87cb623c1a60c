package dev.nkms.chain;

import dev.nkms.chain.contracts.PolicyManager;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Policy payments on chain for one account: Alice pays and revokes, a node (or its operator)
 * withdraws fees to the operator, anyone challenges a leaked kfrag, and a node checks that a kfrag
 * it is handed was paid for.
 */
public final class PolicyPayments {
  private final PolicyManager contract;

  public PolicyPayments(Chain chain, Deployment d, Credentials account) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(d, "deployment");
    Objects.requireNonNull(account, "account");
    this.contract = chain.load(PolicyManager::load, d.policies(), account);
  }

  /**
   * A node's arrangement in a policy, as the chain sees it now.
   *
   * @param owner the account that paid (Alice's Ethereum account)
   * @param share the node's part of the fee in wei
   * @param kfragHash keccak256 of the kfrag the owner registered for this node
   * @param keysHash {@link #keysHash} of the policy's terms
   * @param active not revoked, not challenged, not ended
   */
  public record Arrangement(
      String owner,
      Instant start,
      Instant end,
      BigInteger share,
      byte[] kfragHash,
      byte[] keysHash,
      boolean active) {
    public Arrangement {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(share, "share");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("an arrangement ends after it starts");
      }
      if (share.signum() <= 0) {
        throw new IllegalArgumentException("a share is positive");
      }
      kfragHash = hash32(kfragHash, "kfragHash");
      keysHash = hash32(keysHash, "keysHash");
    }

    @Override
    public byte[] kfragHash() {
      return kfragHash.clone();
    }

    @Override
    public byte[] keysHash() {
      return keysHash.clone();
    }

    private static byte[] hash32(byte[] h, String name) {
      if (h == null || h.length != 32) {
        throw new IllegalArgumentException(name + " must be 32 bytes");
      }
      return h.clone();
    }
  }

  /**
   * Creates and pays policy {@code hrac} until {@code end}: {@code feeWei} split over {@code
   * nodes}, node j holding {@code kfrags.get(j)} (the serialized kfrag; only its keccak256 goes on
   * chain).
   */
  public TransactionReceipt pay(
      Hrac hrac,
      Instant end,
      List<NodeAddress> nodes,
      List<byte[]> kfrags,
      PublicKey aliceVerifying,
      PublicKey policyKey,
      PublicKey bobEncrypting,
      BigInteger feeWei)
      throws ChainException {
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(feeWei, "feeWei");
    if (nodes.isEmpty() || nodes.size() > 255) {
      throw new IllegalArgumentException("a policy has 1 to 255 nodes, not " + nodes.size());
    }
    if (kfrags.size() != nodes.size()) {
      throw new IllegalArgumentException(
          "one kfrag per node: " + kfrags.size() + " kfrags, " + nodes.size() + " nodes");
    }
    if (feeWei.signum() <= 0) {
      throw new IllegalArgumentException("the fee must be positive");
    }
    List<String> addresses = new ArrayList<>(nodes.size());
    List<byte[]> hashes = new ArrayList<>(kfrags.size());
    for (int j = 0; j < nodes.size(); j++) {
      if (kfrags.get(j).length != KeyFrag.SERIALIZED_LENGTH) {
        throw new IllegalArgumentException(
            "kfrag "
                + j
                + " is "
                + kfrags.get(j).length
                + " bytes, not "
                + KeyFrag.SERIALIZED_LENGTH);
      }
      addresses.add(nodes.get(j).toHex());
      hashes.add(kfragHash(kfrags.get(j)));
    }
    return Chain.send(
        contract.createPolicy(
            hrac.toBytes(),
            BigInteger.valueOf(end.getEpochSecond()),
            addresses,
            hashes,
            keysHash(aliceVerifying, policyKey, bobEncrypting),
            feeWei));
  }

  /** Revokes the policy (owner only, while active); returns the refund in wei. */
  public BigInteger revoke(Hrac hrac) throws ChainException {
    TransactionReceipt r = Chain.send(contract.revoke(hrac.toBytes()));
    return PolicyManager.getPolicyRevokedEvents(r).get(0).refund;
  }

  /**
   * Withdraws, as a node or its operator, the node's fees accrued on {@code hracs}; they are paid
   * to the operator. Returns the amount in wei.
   */
  public BigInteger withdrawFees(List<Hrac> hracs) throws ChainException {
    if (hracs.isEmpty()) {
      throw new IllegalArgumentException("no policies listed");
    }
    List<byte[]> ids = hracs.stream().map(Hrac::toBytes).toList();
    TransactionReceipt r = Chain.send(contract.withdrawFees(ids));
    return PolicyManager.getFeesWithdrawnEvents(r).get(0).amount;
  }

  /** The node's fee for the arrangement through the latest block (withdrawn or not), in wei. */
  public BigInteger accrued(Hrac hrac, NodeAddress node) throws ChainException {
    return Chain.call(contract.accrued(hrac.toBytes(), node.toHex()));
  }

  /**
   * A node's fee in one policy as the contract counts it: accrued so far, withdrawn, and whether it
   * still runs.
   */
  public record NodeFees(BigInteger accrued, BigInteger paid, boolean active) {
    public BigInteger owed() {
      return accrued.subtract(paid);
    }

    /**
     * Nothing more will ever be owed: the arrangement ended (expired, revoked or challenged) and
     * was paid out.
     */
    public boolean settled() {
      return !active && owed().signum() <= 0;
    }
  }

  /** {@code node}'s fee in {@code hrac} (all zero and inactive if the policy does not name it). */
  public NodeFees fees(Hrac hrac, NodeAddress node) throws ChainException {
    var a = Chain.call(contract.arrangement(hrac.toBytes(), node.toHex()));
    return new NodeFees(accrued(hrac, node), a.component3(), a.component5());
  }

  /** Proves that {@code node} leaked its kfrag of {@code hrac} by revealing it. */
  public TransactionReceipt challengeLeakedKey(Hrac hrac, NodeAddress node, byte[] kfrag)
      throws ChainException {
    return Chain.send(contract.challengeLeakedKey(hrac.toBytes(), node.toHex(), kfrag.clone()));
  }

  /** The node's arrangement in the policy, or empty if the policy does not name it. */
  public Optional<Arrangement> arrangement(Hrac hrac, NodeAddress node) throws ChainException {
    var a = Chain.call(contract.arrangement(hrac.toBytes(), node.toHex()));
    if (Arrays.equals(a.component1(), new byte[32])) {
      return Optional.empty();
    }
    // The policy's owner, times and keys hash never change once it exists, so a second read is
    // consistent.
    var p = Chain.call(contract.policy(hrac.toBytes()));
    return Optional.of(
        new Arrangement(
            p.component1(),
            Instant.ofEpochSecond(p.component2().longValueExact()),
            Instant.ofEpochSecond(p.component3().longValueExact()),
            a.component2(),
            a.component1(),
            p.component7(),
            a.component5()));
  }

  /**
   * Whether the node holding {@code kfrag} for these terms is paid: the arrangement exists and is
   * active, the registered kfrag hash is this kfrag's and the registered keys are these. A node
   * refuses a kfrag otherwise.
   */
  public boolean paidFor(
      Hrac hrac,
      NodeAddress node,
      byte[] kfrag,
      PublicKey alice,
      PublicKey policyKey,
      PublicKey bob)
      throws ChainException {
    Optional<Arrangement> a = arrangement(hrac, node);
    return a.isPresent()
        && a.get().active()
        && Arrays.equals(a.get().kfragHash(), kfragHash(kfrag))
        && Arrays.equals(a.get().keysHash(), keysHash(alice, policyKey, bob));
  }

  /**
   * Alice's verifying key ‖ policy public key ‖ Bob's encrypting key, 33-byte compressed each (99
   * bytes).
   */
  public static byte[] keys(
      PublicKey aliceVerifying, PublicKey policyKey, PublicKey bobEncrypting) {
    return org.bouncycastle.util.Arrays.concatenate(
        aliceVerifying.toCompressedBytes(),
        policyKey.toCompressedBytes(),
        bobEncrypting.toCompressedBytes());
  }

  /**
   * keccak256 of {@link #keys}: what a policy records, and what evidence against its nodes must
   * match.
   */
  public static byte[] keysHash(
      PublicKey aliceVerifying, PublicKey policyKey, PublicKey bobEncrypting) {
    return Hash.sha3(keys(aliceVerifying, policyKey, bobEncrypting));
  }

  /** keccak256 of the serialized kfrag. */
  public static byte[] kfragHash(byte[] kfrag) {
    return Hash.sha3(kfrag);
  }
}
