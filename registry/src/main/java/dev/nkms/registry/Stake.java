package dev.nkms.registry;

import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One node's stake as a registry records it: who owns it (operator), which node identity it backs,
 * how much (in the token's smallest unit), and until when it is locked.
 */
public record Stake(
    OperatorAddress operator, NodeAddress node, BigInteger amount, Instant lockedUntil) {
  public Stake {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(lockedUntil, "lockedUntil");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a stake cannot be negative: " + amount);
    }
  }

  /**
   * Whether this stake makes its node eligible for a policy that runs until {@code through}: at
   * least {@code minimum} tokens, locked at least that long (so the collateral outlives the
   * policy).
   */
  public boolean eligible(BigInteger minimum, Instant through) {
    return amount.compareTo(minimum) >= 0 && !lockedUntil.isBefore(through);
  }
}
