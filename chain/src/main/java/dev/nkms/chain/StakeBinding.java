package dev.nkms.chain;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.Signing;
import java.nio.ByteBuffer;
import org.web3j.utils.Numeric;

/**
 * The node's consent to back an operator's stake: its protocol key signs {@code
 * "nkms/stake-binding\0" ‖ chain id (32 bytes) ‖ staking contract (20) ‖ operator (20)}, which
 * {@code StakingEscrow.deposit} checks with ecrecover, so nobody can bind a node they do not run.
 */
public final class StakeBinding {
  public static final String PURPOSE = "stake-binding";

  private StakeBinding() {}

  public static byte[] payload(long chainId, String stakingContract, String operator) {
    return ByteBuffer.allocate(72)
        .put(Numeric.toBytesPadded(java.math.BigInteger.valueOf(chainId), 32))
        .put(Numeric.hexStringToByteArray(stakingContract))
        .put(Numeric.hexStringToByteArray(operator))
        .array();
  }

  /** r ‖ s of the node's binding signature. */
  public static byte[] sign(Signer node, long chainId, String stakingContract, String operator) {
    return Signing.sign(
            node, PURPOSE, payload(chainId, stakingContract, operator), RandomSource.secure())
        .toBEBytes();
  }
}
