package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;

/** Alice tells one node to delete its kfrag for a policy. The node checks the signer is the policy's Alice. */
public final class RevocationOrder {
  public static final String BRAND = "Revo";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  static final int MAX_SIZE = 512;
  private static final String PURPOSE = "revocation-order";

  private final Hrac hrac;
  private final NodeAddress node;
  private final long issuedAt;
  private final Signature signature;
  private final byte[] payload;
  private final byte[] bytes;

  private RevocationOrder(Hrac hrac, NodeAddress node, long issuedAt, Signature signature, byte[] payload,
      byte[] bytes) {
    this.hrac = hrac;
    this.node = node;
    this.issuedAt = issuedAt;
    this.signature = signature;
    this.payload = payload;
    this.bytes = bytes;
  }

  public static RevocationOrder sign(Hrac hrac, NodeAddress node, Instant issuedAt, Signer alice,
      RandomSource random) {
    byte[] payload = new MsgpackWriter().array(3).bin(hrac.toBytes()).bin(node.toBytes())
        .uint(issuedAt.getEpochSecond()).toBytes();
    Signature sig = Signing.sign(alice, PURPOSE, payload, random);
    return new RevocationOrder(hrac, node, issuedAt.getEpochSecond(), sig, payload,
        SignedEnvelope.encode(BRAND, MAJOR, MINOR, payload, sig));
  }

  public static RevocationOrder fromBytes(byte[] bytes) throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    MsgpackReader r = env.payloadReader(BRAND);
    r.struct(3, "order");
    Hrac hrac = Hrac.read(r, "hrac");
    NodeAddress node = NodeAddress.read(r, "node");
    long at = r.epochSeconds("issued_at");
    r.end();
    return new RevocationOrder(hrac, node, at, env.signature, env.payload, bytes.clone());
  }

  public boolean isSignedBy(PublicKey aliceVerifyingKey) {
    return Signing.verify(signature, aliceVerifyingKey, PURPOSE, payload);
  }

  public Hrac hrac() {
    return hrac;
  }

  public NodeAddress node() {
    return node;
  }

  public Instant issuedAt() {
    return Instant.ofEpochSecond(issuedAt);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }
}
