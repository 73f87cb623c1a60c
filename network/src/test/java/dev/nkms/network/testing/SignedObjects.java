package dev.nkms.network.testing;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.Signing;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Surgery on signed wire objects (brand ‖ major ‖ minor ‖ [payload, signature]), for tests of
 * forgeries: read the signed payload, swap bytes in it, and sign it again with a key of the
 * forger's own, so that every signature verifies under his key and only what the payload commits to
 * can give him away.
 */
public final class SignedObjects {
  private static final int MAX = 1 << 16;

  private SignedObjects() {}

  /** The payload a signed object's signature covers. */
  public static byte[] payload(byte[] signedObject) throws WireFormatException {
    String brand = new String(signedObject, 0, 4, StandardCharsets.US_ASCII);
    int major = ((signedObject[4] & 0xff) << 8) | (signedObject[5] & 0xff);
    MsgpackReader r = Envelope.open(signedObject, brand, major, 0, MAX);
    r.struct(2, "signed object");
    return r.bin(MAX, "payload");
  }

  /** {@code in} with the first occurrence of {@code what} overwritten by {@code with} (as long). */
  public static byte[] replace(byte[] in, byte[] what, byte[] with) {
    for (int i = 0; i + what.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        byte[] out = in.clone();
        System.arraycopy(with, 0, out, i, with.length);
        return out;
      }
    }
    throw new AssertionError("not found");
  }

  /**
   * A signed object of {@code brand} version {@code major}.0 over {@code payload}, signed for
   * {@code purpose}.
   */
  public static byte[] signed(
      String brand, int major, byte[] payload, String purpose, Signer signer, RandomSource random) {
    return Envelope.encode(
        brand,
        major,
        0,
        new MsgpackWriter()
            .array(2)
            .bin(payload)
            .bin(Signing.sign(signer, purpose, payload, random).toBEBytes())
            .toBytes());
  }

  /**
   * A kfrag delivery as its wire format has it, whatever the terms say: {@code terms} (a signed
   * object) and {@code kfrag}, authorized for {@code node} by {@code signer}, sealed to the node's
   * encrypting key.
   */
  public static byte[] sealedDelivery(
      byte[] terms,
      byte[] kfrag,
      NodeAddress node,
      PublicKey nodeEncrypting,
      Signer signer,
      RandomSource random) {
    byte[] authorized =
        org.bouncycastle.util.Arrays.concatenate(ScalarDigest.sha256(terms), node.toBytes(), kfrag);
    byte[] plaintext =
        new MsgpackWriter()
            .array(3)
            .bin(terms)
            .bin(kfrag)
            .bin(Signing.sign(signer, "kfrag-authorization", authorized, random).toBEBytes())
            .toBytes();
    Umbral.Encrypted sealed = Umbral.encrypt(nodeEncrypting, plaintext, random);
    return Envelope.encode(
        "KDlv",
        1,
        0,
        new MsgpackWriter()
            .array(2)
            .bin(sealed.capsule().toBytes())
            .bin(sealed.ciphertext())
            .toBytes());
  }
}
