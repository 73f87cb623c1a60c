package dev.nkms.network.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelfSignedCertificateTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:34:56.789Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final char[] PASSWORD = "in-memory only".toCharArray();

  @Test
  void certificateHasTheSpecifiedShape() throws Exception {
    X509Certificate cert = SelfSignedCertificate.generate(List.of(), CLOCK).certificate();
    assertThat(cert.getVersion()).isEqualTo(3);
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=nkms node");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    cert.verify(cert.getPublicKey());
  }

  @Test
  void validForTenYearsFromTheClockToTheSecond() {
    X509Certificate cert = SelfSignedCertificate.generate(List.of(), CLOCK).certificate();
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-03-01T12:34:56Z"));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-03-01T12:34:56Z"));
  }

  @Test
  void subjectAltNamesListLocalhostLoopbackAndEveryHostOnce() throws Exception {
    X509Certificate cert =
        SelfSignedCertificate.generate(
                List.of(
                    "Node-1.Example.org",
                    "10.0.0.5",
                    "::1",
                    "localhost",
                    "127.0.0.1",
                    "node-1.example.org"),
                CLOCK)
            .certificate();
    assertThat(sans(cert))
        .containsExactly(
            "DNS:localhost",
            "IP:127.0.0.1",
            "DNS:node-1.example.org",
            "IP:10.0.0.5",
            "IP:0:0:0:0:0:0:0:1");
  }

  @Test
  void aCertificateNamingOnlyTheGivenHostsListsNoLoopback() throws Exception {
    X509Certificate cert =
        SelfSignedCertificate.namingOnly(List.of("Elsewhere.Example"), CLOCK).certificate();
    assertThat(sans(cert)).containsExactly("DNS:elsewhere.example");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "bad host",
        "-a.example",
        "a-.example",
        "a..b",
        "300.1.1.1",
        "1.2.3",
        "a_b.example",
        "[::1]",
        "host:80",
        "é.example"
      })
  void refusesHostsThatAreNeitherIpsNorDnsNames(String host) {
    assertThatThrownBy(() -> SelfSignedCertificate.generate(List.of(host), CLOCK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesOverlongLabelsAndNames() {
    String label64 = "a".repeat(64);
    assertThatThrownBy(() -> SelfSignedCertificate.normalizeHost(label64 + ".example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither an IP address nor");
    String long254 = ("a".repeat(62) + ".").repeat(4) + "ab";
    assertThat(long254).hasSize(254);
    assertThatThrownBy(() -> SelfSignedCertificate.normalizeHost(long254))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("253");
    assertThat(SelfSignedCertificate.normalizeHost("a".repeat(63) + ".example")).startsWith("aaa");
  }

  @Test
  void serialsAndKeysAreFreshEachTime() {
    SelfSignedCertificate a = SelfSignedCertificate.generate(List.of(), CLOCK);
    SelfSignedCertificate b = SelfSignedCertificate.generate(List.of(), CLOCK);
    assertThat(a.certificate().getSerialNumber())
        .isPositive()
        .isNotEqualTo(b.certificate().getSerialNumber());
    assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
    assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
  }

  @Test
  void fingerprintIsSha256OfTheDer() throws Exception {
    SelfSignedCertificate c = SelfSignedCertificate.generate(List.of(), CLOCK);
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(c.certificate().getEncoded());
    assertThat(c.fingerprint()).hasSize(32).isEqualTo(expected);
    assertThat(SelfSignedCertificate.fingerprint(c.certificate())).isEqualTo(expected);
  }

  @Test
  void restoresFromItsEncodingsAndRefusesAMismatchedPair() throws Exception {
    SelfSignedCertificate a = SelfSignedCertificate.generate(List.of(), CLOCK);
    SelfSignedCertificate b = SelfSignedCertificate.generate(List.of(), CLOCK);
    SelfSignedCertificate restored =
        SelfSignedCertificate.fromEncoded(a.privateKeyPkcs8(), a.certificateDer());
    assertThat(restored.certificate()).isEqualTo(a.certificate());
    assertThat(restored.fingerprint()).isEqualTo(a.fingerprint());
    assertThatThrownBy(
            () -> SelfSignedCertificate.fromEncoded(b.privateKeyPkcs8(), a.certificateDer()))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("does not belong to the certificate");
    byte[] trailing = java.util.Arrays.copyOf(a.certificateDer(), a.certificateDer().length + 1);
    assertThatThrownBy(() -> SelfSignedCertificate.fromEncoded(a.privateKeyPkcs8(), trailing))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(
            () -> SelfSignedCertificate.fromEncoded(new byte[] {1, 2, 3}, a.certificateDer()))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("PKCS#8");
    assertThatThrownBy(
            () -> SelfSignedCertificate.fromEncoded(a.privateKeyPkcs8(), new byte[] {0x30, 0}))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("does not parse");
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    SelfSignedCertificate c = SelfSignedCertificate.generate(List.of(), CLOCK);
    String s = c.toString();
    assertThat(s).contains("CN=nkms node").contains(Hex.toHexString(c.fingerprint()));
    String secret = ((java.security.interfaces.ECPrivateKey) c.privateKey()).getS().toString(16);
    assertThat(s).doesNotContain(secret.substring(0, 16));
  }

  @Test
  void jdkKeyManagerAndSslContextAcceptTheKeyStore() throws Exception {
    KeyStore ks = SelfSignedCertificate.generate(List.of(), CLOCK).keyStore(PASSWORD);
    assertThat(ks.getType()).isEqualToIgnoringCase("PKCS12");
    assertThat(ks.isKeyEntry(SelfSignedCertificate.KEY_ALIAS)).isTrue();
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    assertThat(kmf.getKeyManagers()).isNotEmpty();
    assertThatThrownBy(() -> ks.getKey(SelfSignedCertificate.KEY_ALIAS, "wrong".toCharArray()))
        .isInstanceOf(java.security.UnrecoverableKeyException.class);
  }

  @Test
  void aClientPinningTheCertificateCompletesATlsHandshakeWithHostnameCheck() throws Exception {
    SelfSignedCertificate server = SelfSignedCertificate.generate(List.of(), CLOCK);
    X509Certificate seen = handshake(server, server.certificate());
    assertThat(SelfSignedCertificate.fingerprint(seen)).isEqualTo(server.fingerprint());
  }

  @Test
  void aClientPinningAnotherCertificateRefusesTheHandshake() {
    SelfSignedCertificate server = SelfSignedCertificate.generate(List.of(), CLOCK);
    SelfSignedCertificate other = SelfSignedCertificate.generate(List.of(), CLOCK);
    assertThatThrownBy(() -> handshake(server, other.certificate()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  /**
   * Serves one TLS connection on loopback with {@code server}'s key store; the client trusts only
   * {@code pinned}.
   */
  private static X509Certificate handshake(SelfSignedCertificate server, X509Certificate pinned)
      throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(server.keyStore(PASSWORD), PASSWORD);
    SSLContext serverCtx = SSLContext.getInstance("TLS");
    serverCtx.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("pinned", pinned);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext clientCtx = SSLContext.getInstance("TLS");
    clientCtx.init(null, tmf.getTrustManagers(), null);

    ExecutorService exec = Executors.newSingleThreadExecutor();
    try (SSLServerSocket ss =
        (SSLServerSocket)
            serverCtx
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ss.setSoTimeout(20_000);
      Future<Integer> served =
          exec.submit(
              () -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                  s.setSoTimeout(20_000);
                  InputStream in = s.getInputStream();
                  int b = in.read();
                  s.getOutputStream().write(b + 1);
                  s.getOutputStream().flush();
                  return b;
                }
              });
      X509Certificate peer;
      try (Socket plain = new Socket()) {
        plain.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), 20_000);
        plain.setSoTimeout(20_000);
        // Layered so the peer host is "localhost" (checked against the SAN) without any name
        // lookup.
        try (SSLSocket s =
            (SSLSocket)
                clientCtx
                    .getSocketFactory()
                    .createSocket(plain, "localhost", ss.getLocalPort(), true)) {
          SSLParameters params = s.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          s.setSSLParameters(params);
          OutputStream out = s.getOutputStream();
          out.write(41);
          out.flush();
          assertThat(s.getInputStream().read()).isEqualTo(42);
          peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
      }
      // Only after the client closed: a TLS 1.3 server's close waits for the client's close_notify.
      assertThat(served.get(20, TimeUnit.SECONDS)).isEqualTo(41);
      return peer;
    } finally {
      exec.shutdownNow();
    }
  }

  private static List<String> sans(X509Certificate cert) throws CertificateException {
    List<String> out = new ArrayList<>();
    for (List<?> san : cert.getSubjectAlternativeNames()) {
      int type = (Integer) san.get(0);
      out.add((type == 2 ? "DNS:" : type == 7 ? "IP:" : type + ":") + san.get(1));
    }
    return out;
  }
}
