package dev.nkms.crypto.ec;

import fr.acinq.secp256k1.Secp256k1;

/** libsecp256k1 (bitcoin-core) through the {@code fr.acinq.secp256k1} JNI binding. */
final class AcinqBackend implements Secp256k1Backend {
  private final Secp256k1 lib;

  AcinqBackend() {
    this.lib = Secp256k1.get();
    // Fail here, not on first use, if the native library cannot run on this machine.
    byte[] one = new byte[32];
    one[31] = 1;
    lib.pubkeyCreate(one);
  }

  @Override
  public String name() {
    return "libsecp256k1 (acinq JNI)";
  }

  @Override
  public byte[] decompress(byte[] compressed) {
    try {
      return lib.pubkeyParse(compressed);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public byte[] mulG(byte[] k) {
    return lib.pubkeyCreate(k);
  }

  @Override
  public byte[] mul(byte[] p, byte[] k) {
    return lib.pubKeyTweakMul(p, k);
  }

  @Override
  public byte[] add(byte[] p, byte[] q) {
    try {
      return lib.pubKeyCombine(new byte[][] {p, q});
    } catch (RuntimeException e) {
      return null; // libsecp256k1 refuses a sum at infinity; inputs are valid points, so that is
      // the only cause
    }
  }

  @Override
  public boolean verifyEcdsa(byte[] publicKey, byte[] digest, byte[] rs) {
    try {
      return lib.verify(rs, digest, publicKey);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
