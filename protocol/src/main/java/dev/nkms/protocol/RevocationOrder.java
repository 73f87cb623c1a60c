package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;

/** Alice tells one node to delete its kfrag for a policy. The node checks the signer is the policy's Alice. */
public final class RevocationOrder {
  public static final String BRAND = "Revo";
  private static final String PURPOSE = "revocation-order";

  private final HracStatement statement;

  private RevocationOrder(HracStatement statement) {
    this.statement = statement;
  }

  public static RevocationOrder sign(Hrac hrac, NodeAddress node, Instant issuedAt, Signer alice,
      RandomSource random) {
    return new RevocationOrder(HracStatement.sign(BRAND, PURPOSE, hrac, node, issuedAt, alice, random));
  }

  public static RevocationOrder fromBytes(byte[] bytes) throws WireFormatException {
    return new RevocationOrder(HracStatement.fromBytes(BRAND, "order", "issued_at", bytes));
  }

  public boolean isSignedBy(PublicKey aliceVerifyingKey) {
    return statement.isSignedBy(aliceVerifyingKey, PURPOSE);
  }

  public Hrac hrac() {
    return statement.hrac;
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
