package dev.nkms.protocol;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.WireFormatException;

/** Reads crypto values out of a protocol body, turning their parse errors into field-named wire errors. */
final class Fields {
  private Fields() {}

  static PublicKey publicKey(MsgpackReader r, String field) throws WireFormatException {
    byte[] b = r.binExact(PublicKey.LENGTH, field);
    try {
      return PublicKey.fromCompressedBytes(b);
    } catch (MalformedInputException e) {
      throw r.fail(field, e.getMessage());
    }
  }

  static Signature signature(MsgpackReader r, String field) throws WireFormatException {
    byte[] b = r.binExact(Signature.LENGTH, field);
    try {
      return Signature.fromBEBytes(b);
    } catch (MalformedInputException e) {
      throw r.fail(field, e.getMessage());
    }
  }

  static Capsule capsule(MsgpackReader r, String field) throws WireFormatException {
    byte[] b = r.binExact(Capsule.SERIALIZED_LENGTH, field);
    try {
      return Capsule.fromBytes(b);
    } catch (MalformedInputException e) {
      throw r.fail(field, e.getMessage());
    }
  }

  static KeyFrag kfrag(MsgpackReader r, String field) throws WireFormatException {
    byte[] b = r.binExact(KeyFrag.SERIALIZED_LENGTH, field);
    try {
      return KeyFrag.fromBytes(b);
    } catch (MalformedInputException e) {
      throw r.fail(field, e.getMessage());
    }
  }

  static CapsuleFrag cfrag(MsgpackReader r, String field) throws WireFormatException {
    byte[] b = r.binExact(CapsuleFrag.SERIALIZED_LENGTH, field);
    try {
      return CapsuleFrag.fromBytes(b);
    } catch (MalformedInputException e) {
      throw r.fail(field, e.getMessage());
    }
  }
}
