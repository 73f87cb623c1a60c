package dev.nkms.node.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keystore.Keystore;
import dev.nkms.crypto.keystore.KeystoreException;
import dev.nkms.crypto.keystore.ScryptParams;
import dev.nkms.protocol.NodeAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-05-05T05:05:05Z"), ZoneOffset.UTC);
  private static final ScryptParams FAST = ScryptParams.of(16, 8, 1);
  private static final char[] PASS = "node passphrase".toCharArray();

  @TempDir Path dir;

  @Test
  void generatedKeysHangTogether() {
    NodeIdentity id = NodeIdentity.generate(List.of("node.example"), CLOCK);
    assertThat(id.signer().verifyingKey()).isEqualTo(id.verifyingKey());
    assertThat(id.address()).isEqualTo(NodeAddress.of(id.verifyingKey()));
    assertThat(id.encryptingKey().publicKey()).isNotEqualTo(id.verifyingKey());
    assertThat(id.tlsCertificate().getNotBefore().toInstant()).isEqualTo(CLOCK.instant());
    assertThat(id.tlsFingerprint()).hasSize(32);
  }

  @Test
  void twoIdentitiesDiffer() {
    NodeIdentity a = NodeIdentity.generate(List.of(), CLOCK);
    NodeIdentity b = NodeIdentity.generate(List.of(), CLOCK);
    assertThat(a.address()).isNotEqualTo(b.address());
    assertThat(a.encryptingKey()).isNotEqualTo(b.encryptingKey());
    assertThat(a.tlsFingerprint()).isNotEqualTo(b.tlsFingerprint());
  }

  @Test
  void saveThenLoadRestoresEveryKeyAndAStableFingerprint() throws Exception {
    NodeIdentity id = NodeIdentity.generate(List.of("10.1.2.3"), CLOCK);
    Path file = dir.resolve("node.keystore");
    id.save(file, PASS, FAST);
    NodeIdentity loaded = NodeIdentity.load(file, PASS);
    assertThat(loaded.verifyingKey()).isEqualTo(id.verifyingKey());
    assertThat(loaded.encryptingKey()).isEqualTo(id.encryptingKey());
    assertThat(loaded.address()).isEqualTo(id.address());
    assertThat(loaded.tlsCertificate()).isEqualTo(id.tlsCertificate());
    assertThat(loaded.tlsFingerprint())
        .isEqualTo(id.tlsFingerprint())
        .isEqualTo(
            MessageDigest.getInstance("SHA-256").digest(loaded.tlsCertificate().getEncoded()));
    // And again: a reloaded identity saved anew keeps the same fingerprint (nothing is
    // regenerated).
    Path again = dir.resolve("again.keystore");
    loaded.save(again, PASS, FAST);
    assertThat(NodeIdentity.load(again, PASS).tlsFingerprint()).isEqualTo(id.tlsFingerprint());
    // The restored signing key signs for the original verifying key.
    assertThat(loaded.signer().sign(new byte[] {1}).verify(id.verifyingKey(), new byte[] {1}))
        .isTrue();
  }

  @Test
  void theKeystoreIsOwnerOnlyAndHoldsExactlyTheIdentityEntries() throws Exception {
    Path file = dir.resolve("node.keystore");
    NodeIdentity.generate(List.of(), CLOCK).save(file, PASS, FAST);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Keystore.read(file, PASS).keySet())
        .containsExactly("encrypting-key", "signing-key", "tls-certificate", "tls-key");
  }

  @Test
  void wrongPassphrase() throws Exception {
    Path file = dir.resolve("node.keystore");
    NodeIdentity.generate(List.of(), CLOCK).save(file, PASS, FAST);
    assertThatThrownBy(() -> NodeIdentity.load(file, "wrong".toCharArray()))
        .isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("wrong passphrase or corrupted keystore");
  }

  @Test
  void refusesAKeystoreThatIsNotANodeIdentity() throws Exception {
    Path file = dir.resolve("other.keystore");
    Keystore.write(
        file,
        PASS,
        Map.of("signing-key", SecretKey.random().toSecretBytes(), "extra", new byte[] {1}),
        FAST);
    assertThatThrownBy(() -> NodeIdentity.load(file, PASS))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("is not a node identity")
        .hasMessageContaining("missing entries [encrypting-key, tls-certificate, tls-key]")
        .hasMessageContaining("unexpected entries [extra]");
  }

  @Test
  void refusesAnInvalidSecretKeyEntry() throws Exception {
    Path good = dir.resolve("good.keystore");
    NodeIdentity.generate(List.of(), CLOCK).save(good, PASS, FAST);
    Map<String, byte[]> entries = new HashMap<>(Keystore.read(good, PASS));
    entries.put("encrypting-key", new byte[32]); // zero is not a secret key
    Path bad = dir.resolve("bad.keystore");
    Keystore.write(bad, PASS, entries, FAST);
    assertThatThrownBy(() -> NodeIdentity.load(bad, PASS))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("entry 'encrypting-key' is not a valid secp256k1 secret key");
  }

  @Test
  void refusesATlsKeyThatIsNotTheCertificates() throws Exception {
    Path a = dir.resolve("a.keystore");
    Path b = dir.resolve("b.keystore");
    NodeIdentity.generate(List.of(), CLOCK).save(a, PASS, FAST);
    NodeIdentity.generate(List.of(), CLOCK).save(b, PASS, FAST);
    Map<String, byte[]> mixed = new HashMap<>(Keystore.read(a, PASS));
    mixed.put("tls-key", Keystore.read(b, PASS).get("tls-key"));
    Path bad = dir.resolve("mixed.keystore");
    Keystore.write(bad, PASS, mixed, FAST);
    assertThatThrownBy(() -> NodeIdentity.load(bad, PASS))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("does not belong to the certificate");
  }

  @Test
  void tlsKeyStoreWorksForAnSslContext() throws Exception {
    NodeIdentity id = NodeIdentity.generate(List.of(), CLOCK);
    char[] password = "pw".toCharArray();
    KeyStore ks = id.tlsKeyStore(password);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    SSLContext.getInstance("TLS").init(kmf.getKeyManagers(), null, null);
    assertThat(ks.getCertificate("nkms-node")).isEqualTo(id.tlsCertificate());
  }

  @Test
  void toStringShowsTheAddressOnly() {
    NodeIdentity id = NodeIdentity.generate(List.of(), CLOCK);
    assertThat(id.toString()).isEqualTo("NodeIdentity[" + id.address().toHex() + "]");
  }
}
