package dev.nkms.network.transport;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Self-signed P-256 certificates made with bcprov's ASN.1 classes and the JDK signer (no bcpkix needed). */
final class SelfSignedCertificates {
  final KeyPair keys;
  final X509Certificate certificate;

  private SelfSignedCertificates(KeyPair keys, X509Certificate certificate) {
    this.keys = keys;
    this.certificate = certificate;
  }

  static SelfSignedCertificates make(String commonName) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = kpg.generateKeyPair();
    AlgorithmIdentifier ecdsaSha256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    X500Name name = new X500Name("CN=" + commonName);
    V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
    g.setSerialNumber(new ASN1Integer(BigInteger.valueOf(commonName.hashCode() & 0x7fffffff).add(BigInteger.ONE)));
    g.setIssuer(name);
    g.setSubject(name);
    g.setStartDate(new Time(new Date(1_577_836_800_000L))); // 2020-01-01
    g.setEndDate(new Time(new Date(4_102_444_800_000L))); // 2100-01-01
    g.setSignature(ecdsaSha256);
    g.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
    TBSCertificate tbs = g.generateTBSCertificate();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(kp.getPrivate());
    signer.update(tbs.getEncoded(ASN1Encoding.DER));
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(tbs);
    v.add(ecdsaSha256);
    v.add(new DERBitString(signer.sign()));
    byte[] der = new DERSequence(v).getEncoded(ASN1Encoding.DER);
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
    return new SelfSignedCertificates(kp, cert);
  }

  byte[] fingerprint() throws Exception {
    return PinningTrustManager.fingerprint(certificate);
  }

  String fingerprintHex() throws Exception {
    return org.bouncycastle.util.encoders.Hex.toHexString(fingerprint());
  }

  KeyStore keyStore(char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("tls", keys.getPrivate(), password, new X509Certificate[] {certificate});
    return ks;
  }
}
