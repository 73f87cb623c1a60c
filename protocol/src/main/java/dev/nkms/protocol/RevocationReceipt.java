package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;

/**
 * A node's signed statement that it deleted its kfrag for a policy and will refuse it from now on.
 */
public final class RevocationReceipt {
  public static final String BRAND = "RvRc";
  private static final String PURPOSE = "revocation-receipt";

  private final HracStatement statement;

  private RevocationReceipt(HracStatement statement) {
    this.statement = statement;
  }

  public static RevocationReceipt sign(
      Hrac hrac, NodeAddress node, Instant revokedAt, Signer nodeSigner, RandomSource random) {
    return new RevocationReceipt(
        HracStatement.sign(BRAND, PURPOSE, hrac, node, revokedAt, nodeSigner, random));
  }

  public static RevocationReceipt fromBytes(byte[] bytes) throws WireFormatException {
    return new RevocationReceipt(HracStatement.fromBytes(BRAND, "receipt", "revoked_at", bytes));
  }

  public boolean isSignedBy(PublicKey nodeVerifyingKey) {
    return statement.isSignedBy(nodeVerifyingKey, PURPOSE);
  }

  public Hrac hrac() {
    return statement.hrac;
  }

  public NodeAddress node() {
    return statement.node;
  }

  public Instant revokedAt() {
    return statement.at();
  }

  public byte[] toBytes() {
    return statement.bytes.clone();
  }
}
