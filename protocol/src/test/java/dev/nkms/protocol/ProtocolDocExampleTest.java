package dev.nkms.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.Signature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/protocol.md ("Worked example: RevocationOrder"). If this test changes, update the
 * document: every offset and byte below is quoted there.
 */
class ProtocolDocExampleTest {
  /** The example's hedging entropy: all zero, so the signature is reproducible. Never do this for real. */
  private static final RandomSource ZEROS = out -> Arrays.fill(out, (byte) 0);

  static final String ALICE_SECRET = "1111111111111111111111111111111111111111111111111111111111111111";
  static final String ALICE_PUBLIC = "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa";

  static final String EXAMPLE = ""
      + "5265766f" + "0001" + "0000"                                   // 0..7    "Revo", major 1, minor 0
      + "92"                                                           // 8       body: fixarray(2)
      + "c4" + "2e"                                                    // 9..10   payload: bin8, 46 bytes
      + "93"                                                           // 11      payload: fixarray(3)
      + "c4" + "10" + "000102030405060708090a0b0c0d0e0f"               // 12..29  hrac: bin8(16)
      + "c4" + "14" + "7e5f4552091a69125d5dfcb7b8c2659029395bdf"       // 30..51  node: bin8(20)
      + "ce" + "70dbd880"                                              // 52..56  issued_at: uint32 1893456000
      + "c4" + "40"                                                    // 57..58  signature: bin8, 64 bytes
      + "383805498a612e981ba841de0963af7d761f425a97ba2097038c4f8f3e71a6e9" // 59..90   r
      + "226537079d824c5c06eebd6dfc849b38a7a5b6baf754d4a85a251a335b3a3cda"; // 91..122 s

  private static RevocationOrder example() throws Exception {
    return RevocationOrder.sign(Hrac.fromHex("000102030405060708090a0b0c0d0e0f"),
        NodeAddress.fromHex("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"), Instant.parse("2030-01-01T00:00:00Z"),
        new dev.nkms.crypto.keys.Signer(dev.nkms.crypto.keys.SecretKey.fromBEBytes(Hex.decode(ALICE_SECRET))), ZEROS);
  }

  @Test
  void theDocumentedBytesAreWhatTheCodeWrites() throws Exception {
    RevocationOrder o = example();
    assertThat(Hex.toHexString(o.toBytes())).isEqualTo(EXAMPLE);
    assertThat(o.toBytes()).hasSize(123);
  }

  @Test
  void theDocumentedOffsetsHold() throws Exception {
    byte[] b = Hex.decode(EXAMPLE);
    assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("Revo");
    assertThat(((b[4] & 0xff) << 8) | (b[5] & 0xff)).isEqualTo(1);
    assertThat(((b[6] & 0xff) << 8) | (b[7] & 0xff)).isEqualTo(0);
    assertThat(b[8] & 0xff).isEqualTo(0x92);
    assertThat(b[9] & 0xff).isEqualTo(0xc4);
    assertThat(b[10] & 0xff).isEqualTo(46);
    byte[] payload = Arrays.copyOfRange(b, 11, 57);
    assertThat(payload[0] & 0xff).isEqualTo(0x93);
    assertThat(Arrays.copyOfRange(b, 12, 14)).containsExactly(0xc4, 16);
    assertThat(Hex.toHexString(Arrays.copyOfRange(b, 14, 30))).isEqualTo("000102030405060708090a0b0c0d0e0f");
    assertThat(Arrays.copyOfRange(b, 30, 32)).containsExactly(0xc4, 20);
    assertThat(Hex.toHexString(Arrays.copyOfRange(b, 32, 52))).isEqualTo("7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    assertThat(b[52] & 0xff).isEqualTo(0xce);
    assertThat(Long.parseLong(Hex.toHexString(Arrays.copyOfRange(b, 53, 57)), 16))
        .isEqualTo(Instant.parse("2030-01-01T00:00:00Z").getEpochSecond()).isEqualTo(1893456000L);
    assertThat(Arrays.copyOfRange(b, 57, 59)).containsExactly(0xc4, 64);
    assertThat(b.length - 59).isEqualTo(64);

    RevocationOrder parsed = RevocationOrder.fromBytes(b);
    assertThat(parsed.hrac().toHex()).isEqualTo("000102030405060708090a0b0c0d0e0f");
    assertThat(parsed.node().toHex()).isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    assertThat(parsed.issuedAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void theSignatureIsPlainEcdsaOverTheDocumentedMessage() throws Exception {
    byte[] b = Hex.decode(EXAMPLE);
    byte[] payload = Arrays.copyOfRange(b, 11, 57);
    // "nkms/revocation-order" ‖ 0x00 ‖ payload
    byte[] message = new byte[21 + 1 + 46];
    System.arraycopy("nkms/revocation-order".getBytes(StandardCharsets.US_ASCII), 0, message, 0, 21);
    System.arraycopy(payload, 0, message, 22, 46);
    assertThat(message).isEqualTo(Signing.message("revocation-order", payload));
    Signature sig = Signature.fromBEBytes(Arrays.copyOfRange(b, 59, 123));
    var alice = dev.nkms.crypto.keys.SecretKey.fromBEBytes(Hex.decode(ALICE_SECRET)).publicKey();
    assertThat(alice.toHex()).isEqualTo(ALICE_PUBLIC);
    assertThat(sig.verify(alice, message)).isTrue();
    assertThat(RevocationOrder.fromBytes(b).isSignedBy(alice)).isTrue();
    // also as a standard JCA-style check: ECDSA over SHA-256(message), r ‖ s, low-S
    assertThat(new java.math.BigInteger(1, Arrays.copyOfRange(b, 91, 123)))
        .isLessThanOrEqualTo(new java.math.BigInteger(
            "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16));
  }
}
