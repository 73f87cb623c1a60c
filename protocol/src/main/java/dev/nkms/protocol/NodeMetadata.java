package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * A node's self-signed card: address (derived from the verifying key), verifying and encrypting
 * keys, the network (domain) it serves, where to reach it, the SHA-256 fingerprint of its TLS
 * certificate (clients pin it), and when it was signed. Parsing checks the signature and that the
 * address belongs to the key, so an instance is always authentic.
 */
public final class NodeMetadata {
  public static final String BRAND = "NdMd";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_SIZE = 1024;
  private static final String PURPOSE = "node-metadata";

  private final NodeAddress address;
  private final PublicKey verifyingKey;
  private final PublicKey encryptingKey;
  private final String domain;
  private final String host;
  private final int port;
  private final byte[] tlsFingerprint;
  private final long timestampMillis;
  private final byte[] bytes;

  private NodeMetadata(
      NodeAddress address,
      PublicKey verifyingKey,
      PublicKey encryptingKey,
      String domain,
      String host,
      int port,
      byte[] tlsFingerprint,
      long timestampMillis,
      byte[] bytes) {
    this.address = address;
    this.verifyingKey = verifyingKey;
    this.encryptingKey = encryptingKey;
    this.domain = domain;
    this.host = host;
    this.port = port;
    this.tlsFingerprint = tlsFingerprint;
    this.timestampMillis = timestampMillis;
    this.bytes = bytes;
  }

  public static NodeMetadata sign(
      Signer node,
      PublicKey encryptingKey,
      String domain,
      String host,
      int port,
      byte[] tlsFingerprint,
      Instant timestamp,
      RandomSource random) {
    NetworkDomain.check(domain);
    if (host.isEmpty()
        || host.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 253
        || port < 1
        || port > 65535
        || tlsFingerprint.length != 32) {
      throw new IllegalArgumentException("invalid host, port or fingerprint");
    }
    NodeAddress address = NodeAddress.of(node.verifyingKey());
    byte[] payload =
        new MsgpackWriter()
            .array(8)
            .bin(address.toBytes())
            .bin(node.verifyingKey().toCompressedBytes())
            .bin(encryptingKey.toCompressedBytes())
            .str(domain)
            .str(host)
            .uint(port)
            .bin(tlsFingerprint)
            .uint(timestamp.toEpochMilli())
            .toBytes();
    Signature sig = Signing.sign(node, PURPOSE, payload, random);
    return new NodeMetadata(
        address,
        node.verifyingKey(),
        encryptingKey,
        domain,
        host,
        port,
        tlsFingerprint.clone(),
        timestamp.toEpochMilli(),
        SignedEnvelope.encode(BRAND, MAJOR, MINOR, payload, sig));
  }

  public static NodeMetadata fromBytes(byte[] bytes) throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    MsgpackReader r = env.payloadReader(BRAND);
    r.struct(8, "metadata");
    NodeAddress address = NodeAddress.read(r, "address");
    PublicKey vk = Fields.publicKey(r, "verifying_key");
    PublicKey ek = Fields.publicKey(r, "encrypting_key");
    String domain = r.str(NetworkDomain.MAX_LENGTH, "domain");
    String host = r.str(253, "host");
    int port = (int) r.uint(65535, "port");
    byte[] fp = r.binExact(32, "tls_fingerprint");
    long ts = r.uint(Long.MAX_VALUE, "timestamp");
    r.end();
    if (!NetworkDomain.isValid(domain)) {
      throw r.fail("domain", NetworkDomain.RULE);
    }
    if (host.isEmpty() || port == 0) {
      throw r.fail("host", "empty host or port 0");
    }
    if (!NodeAddress.of(vk).equals(address)) {
      throw new WireFormatException(BRAND + ": the address does not belong to the verifying key");
    }
    if (!Signing.verify(env.signature, vk, PURPOSE, env.payload)) {
      throw new BadSignatureException(BRAND + ": the node's self-signature does not verify");
    }
    return new NodeMetadata(address, vk, ek, domain, host, port, fp, ts, bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public NodeAddress address() {
    return address;
  }

  public PublicKey verifyingKey() {
    return verifyingKey;
  }

  public PublicKey encryptingKey() {
    return encryptingKey;
  }

  /** The network this node serves; nodes and clients of another domain refuse it. */
  public String domain() {
    return domain;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public byte[] tlsFingerprint() {
    return tlsFingerprint.clone();
  }

  public String tlsFingerprintHex() {
    return Hex.toHexString(tlsFingerprint);
  }

  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  public String baseUrl() {
    return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeMetadata && Arrays.equals(bytes, ((NodeMetadata) o).bytes);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return "NodeMetadata[" + address + " at " + host + ":" + port + "]";
  }
}
