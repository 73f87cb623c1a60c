package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;

/** A node's signed statement that it deleted its kfrag for a policy and will refuse it from now on. */
public final class RevocationReceipt {
  public static final String BRAND = "RvRc";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  static final int MAX_SIZE = 512;
  private static final String PURPOSE = "revocation-receipt";

  private final Hrac hrac;
  private final NodeAddress node;
  private final long revokedAt;
  private final Signature signature;
  private final byte[] payload;
  private final byte[] bytes;

  private RevocationReceipt(Hrac hrac, NodeAddress node, long revokedAt, Signature signature, byte[] payload,
      byte[] bytes) {
    this.hrac = hrac;
    this.node = node;
    this.revokedAt = revokedAt;
    this.signature = signature;
    this.payload = payload;
    this.bytes = bytes;
  }

  public static RevocationReceipt sign(Hrac hrac, NodeAddress node, Instant revokedAt, Signer nodeSigner,
      RandomSource random) {
    byte[] payload = new MsgpackWriter().array(3).bin(hrac.toBytes()).bin(node.toBytes())
        .uint(revokedAt.getEpochSecond()).toBytes();
    Signature sig = Signing.sign(nodeSigner, PURPOSE, payload, random);
    return new RevocationReceipt(hrac, node, revokedAt.getEpochSecond(), sig, payload,
        SignedEnvelope.encode(BRAND, MAJOR, MINOR, payload, sig));
  }

  public static RevocationReceipt fromBytes(byte[] bytes) throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    MsgpackReader r = env.payloadReader(BRAND);
    r.struct(3, "receipt");
    Hrac hrac = Hrac.read(r, "hrac");
    NodeAddress node = NodeAddress.read(r, "node");
    long at = r.epochSeconds("revoked_at");
    r.end();
    return new RevocationReceipt(hrac, node, at, env.signature, env.payload, bytes.clone());
  }

  public boolean isSignedBy(PublicKey nodeVerifyingKey) {
    return Signing.verify(signature, nodeVerifyingKey, PURPOSE, payload);
  }

  public Hrac hrac() {
    return hrac;
  }

  public NodeAddress node() {
    return node;
  }

  public Instant revokedAt() {
    return Instant.ofEpochSecond(revokedAt);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }
}
