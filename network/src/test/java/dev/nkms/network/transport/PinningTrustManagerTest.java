package dev.nkms.network.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.primitives.ScalarDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PinningTrustManagerTest {
  private static SelfSignedCertificate pinned;
  private static SelfSignedCertificate other;

  @BeforeAll
  static void certificates() throws Exception {
    pinned = SelfSignedCertificate.generate(List.of(), Clock.systemUTC());
    other = SelfSignedCertificate.generate(List.of(), Clock.systemUTC());
  }

  @Test
  void fingerprintIsSha256OfTheDer() throws Exception {
    assertThat(PinningTrustManager.fingerprint(pinned.certificate()))
        .isEqualTo(ScalarDigest.sha256(pinned.certificate().getEncoded()));
  }

  @Test
  void acceptsThePinnedCertificate() throws Exception {
    PinningTrustManager tm = PinningTrustManager.pinned(pinned.fingerprint());
    assertThatCode(
            () ->
                tm.checkServerTrusted(new X509Certificate[] {pinned.certificate()}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                tm.checkServerTrusted(
                    new X509Certificate[] {pinned.certificate()},
                    "ECDHE_ECDSA",
                    (javax.net.ssl.SSLEngine) null))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAnotherCertificateEvenWithThePinnedOneFurtherUpTheChain() throws Exception {
    PinningTrustManager tm = PinningTrustManager.pinned(pinned.fingerprint());
    assertThatThrownBy(
            () -> tm.checkServerTrusted(new X509Certificate[] {other.certificate()}, "ECDHE_ECDSA"))
        .isInstanceOf(PinningTrustManager.PinMismatch.class)
        .hasMessageContaining(Hex.toHexString(other.fingerprint()))
        .hasMessageContaining(Hex.toHexString(pinned.fingerprint()));
    assertThatThrownBy(
            () ->
                tm.checkServerTrusted(
                    new X509Certificate[] {other.certificate(), pinned.certificate()},
                    "ECDHE_ECDSA",
                    (java.net.Socket) null))
        .isInstanceOf(PinningTrustManager.PinMismatch.class);
  }

  @Test
  void refusesEmptyChainsAndClientAuthentication() throws Exception {
    PinningTrustManager tm = PinningTrustManager.pinned(pinned.fingerprint());
    assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("no certificate");
    assertThatThrownBy(
            () ->
                tm.checkClientTrusted(new X509Certificate[] {pinned.certificate()}, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
    assertThat(tm.getAcceptedIssuers()).isEmpty();
  }

  @Test
  void trustOnFirstUseAcceptsAnyCertificate() {
    PinningTrustManager tm = PinningTrustManager.acceptAnyForTrustOnFirstUse();
    assertThatCode(
            () -> tm.checkServerTrusted(new X509Certificate[] {other.certificate()}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
  }

  @Test
  void pinsAre32Bytes() {
    assertThatThrownBy(() -> PinningTrustManager.pinned(new byte[20]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
