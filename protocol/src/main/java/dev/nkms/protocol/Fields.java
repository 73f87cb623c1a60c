package dev.nkms.protocol;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.WireFormatException;

/**
 * Reads crypto values out of a protocol body, turning their parse errors into field-named wire
 * errors.
 */
final class Fields {
  private Fields() {}

  private interface Decoder<T> {
    T decode(byte[] bytes) throws MalformedInputException;
  }

  private static <T> T exact(MsgpackReader r, String field, int length, Decoder<T> decoder)
      throws WireFormatException {
    byte[] b = r.binExact(length, field);
    try {
      return decoder.decode(b);
    } catch (MalformedInputException e) {
      throw r.fail(field, e.getMessage());
    }
  }

  static PublicKey publicKey(MsgpackReader r, String field) throws WireFormatException {
    return exact(r, field, PublicKey.LENGTH, PublicKey::fromCompressedBytes);
  }

  static Signature signature(MsgpackReader r, String field) throws WireFormatException {
    return exact(r, field, Signature.LENGTH, Signature::fromBEBytes);
  }

  static Capsule capsule(MsgpackReader r, String field) throws WireFormatException {
    return exact(r, field, Capsule.SERIALIZED_LENGTH, Capsule::fromBytes);
  }

  static KeyFrag kfrag(MsgpackReader r, String field) throws WireFormatException {
    return exact(r, field, KeyFrag.SERIALIZED_LENGTH, KeyFrag::fromBytes);
  }

  static CapsuleFrag cfrag(MsgpackReader r, String field) throws WireFormatException {
    return exact(r, field, CapsuleFrag.SERIALIZED_LENGTH, CapsuleFrag::fromBytes);
  }

  /**
   * An error in a nested object, reported in the outer one's terms; a bad signature stays a bad
   * signature.
   */
  static WireFormatException nested(WireFormatException e, String brand, String where) {
    String msg = brand + ": " + where + ": " + e.getMessage();
    return e instanceof BadSignatureException
        ? new BadSignatureException(msg)
        : new WireFormatException(msg);
  }
}
