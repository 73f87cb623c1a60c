package dev.nkms.node.identity;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.keystore.Keystore;
import dev.nkms.crypto.keystore.KeystoreException;
import dev.nkms.crypto.keystore.ScryptParams;
import dev.nkms.network.transport.SelfSignedCertificate;
import dev.nkms.protocol.NodeAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A node's long-lived identity: the secp256k1 signing key (its address and metadata signatures),
 * the secp256k1 encrypting key (kfrag deliveries are encrypted to it), and the TLS key pair with
 * its self-signed certificate (whose fingerprint the signed metadata pins). Persisted as one
 * passphrase-protected {@link Keystore}.
 */
public final class NodeIdentity {
  static final String SIGNING_KEY = "signing-key";
  static final String ENCRYPTING_KEY = "encrypting-key";
  static final String TLS_KEY = "tls-key";
  static final String TLS_CERTIFICATE = "tls-certificate";
  private static final List<String> ENTRIES =
      List.of(ENCRYPTING_KEY, SIGNING_KEY, TLS_CERTIFICATE, TLS_KEY);

  private final SecretKey signingKey;
  private final SecretKey encryptingKey;
  private final SelfSignedCertificate tls;
  private final Signer signer;
  private final NodeAddress address;

  private NodeIdentity(SecretKey signingKey, SecretKey encryptingKey, SelfSignedCertificate tls) {
    this.signingKey = Objects.requireNonNull(signingKey);
    this.encryptingKey = Objects.requireNonNull(encryptingKey);
    this.tls = Objects.requireNonNull(tls);
    this.signer = new Signer(signingKey);
    this.address = NodeAddress.of(signingKey.publicKey());
  }

  /**
   * Fresh keys and a certificate valid from {@code clock.instant()}; {@code hostsForCertificate} go
   * into its SubjectAltName beside localhost and 127.0.0.1.
   */
  public static NodeIdentity generate(List<String> hostsForCertificate, Clock clock) {
    return generate(hostsForCertificate, clock, RandomSource.secure());
  }

  /** As {@link #generate(List, Clock)}, with the secp256k1 keys drawn from {@code random}. */
  public static NodeIdentity generate(
      List<String> hostsForCertificate, Clock clock, RandomSource random) {
    SelfSignedCertificate tls = SelfSignedCertificate.generate(hostsForCertificate, clock);
    return new NodeIdentity(SecretKey.random(random), SecretKey.random(random), tls);
  }

  /** Writes the identity to an owner-only keystore file, atomically replacing any file there. */
  public void save(Path keystore, char[] passphrase) throws KeystoreException {
    save(keystore, passphrase, ScryptParams.DEFAULT);
  }

  /**
   * As {@link #save(Path, char[])} with explicit scrypt parameters (cheap ones keep tests fast).
   */
  public void save(Path keystore, char[] passphrase, ScryptParams params) throws KeystoreException {
    Map<String, byte[]> secrets = new TreeMap<>();
    secrets.put(SIGNING_KEY, signingKey.toSecretBytes());
    secrets.put(ENCRYPTING_KEY, encryptingKey.toSecretBytes());
    secrets.put(TLS_KEY, tls.privateKeyPkcs8());
    secrets.put(TLS_CERTIFICATE, tls.certificateDer());
    try {
      Keystore.write(keystore, passphrase, secrets, params);
    } finally {
      secrets.values().forEach(v -> Arrays.fill(v, (byte) 0));
    }
  }

  /**
   * Reads an identity saved by {@link #save}. The keystore must hold exactly the four identity
   * entries, the keys must be valid, and the TLS key must be the certificate's.
   */
  public static NodeIdentity load(Path keystore, char[] passphrase) throws KeystoreException {
    Map<String, byte[]> secrets = Keystore.read(keystore, passphrase);
    try {
      if (!secrets.keySet().equals(new TreeSet<>(ENTRIES))) {
        TreeSet<String> missing = new TreeSet<>(ENTRIES);
        missing.removeAll(secrets.keySet());
        TreeSet<String> extra = new TreeSet<>(secrets.keySet());
        extra.removeAll(ENTRIES);
        throw new KeystoreException(
            "keystore "
                + keystore
                + " is not a node identity"
                + (missing.isEmpty() ? "" : "; missing entries " + missing)
                + (extra.isEmpty() ? "" : "; unexpected entries " + extra));
      }
      SecretKey signing = secretKey(secrets, SIGNING_KEY, keystore);
      SecretKey encrypting = secretKey(secrets, ENCRYPTING_KEY, keystore);
      SelfSignedCertificate tls;
      try {
        tls = SelfSignedCertificate.fromEncoded(secrets.get(TLS_KEY), secrets.get(TLS_CERTIFICATE));
      } catch (CertificateException e) {
        throw new KeystoreException("keystore " + keystore + ": " + e.getMessage());
      }
      return new NodeIdentity(signing, encrypting, tls);
    } finally {
      secrets.values().forEach(v -> Arrays.fill(v, (byte) 0));
    }
  }

  private static SecretKey secretKey(Map<String, byte[]> secrets, String name, Path keystore)
      throws KeystoreException {
    try {
      return SecretKey.fromBEBytes(secrets.get(name));
    } catch (MalformedInputException e) {
      throw new KeystoreException(
          "keystore " + keystore + ": entry '" + name + "' is not a valid secp256k1 secret key");
    }
  }

  public Signer signer() {
    return signer;
  }

  /**
   * The signing key itself, for the node's own chain transactions (its Ethereum account). Secret:
   * never log it.
   */
  public SecretKey signingKey() {
    return signingKey;
  }

  public PublicKey verifyingKey() {
    return signingKey.publicKey();
  }

  /** The secret key kfrag deliveries are encrypted to. Secret: never log it. */
  public SecretKey encryptingKey() {
    return encryptingKey;
  }

  public NodeAddress address() {
    return address;
  }

  public X509Certificate tlsCertificate() {
    return tls.certificate();
  }

  /** SHA-256 of the TLS certificate's DER (32 bytes): what the signed metadata pins. */
  public byte[] tlsFingerprint() {
    return tls.fingerprint();
  }

  /** A fresh in-memory PKCS#12 key store with the TLS key and certificate, for Jetty/Javalin. */
  public KeyStore tlsKeyStore(char[] password) {
    return tls.keyStore(password);
  }

  @Override
  public String toString() {
    return "NodeIdentity[" + address.toHex() + "]";
  }
}
