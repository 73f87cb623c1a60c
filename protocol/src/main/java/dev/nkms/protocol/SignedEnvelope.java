package dev.nkms.protocol;

import dev.nkms.crypto.keys.Signature;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;

/**
 * The shape shared by signed objects: {@code envelope[ payload (bin: canonical MessagePack),
 * signature (64) ]}. Signing the payload's exact bytes (not a re-encoding) keeps verification
 * independent of parser details.
 */
final class SignedEnvelope {
  final byte[] payload;
  final Signature signature;

  private SignedEnvelope(byte[] payload, Signature signature) {
    this.payload = payload;
    this.signature = signature;
  }

  static byte[] encode(String brand, int major, int minor, byte[] payload, Signature signature) {
    byte[] body = new MsgpackWriter().array(2).bin(payload).bin(signature.toBEBytes()).toBytes();
    return Envelope.encode(brand, major, minor, body);
  }

  static SignedEnvelope decode(byte[] bytes, String brand, int major, int minor, int maxSize)
      throws WireFormatException {
    MsgpackReader r = Envelope.open(bytes, brand, major, minor, maxSize);
    r.struct(2, "signed object");
    byte[] payload = r.bin(maxSize, "payload");
    Signature sig = Fields.signature(r, "signature");
    r.end();
    return new SignedEnvelope(payload, sig);
  }

  MsgpackReader payloadReader(String object) {
    return new MsgpackReader(object, payload, 0);
  }
}
