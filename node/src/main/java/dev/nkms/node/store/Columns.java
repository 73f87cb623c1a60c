package dev.nkms.node.store;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.wire.WireFormatException;

/**
 * Decoding of the typed values the tables keep as BLOBs. A value that no longer parses is a corrupt
 * file, not a bad request: it fails with a {@link StoreException} that names the policy it belongs
 * to.
 */
final class Columns {
  private Columns() {}

  static PublicKey aliceKey(byte[] bytes, Hrac hrac) {
    try {
      return PublicKey.fromCompressedBytes(bytes);
    } catch (MalformedInputException e) {
      throw new StoreException(
          "the Alice key stored for policy " + hrac + " is corrupt: " + e.getMessage(), e);
    }
  }

  static SignedPolicyTerms terms(byte[] bytes, Hrac hrac) {
    try {
      return SignedPolicyTerms.fromBytes(bytes);
    } catch (WireFormatException e) {
      throw new StoreException(
          "stored terms for policy " + hrac + " are corrupt: " + e.getMessage(), e);
    }
  }
}
