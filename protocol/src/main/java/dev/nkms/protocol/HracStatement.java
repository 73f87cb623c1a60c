package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;

/**
 * A signed statement [hrac, node address, epoch seconds], the shape of a revocation receipt. What
 * it means (and who signs) is the wrapping type's business, told apart by the purpose string.
 * (Revocation orders have their own shape since Revo 2.0: {@link AliceStatement}.)
 */
final class HracStatement {
  static final int MAJOR = 1;
  static final int MINOR = 0;
  static final int MAX_SIZE = 512;

  final Hrac hrac;
  final NodeAddress node;
  final long epochSeconds;
  private final Signature signature;
  private final byte[] payload;
  final byte[] bytes;

  private HracStatement(
      Hrac hrac,
      NodeAddress node,
      long epochSeconds,
      Signature signature,
      byte[] payload,
      byte[] bytes) {
    this.hrac = hrac;
    this.node = node;
    this.epochSeconds = epochSeconds;
    this.signature = signature;
    this.payload = payload;
    this.bytes = bytes;
  }

  static HracStatement sign(
      String brand,
      String purpose,
      Hrac hrac,
      NodeAddress node,
      Instant at,
      Signer signer,
      RandomSource random) {
    byte[] payload =
        new MsgpackWriter()
            .array(3)
            .bin(hrac.toBytes())
            .bin(node.toBytes())
            .uint(at.getEpochSecond())
            .toBytes();
    Signature sig = Signing.sign(signer, purpose, payload, random);
    return new HracStatement(
        hrac,
        node,
        at.getEpochSecond(),
        sig,
        payload,
        SignedEnvelope.encode(brand, MAJOR, MINOR, payload, sig));
  }

  static HracStatement fromBytes(String brand, String what, String timeField, byte[] bytes)
      throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, brand, MAJOR, MINOR, MAX_SIZE);
    MsgpackReader r = env.payloadReader(brand);
    r.struct(3, what);
    Hrac hrac = Hrac.read(r, "hrac");
    NodeAddress node = NodeAddress.read(r, "node");
    long at = r.epochSeconds(timeField);
    r.end();
    return new HracStatement(hrac, node, at, env.signature, env.payload, bytes.clone());
  }

  boolean isSignedBy(PublicKey key, String purpose) {
    return Signing.verify(signature, key, purpose, payload);
  }

  Instant at() {
    return Instant.ofEpochSecond(epochSeconds);
  }
}
