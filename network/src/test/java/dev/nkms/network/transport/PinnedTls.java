package dev.nkms.network.transport;

import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * For tests that speak HTTPS to a node without {@link HttpsNodeClient} (raw requests, the JDK's
 * HTTP client): TLS that trusts exactly the certificate with the pinned fingerprint, through the
 * transport's own {@link PinningTrustManager}. In this package, not {@code testing}, because the
 * trust manager is not public.
 */
public final class PinnedTls {
  private PinnedTls() {}

  public static SSLContext context(byte[] fingerprint) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {PinningTrustManager.pinned(fingerprint)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
