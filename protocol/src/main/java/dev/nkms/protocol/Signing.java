package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import java.nio.charset.StandardCharsets;

/**
 * Domain-separated signatures: every protocol signature covers {@code "nkms/" ‖ purpose ‖ 0x00 ‖
 * payload}, so a signature made for one kind of object can never be presented as another. Public so
 * that signed objects outside this module (the federated node list in {@code registry}) use the
 * same construction rather than a copy of it.
 */
public final class Signing {
  private Signing() {}

  public static Signature sign(Signer signer, String purpose, byte[] payload, RandomSource random) {
    return signer.sign(message(purpose, payload), random);
  }

  public static boolean verify(Signature signature, PublicKey key, String purpose, byte[] payload) {
    return signature.verify(key, message(purpose, payload));
  }

  public static byte[] message(String purpose, byte[] payload) {
    byte[] p = ("nkms/" + purpose).getBytes(StandardCharsets.US_ASCII);
    byte[] m = new byte[p.length + 1 + payload.length];
    System.arraycopy(p, 0, m, 0, p.length);
    System.arraycopy(payload, 0, m, p.length + 1, payload.length);
    return m;
  }
}
