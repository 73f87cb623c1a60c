package dev.nkms.node.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS that trusts exactly one certificate: the one whose DER has the pinned SHA-256 fingerprint (what a node's
 * signed metadata carries). No CA, no validity period, no host name check — the pin is the identity
 * (docs/http-api.md). Being an {@link X509ExtendedTrustManager}, JSSE adds no host name check of its own.
 */
public final class PinnedTls extends X509ExtendedTrustManager {
  private final byte[] pin;

  private PinnedTls(byte[] pin) {
    if (pin.length != 32) {
      throw new IllegalArgumentException("a pin is a 32-byte SHA-256 fingerprint");
    }
    this.pin = pin.clone();
  }

  public static SSLContext context(byte[] fingerprint) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new PinnedTls(fingerprint)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate");
    }
    byte[] got;
    try {
      got = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
    } catch (GeneralSecurityException e) {
      throw new CertificateException(e);
    }
    if (!MessageDigest.isEqual(got, pin)) {
      throw new CertificateException("certificate fingerprint " + HexFormat.of().formatHex(got)
          + " is not the pinned " + HexFormat.of().formatHex(pin));
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
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

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
