package dev.nkms.network.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The node's TLS key pair (EC P-256) and a self-signed X.509 v3 certificate for it. No CA vouches
 * for it: clients pin the SHA-256 fingerprint of its DER, which the node's signed metadata carries,
 * so the certificate only has to be well-formed and acceptable to TLS stacks. The subject
 * alternative names still list localhost, 127.0.0.1 and the configured hosts so that ordinary tools
 * (curl, browsers) can be pointed at a pinned node without extra flags.
 */
public final class SelfSignedCertificate {
  public static final String SUBJECT = "CN=nkms node";
  public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  public static final int VALIDITY_YEARS = 10;

  /** The alias of the key entry in {@link #keyStore(char[])}. */
  public static final String KEY_ALIAS = "nkms-node";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final byte[] der;

  private SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    try {
      this.der = certificate.getEncoded();
    } catch (CertificateException e) {
      throw new IllegalStateException("certificate does not encode", e);
    }
  }

  /**
   * A fresh key pair and certificate valid for {@value #VALIDITY_YEARS} years from {@code
   * clock.instant()} (to the second). SubjectAltName: DNS:localhost, IP:127.0.0.1 and each of
   * {@code hosts} (IP literals as IP entries, other names as DNS entries), without duplicates.
   *
   * @throws IllegalArgumentException if a host is neither an IP literal nor a valid DNS name
   */
  public static SelfSignedCertificate generate(List<String> hosts, Clock clock) {
    return generate(hosts, clock, new SecureRandom());
  }

  static SelfSignedCertificate generate(List<String> hosts, Clock clock, SecureRandom random) {
    return generate(subjectAltNames(hosts), clock, random);
  }

  /**
   * A certificate whose subject alternative names are exactly {@code hosts}, without localhost and
   * 127.0.0.1: for tests that a node is identified by its pin, whatever name it is reached by.
   */
  static SelfSignedCertificate namingOnly(List<String> hosts, Clock clock) {
    return generate(exactly(hosts), clock, new SecureRandom());
  }

  private static SelfSignedCertificate generate(
      GeneralNames sans, Clock clock, SecureRandom random) {
    KeyPair keyPair;
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), random);
      keyPair = gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 key generation unavailable: " + e, e);
    }
    Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plusYears(VALIDITY_YEARS).toInstant();
    // Random, positive, non-zero (low bit set) and well under RFC 5280's 20-octet limit.
    BigInteger serial = new BigInteger(127, random).setBit(0);
    X500Name subject = new X500Name(SUBJECT);
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              serial,
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              keyPair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, sans);
      ContentSigner signer =
          new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
              .setSecureRandom(random)
              .build(keyPair.getPrivate());
      X509CertificateHolder holder = builder.build(signer);
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
      return new SelfSignedCertificate(keyPair.getPrivate(), cert);
    } catch (IOException | OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("could not build the self-signed certificate: " + e, e);
    }
  }

  /**
   * Restores a pair from its encodings (PKCS#8 private key, certificate DER), checking that the key
   * is an EC P-256 key and that it is the one the certificate names (by signing and verifying a
   * challenge).
   */
  public static SelfSignedCertificate fromEncoded(byte[] pkcs8PrivateKey, byte[] certificateDer)
      throws CertificateException {
    X509Certificate cert;
    try {
      cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new java.io.ByteArrayInputStream(certificateDer));
    } catch (CertificateException | RuntimeException e) {
      throw new CertificateException("TLS certificate does not parse: " + e.getMessage(), e);
    }
    if (!Arrays.equals(der(cert), certificateDer)) {
      throw new CertificateException("TLS certificate has trailing or non-canonical bytes");
    }
    PrivateKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8PrivateKey));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CertificateException("TLS private key is not a PKCS#8 EC key", e);
    }
    if (!(key instanceof ECPrivateKey) || !isP256(((ECPrivateKey) key).getParams())) {
      throw new CertificateException("TLS private key is not an EC P-256 key");
    }
    if (!matches(key, cert)) {
      throw new CertificateException("TLS private key does not belong to the certificate");
    }
    return new SelfSignedCertificate(key, cert);
  }

  private static boolean isP256(ECParameterSpec params) {
    try {
      AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
      p256.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
      return expected.getCurve().equals(params.getCurve())
          && expected.getGenerator().equals(params.getGenerator())
          && expected.getOrder().equals(params.getOrder());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 parameters unavailable", e);
    }
  }

  private static boolean matches(PrivateKey key, X509Certificate cert) {
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature s = Signature.getInstance(SIGNATURE_ALGORITHM);
      s.initSign(key);
      s.update(challenge);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(SIGNATURE_ALGORITHM);
      v.initVerify(cert.getPublicKey());
      v.update(challenge);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static GeneralNames subjectAltNames(List<String> hosts) {
    Objects.requireNonNull(hosts, "hosts");
    List<String> all = new ArrayList<>(List.of("localhost", "127.0.0.1"));
    all.addAll(hosts);
    return exactly(all);
  }

  /** These hosts, normalized, each once, in order. */
  private static GeneralNames exactly(List<String> hosts) {
    Set<String> names = new LinkedHashSet<>();
    for (String h : hosts) {
      names.add(normalizeHost(h));
    }
    List<GeneralName> out = new ArrayList<>();
    for (String n : names) {
      out.add(
          new GeneralName(IPAddress.isValid(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
    }
    return new GeneralNames(out.toArray(new GeneralName[0]));
  }

  /**
   * An IP literal (IPv4 dotted quad or IPv6, without brackets) as given, or a DNS name lower-cased;
   * anything else is refused. No name is ever resolved.
   */
  public static String normalizeHost(String host) {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (IPAddress.isValidIPv4(host) || IPAddress.isValidIPv6(host)) {
      return host;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.length() > 253) {
      throw new IllegalArgumentException("host name longer than 253 characters");
    }
    for (String label : h.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(
            "'" + host + "' is neither an IP address nor a valid DNS name");
      }
    }
    if (h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      // Digits and dots only but not a valid IPv4 address (e.g. 300.1.1.1): a typo, not a name.
      throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address");
    }
    return h;
  }

  /** SHA-256 of the certificate's DER: the value clients pin. */
  public static byte[] fingerprint(X509Certificate certificate) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(der(certificate));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateException e) {
      throw new IllegalStateException("certificate does not encode", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The private key. Secret: never log it. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  public byte[] certificateDer() {
    return der.clone();
  }

  /**
   * The private key as PKCS#8 DER, for the keystore. Secret: the caller should wipe it after use.
   */
  public byte[] privateKeyPkcs8() {
    return privateKey.getEncoded();
  }

  public byte[] fingerprint() {
    return fingerprint(certificate);
  }

  /**
   * A fresh in-memory PKCS#12 key store holding the key and certificate under {@value #KEY_ALIAS},
   * protected by {@code password} (which the caller then hands to Jetty's SslContextFactory or a
   * KeyManagerFactory).
   */
  public KeyStore keyStore(char[] password) {
    Objects.requireNonNull(password, "password");
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(KEY_ALIAS, privateKey, password, new Certificate[] {certificate});
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not build the PKCS#12 key store: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "SelfSignedCertificate["
        + certificate.getSubjectX500Principal().getName()
        + ", sha256 "
        + org.bouncycastle.util.encoders.Hex.toHexString(fingerprint())
        + "]";
  }
}
