package dev.nkms.protocol;

import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;

/**
 * A treasure map signed by Alice (over Bob's encrypting key ‖ the map) and Umbral-encrypted to Bob.
 */
public final class EncryptedTreasureMap {
  public static final String BRAND = "EMap";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_SIZE = 40 * 1024;
  private static final String PURPOSE = "treasure-map";

  private final Capsule capsule;
  private final byte[] ciphertext;

  private EncryptedTreasureMap(Capsule capsule, byte[] ciphertext) {
    this.capsule = capsule;
    this.ciphertext = ciphertext;
  }

  public static EncryptedTreasureMap seal(
      TreasureMap map, Signer alice, PublicKey bobEncryptingKey, RandomSource random) {
    if (!alice.verifyingKey().equals(map.aliceVerifyingKey())) {
      throw new IllegalArgumentException(
          "the map names a different Alice verifying key than the signer's");
    }
    byte[] mapBytes = map.toBytes();
    Signature sig =
        Signing.sign(
            alice, PURPOSE, Hrac.concat(bobEncryptingKey.toCompressedBytes(), mapBytes), random);
    byte[] plaintext = new MsgpackWriter().array(2).bin(mapBytes).bin(sig.toBEBytes()).toBytes();
    Umbral.Encrypted enc = Umbral.encrypt(bobEncryptingKey, plaintext, random);
    return new EncryptedTreasureMap(enc.capsule(), enc.ciphertext());
  }

  public static EncryptedTreasureMap fromBytes(byte[] bytes) throws WireFormatException {
    MsgpackReader r = Envelope.open(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    r.struct(2, "encrypted treasure map");
    Capsule capsule = Fields.capsule(r, "capsule");
    byte[] ct = r.bin(MAX_SIZE, "ciphertext");
    r.end();
    return new EncryptedTreasureMap(capsule, ct);
  }

  public byte[] toBytes() {
    return Envelope.encode(
        BRAND,
        MAJOR,
        MINOR,
        new MsgpackWriter().array(2).bin(capsule.toBytes()).bin(ciphertext).toBytes());
  }

  /** Bob opens the map and checks Alice's signature binds it to his key. */
  public TreasureMap open(SecretKey bobEncryptingKey) throws CryptoException {
    byte[] plaintext;
    try {
      plaintext = Umbral.decryptOriginal(bobEncryptingKey, capsule, ciphertext);
    } catch (DecryptionException e) {
      throw new DecryptionException("this treasure map is not encrypted to this Bob's key");
    }
    MsgpackReader r = new MsgpackReader("AuthorizedTreasureMap", plaintext, 0);
    r.struct(2, "authorized treasure map");
    byte[] mapBytes = r.bin(TreasureMap.MAX_SIZE, "map");
    Signature sig = Fields.signature(r, "signature");
    r.end();
    TreasureMap map = TreasureMap.fromBytes(mapBytes);
    byte[] signed = Hrac.concat(bobEncryptingKey.publicKey().toCompressedBytes(), mapBytes);
    if (!Signing.verify(sig, map.aliceVerifyingKey(), PURPOSE, signed)) {
      throw new VerificationException("treasure map: Alice's signature does not verify");
    }
    return map;
  }
}
