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
 * The worked example of docs/protocol.md ("Worked example: RevocationOrder"). If this test changes,
 * update the document: every offset and byte below is quoted there.
 */
class ProtocolDocExampleTest {
  /**
   * The example's hedging entropy: all zero, so the signature is reproducible. Never do this for
   * real.
   */
  private static final RandomSource ZEROS = out -> Arrays.fill(out, (byte) 0);

  static final String ALICE_SECRET =
      "1111111111111111111111111111111111111111111111111111111111111111";
  static final String ALICE_PUBLIC =
      "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa";
  static final String NONCE = "000102030405060708090a0b0c0d0e0f";
  static final String HRAC = "62a775f3bd5d8dfe759c6baf10bac3b2";

  static final String EXAMPLE =
      ""
          + "5265766f"
          + "0002"
          + "0000" // 0..7     "Revo", major 2, minor 0
          + "92" // 8        body: fixarray(2)
          + "c4"
          + "63" // 9..10    payload: bin8, 99 bytes
          + "95" // 11       payload: fixarray(5)
          + "c4"
          + "10"
          + HRAC // 12..29   hrac: bin8(16)
          + "c4"
          + "10"
          + NONCE // 30..47   nonce: bin8(16)
          + "c4"
          + "21"
          + ALICE_PUBLIC // 48..82   alice_verifying_key: bin8(33)
          + "c4"
          + "14"
          + "7e5f4552091a69125d5dfcb7b8c2659029395bdf" // 83..104  node: bin8(20)
          + "ce"
          + "70dbd880" // 105..109 issued_at: uint32 1893456000
          + "c4"
          + "40" // 110..111 signature: bin8, 64 bytes
          + "9c68f978d07735d838dd8b2fb77b5329ba23e2207fc84a8edd481993be51630d" // 112..143 r
          + "4b37e001cab79db60989c441f68fac5522284be5aab8133467ef3e819028cdf6"; // 144..175 s

  private static RevocationOrder example() throws Exception {
    return RevocationOrder.sign(
        Hrac.derive(aliceKey(), Hex.decode(NONCE)),
        Hex.decode(NONCE),
        NodeAddress.fromHex("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"),
        Instant.parse("2030-01-01T00:00:00Z"),
        new dev.nkms.crypto.keys.Signer(
            dev.nkms.crypto.keys.SecretKey.fromBEBytes(Hex.decode(ALICE_SECRET))),
        ZEROS);
  }

  private static dev.nkms.crypto.keys.PublicKey aliceKey() throws Exception {
    return dev.nkms.crypto.keys.SecretKey.fromBEBytes(Hex.decode(ALICE_SECRET)).publicKey();
  }

  @Test
  void theDocumentedHracIsTheDerivationFromAlicesKeyAndTheNonce() throws Exception {
    // SHA-256("nkms/hrac" ‖ 0x00 ‖ alice_verifying_key ‖ nonce), first 16 bytes
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    sha.update("nkms/hrac".getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) 0);
    sha.update(Hex.decode(ALICE_PUBLIC));
    sha.update(Hex.decode(NONCE));
    assertThat(Hex.toHexString(Arrays.copyOf(sha.digest(), 16))).isEqualTo(HRAC);
  }

  @Test
  void theDocumentedBytesAreWhatTheCodeWrites() throws Exception {
    RevocationOrder o = example();
    assertThat(Hex.toHexString(o.toBytes())).isEqualTo(EXAMPLE);
    assertThat(o.toBytes()).hasSize(176);
  }

  @Test
  void theDocumentedOffsetsHold() throws Exception {
    byte[] b = Hex.decode(EXAMPLE);
    assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("Revo");
    assertThat(((b[4] & 0xff) << 8) | (b[5] & 0xff)).isEqualTo(2);
    assertThat(((b[6] & 0xff) << 8) | (b[7] & 0xff)).isEqualTo(0);
    assertThat(b[8] & 0xff).isEqualTo(0x92);
    assertThat(b[9] & 0xff).isEqualTo(0xc4);
    assertThat(b[10] & 0xff).isEqualTo(99);
    byte[] payload = Arrays.copyOfRange(b, 11, 110);
    assertThat(payload[0] & 0xff).isEqualTo(0x95);
    assertThat(Arrays.copyOfRange(b, 12, 14)).containsExactly(0xc4, 16);
    assertThat(Hex.toHexString(Arrays.copyOfRange(b, 14, 30))).isEqualTo(HRAC);
    assertThat(Arrays.copyOfRange(b, 30, 32)).containsExactly(0xc4, 16);
    assertThat(Hex.toHexString(Arrays.copyOfRange(b, 32, 48))).isEqualTo(NONCE);
    assertThat(Arrays.copyOfRange(b, 48, 50)).containsExactly(0xc4, 33);
    assertThat(Hex.toHexString(Arrays.copyOfRange(b, 50, 83))).isEqualTo(ALICE_PUBLIC);
    assertThat(Arrays.copyOfRange(b, 83, 85)).containsExactly(0xc4, 20);
    assertThat(Hex.toHexString(Arrays.copyOfRange(b, 85, 105)))
        .isEqualTo("7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    assertThat(b[105] & 0xff).isEqualTo(0xce);
    assertThat(Long.parseLong(Hex.toHexString(Arrays.copyOfRange(b, 106, 110)), 16))
        .isEqualTo(Instant.parse("2030-01-01T00:00:00Z").getEpochSecond())
        .isEqualTo(1893456000L);
    assertThat(Arrays.copyOfRange(b, 110, 112)).containsExactly(0xc4, 64);
    assertThat(b.length - 112).isEqualTo(64);

    RevocationOrder parsed = RevocationOrder.fromBytes(b);
    assertThat(parsed.hrac().toHex()).isEqualTo(HRAC);
    assertThat(Hex.toHexString(parsed.nonce())).isEqualTo(NONCE);
    assertThat(parsed.aliceVerifyingKey().toHex()).isEqualTo(ALICE_PUBLIC);
    assertThat(parsed.node().toHex()).isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    assertThat(parsed.issuedAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(parsed.isAuthentic()).isTrue();
  }

  @Test
  void theSignatureIsPlainEcdsaOverTheDocumentedMessage() throws Exception {
    byte[] b = Hex.decode(EXAMPLE);
    byte[] payload = Arrays.copyOfRange(b, 11, 110);
    // "nkms/revocation-order" ‖ 0x00 ‖ payload
    byte[] message = new byte[21 + 1 + 99];
    System.arraycopy(
        "nkms/revocation-order".getBytes(StandardCharsets.US_ASCII), 0, message, 0, 21);
    System.arraycopy(payload, 0, message, 22, 99);
    assertThat(message).isEqualTo(Signing.message("revocation-order", payload));
    Signature sig = Signature.fromBEBytes(Arrays.copyOfRange(b, 112, 176));
    var alice = aliceKey();
    assertThat(alice.toHex()).isEqualTo(ALICE_PUBLIC);
    assertThat(sig.verify(alice, message)).isTrue();
    // also as a standard JCA-style check: ECDSA over SHA-256(message), r ‖ s, low-S
    assertThat(new java.math.BigInteger(1, Arrays.copyOfRange(b, 144, 176)))
        .isLessThanOrEqualTo(
            new java.math.BigInteger(
                "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16));
  }
}
