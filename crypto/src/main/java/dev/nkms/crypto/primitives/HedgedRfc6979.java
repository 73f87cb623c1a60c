package dev.nkms.crypto.primitives;

import dev.nkms.crypto.ec.Scalar;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ECDSA nonce k by RFC 6979 §3.2 HMAC-DRBG over HMAC-SHA256, with 32 bytes of added entropy {@code
 * ad} appended in both K-update steps (§3.6) — the hedged variant the reference signs with (spec
 * §2.7). {@code h} is the unreduced SHA-256 digest of the message.
 */
public final class HedgedRfc6979 {
  private HedgedRfc6979() {}

  public static Scalar nonce(byte[] secretKey, byte[] h, byte[] ad) {
    byte[] v = new byte[32];
    java.util.Arrays.fill(v, (byte) 1);
    byte[] k = new byte[32];
    k = hmac(k, v, new byte[] {0}, secretKey, h, ad);
    v = hmac(k, v);
    k = hmac(k, v, new byte[] {1}, secretKey, h, ad);
    v = hmac(k, v);
    while (true) {
      v = hmac(k, v);
      BigInteger candidate = new BigInteger(1, v);
      if (candidate.signum() > 0 && candidate.compareTo(Scalar.N) < 0) {
        java.util.Arrays.fill(k, (byte) 0);
        return Scalar.reduce(candidate);
      }
      k = hmac(k, v, new byte[] {0});
      v = hmac(k, v);
    }
  }

  private static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] p : parts) {
        mac.update(p);
      }
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
