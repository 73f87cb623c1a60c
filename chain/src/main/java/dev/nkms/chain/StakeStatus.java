package dev.nkms.chain;

import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator's stake as the chain saw it in one block. Amounts in the token's smallest unit.
 *
 * @param node the node the stake is bound to (empty before the first deposit)
 * @param amount tokens staked
 * @param lockedUntil when the stake may be withdrawn ({@link Instant#EPOCH} if never locked)
 * @param earned rewards not yet claimed (including time not yet brought up to date on chain)
 * @param tokenBalance the operator's free token balance
 */
public record StakeStatus(
    Optional<NodeAddress> node,
    BigInteger amount,
    Instant lockedUntil,
    BigInteger earned,
    BigInteger tokenBalance) {
  public StakeStatus {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    for (BigInteger v : new BigInteger[] {amount, earned, tokenBalance}) {
      if (Objects.requireNonNull(v).signum() < 0) {
        throw new IllegalArgumentException("a token amount cannot be negative: " + v);
      }
    }
  }
}
