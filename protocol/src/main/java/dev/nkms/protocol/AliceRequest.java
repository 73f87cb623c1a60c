package dev.nkms.protocol;

import dev.nkms.crypto.keys.PublicKey;
import java.time.Instant;

/**
 * What Alice sends a node about one of her policies — a {@link RevocationOrder} or a {@link
 * PolicyStatusQuery}: an {@link AliceStatement} under its own brand and purpose, so that neither
 * ever passes for the other. A node answers only an authentic one ({@link #isAuthentic}), whatever
 * it holds.
 */
public abstract sealed class AliceRequest permits RevocationOrder, PolicyStatusQuery {
  private final AliceStatement statement;
  private final String purpose;

  AliceRequest(AliceStatement statement, String purpose) {
    this.statement = statement;
    this.purpose = purpose;
  }

  /**
   * True iff the hrac is the one {@link #aliceVerifyingKey()} derives with {@link #nonce()} and the
   * signature verifies under that key: the request comes from the policy's own Alice.
   */
  public boolean isAuthentic() {
    return statement.isAuthentic(purpose);
  }

  public Hrac hrac() {
    return statement.hrac;
  }

  public byte[] nonce() {
    return statement.nonce.clone();
  }

  public PublicKey aliceVerifyingKey() {
    return statement.alice;
  }

  public NodeAddress node() {
    return statement.node;
  }

  public Instant issuedAt() {
    return statement.at();
  }

  public byte[] toBytes() {
    return statement.bytes.clone();
  }
}
