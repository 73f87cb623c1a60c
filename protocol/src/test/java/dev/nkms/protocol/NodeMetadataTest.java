package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.NODE_ENCRYPTING;
import static dev.nkms.protocol.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class NodeMetadataTest {
  private static final NodeMetadata SAMPLE = Samples.METADATA;
  private static final byte[] FP = Fixtures.bytes(32, 14);

  /** A metadata payload written by hand, for node {@code i} unless overridden. */
  static byte[] payload(byte[] address, int node, String host, long port, byte[] fingerprint) {
    return new MsgpackWriter()
        .array(8)
        .bin(address)
        .bin(Fixtures.NODE_SIGNING[node].publicKey().toCompressedBytes())
        .bin(NODE_ENCRYPTING[node].publicKey().toCompressedBytes())
        .str("test")
        .str(host)
        .uint(port)
        .bin(fingerprint)
        .uint(T0.toEpochMilli())
        .toBytes();
  }

  static byte[] signed(byte[] payload, Signer signer) {
    return Fixtures.signedEnvelope("NdMd", "node-metadata", payload, signer);
  }

  @Test
  void roundTrips() throws Exception {
    byte[] b = SAMPLE.toBytes();
    NodeMetadata back = NodeMetadata.fromBytes(b);
    assertThat(back).isEqualTo(SAMPLE).hasSameHashCodeAs(SAMPLE);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.address()).isEqualTo(Fixtures.nodeAddress(0));
    assertThat(back.verifyingKey()).isEqualTo(Fixtures.NODE_SIGNING[0].publicKey());
    assertThat(back.encryptingKey()).isEqualTo(NODE_ENCRYPTING[0].publicKey());
    assertThat(back.host()).isEqualTo("node0.example.org");
    assertThat(back.port()).isEqualTo(9151);
    assertThat(back.tlsFingerprint()).isEqualTo(FP);
    assertThat(back.tlsFingerprintHex()).isEqualTo(Hex.toHexString(FP));
    assertThat(back.timestamp()).isEqualTo(T0);
    assertThat(back.baseUrl()).isEqualTo("https://node0.example.org:9151");
    assertThat(Fixtures.split(b)[0])
        .isEqualTo(payload(Fixtures.nodeAddress(0).toBytes(), 0, "node0.example.org", 9151, FP));
    assertThat(back.toString()).contains(Fixtures.nodeAddress(0).toHex());
  }

  @Test
  void bracketsIpv6HostsInTheUrl() throws Exception {
    NodeMetadata m =
        NodeMetadata.sign(
            Fixtures.nodeSigner(1),
            NODE_ENCRYPTING[1].publicKey(),
            "test",
            "::1",
            443,
            FP,
            T0,
            Fixtures.random(1));
    assertThat(NodeMetadata.fromBytes(m.toBytes()).baseUrl()).isEqualTo("https://[::1]:443");
  }

  @Test
  void strictness() throws Exception {
    byte[] b = SAMPLE.toBytes();
    Strictness.standardChecks(b, "NdMd", NodeMetadata.MAX_SIZE, NodeMetadata::fromBytes);
    Strictness.bitFlips(
        b, NodeMetadata::fromBytes, Strictness.signedOpaque(b), Strictness.neverParses());
  }

  @Test
  void refusesAnAddressThatDoesNotMatchTheKey() {
    // correctly self-signed by node 0, but claiming node 1's address
    byte[] b =
        signed(payload(Fixtures.nodeAddress(1).toBytes(), 0, "h", 1, FP), Fixtures.nodeSigner(0));
    Throwable t = catchThrowable(() -> NodeMetadata.fromBytes(b));
    assertThat(t)
        .isInstanceOf(WireFormatException.class)
        .isNotInstanceOf(BadSignatureException.class)
        .hasMessage("NdMd: the address does not belong to the verifying key");
  }

  @Test
  void refusesAPayloadSignedByAnotherKey() {
    byte[] p = payload(Fixtures.nodeAddress(0).toBytes(), 0, "h", 1, FP);
    for (Signer other : new Signer[] {Fixtures.nodeSigner(1), Fixtures.MALLORY_SIGNER}) {
      assertThatThrownBy(() -> NodeMetadata.fromBytes(signed(p, other)))
          .isInstanceOf(BadSignatureException.class)
          .hasMessage("NdMd: the node's self-signature does not verify");
    }
  }

  @Test
  void refusesEmptyHostPortZeroAndOutOfRangeFields() {
    byte[] a = Fixtures.nodeAddress(0).toBytes();
    Signer s = Fixtures.nodeSigner(0);
    assertThatThrownBy(() -> NodeMetadata.fromBytes(signed(payload(a, 0, "", 1, FP), s)))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("NdMd: field host: empty host or port 0");
    assertThatThrownBy(() -> NodeMetadata.fromBytes(signed(payload(a, 0, "h", 0, FP), s)))
        .hasMessage("NdMd: field host: empty host or port 0");
    assertThatThrownBy(() -> NodeMetadata.fromBytes(signed(payload(a, 0, "h", 65536, FP), s)))
        .hasMessage("NdMd: field port: value 65536 is above the maximum 65535");
    assertThatThrownBy(
            () -> NodeMetadata.fromBytes(signed(payload(a, 0, "h".repeat(254), 1, FP), s)))
        .hasMessage("NdMd: field host: 254 bytes, at most 253 allowed");
    assertThatThrownBy(() -> NodeMetadata.fromBytes(signed(payload(a, 0, "h", 1, new byte[31]), s)))
        .hasMessage("NdMd: field tls_fingerprint: expected 32 bytes, found 31");
    byte[] badUtf8 = payload(a, 0, "hh", 1, FP);
    int at =
        badUtf8.length - 46; // host bytes, then uint(1) (1), bin8 fingerprint (34), uint64 time (9)
    assertThat(new String(badUtf8, at, 2, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("hh");
    badUtf8[at] = (byte) 0xc3;
    badUtf8[at + 1] = (byte) 0x28;
    assertThatThrownBy(() -> NodeMetadata.fromBytes(signed(badUtf8, s)))
        .hasMessage("NdMd: field host: not valid UTF-8");
  }

  @Test
  void theLongestHostFits() throws Exception {
    NodeMetadata m =
        NodeMetadata.sign(
            Fixtures.nodeSigner(0),
            NODE_ENCRYPTING[0].publicKey(),
            "test",
            "h".repeat(253),
            65535,
            FP,
            Instant.ofEpochMilli(Long.MAX_VALUE),
            Fixtures.random(1));
    assertThat(m.toBytes().length).isLessThanOrEqualTo(NodeMetadata.MAX_SIZE);
    assertThat(NodeMetadata.fromBytes(m.toBytes()).host()).hasSize(253);
  }

  @Test
  void signChecksItsArguments() {
    for (Object[] bad :
        new Object[][] {
          {"", 1, FP},
          {"h".repeat(254), 1, FP},
          {"h", 0, FP},
          {"h", 65536, FP},
          {"h", 1, new byte[31]},
          {"h", 1, new byte[33]}
        }) {
      assertThatThrownBy(
              () ->
                  NodeMetadata.sign(
                      Fixtures.nodeSigner(0),
                      NODE_ENCRYPTING[0].publicKey(),
                      "test",
                      (String) bad[0],
                      (Integer) bad[1],
                      (byte[]) bad[2],
                      T0,
                      Fixtures.random(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid host, port or fingerprint");
    }
  }

  @Test
  void signNeverProducesMetadataThatFromBytesRefuses() throws Exception {
    String host = "é".repeat(200);
    Throwable t =
        catchThrowable(
            () ->
                NodeMetadata.sign(
                    Fixtures.nodeSigner(0),
                    NODE_ENCRYPTING[0].publicKey(),
                    "test",
                    host,
                    443,
                    FP,
                    T0,
                    Fixtures.random(1)));
    if (t == null) {
      NodeMetadata m =
          NodeMetadata.sign(
              Fixtures.nodeSigner(0),
              NODE_ENCRYPTING[0].publicKey(),
              "test",
              host,
              443,
              FP,
              T0,
              Fixtures.random(1));
      assertThat(NodeMetadata.fromBytes(m.toBytes()).host()).isEqualTo(host);
    } else {
      assertThat(t).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
