package dev.nkms.network.transport;

import dev.nkms.crypto.primitives.ScalarDigest;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.util.encoders.Hex;

/**
 * Trusts a TLS server iff SHA-256 of its leaf certificate's DER equals the pinned fingerprint
 * (constant-time comparison). No CA, no hostname, no validity-period check: the pin, taken from the
 * node's self-signed metadata, is the identity. Being an {@link X509ExtendedTrustManager}, it is
 * used as is by the JDK, which therefore does not add its own endpoint identification. With no pin
 * it trusts any server (trust on first use only; the caller must check the presented certificate
 * itself).
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private final byte[] pin;

  private PinningTrustManager(byte[] pin) {
    this.pin = pin;
  }

  static PinningTrustManager pinned(byte[] sha256Fingerprint) {
    if (sha256Fingerprint.length != 32) {
      throw new IllegalArgumentException(
          "a certificate fingerprint is 32 bytes (SHA-256), got " + sha256Fingerprint.length);
    }
    return new PinningTrustManager(sha256Fingerprint.clone());
  }

  /** Accepts any certificate: for {@link HttpsNodeClient#fetchMetadataTrustOnFirstUse} only. */
  static PinningTrustManager acceptAnyForTrustOnFirstUse() {
    return new PinningTrustManager(null);
  }

  static byte[] fingerprint(X509Certificate certificate) throws CertificateEncodingException {
    return ScalarDigest.sha256(certificate.getEncoded());
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0 || chain[0] == null) {
      throw new CertificateException("the server presented no certificate");
    }
    if (pin == null) {
      return;
    }
    byte[] got = fingerprint(chain[0]);
    if (!MessageDigest.isEqual(got, pin)) {
      throw new PinMismatch(
          "the server's certificate fingerprint "
              + Hex.toHexString(got)
              + " is not the pinned "
              + Hex.toHexString(pin));
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager authenticates servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager authenticates servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager authenticates servers only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  /** The presented certificate is not the pinned one. */
  static final class PinMismatch extends CertificateException {
    PinMismatch(String message) {
      super(message);
    }
  }
}
