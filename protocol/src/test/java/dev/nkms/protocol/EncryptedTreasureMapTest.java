package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE_SIGNER;
import static dev.nkms.protocol.Fixtures.BOB_ENCRYPTING;
import static dev.nkms.protocol.Fixtures.OTHER_BOB_ENCRYPTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EncryptedTreasureMapTest {
  private static final EncryptedTreasureMap SAMPLE = Samples.ENCRYPTED_MAP;

  /** An encrypted map whose plaintext is {@code plain}, encrypted to {@code bob}. */
  static EncryptedTreasureMap mapOf(byte[] plain, PublicKey bob) throws WireFormatException {
    Umbral.Encrypted enc = Umbral.encrypt(bob, plain, Fixtures.random(98));
    return EncryptedTreasureMap.fromBytes(
        Envelope.encode(
            "EMap",
            1,
            0,
            new MsgpackWriter()
                .array(2)
                .bin(enc.capsule().toBytes())
                .bin(enc.ciphertext())
                .toBytes()));
  }

  private static byte[] plaintext(
      byte[] mapBytes, PublicKey signedFor, dev.nkms.crypto.keys.Signer signer) {
    Signature sig =
        Signing.sign(
            signer,
            "treasure-map",
            Fixtures.concat(signedFor.toCompressedBytes(), mapBytes),
            Fixtures.random(4));
    return new MsgpackWriter().array(2).bin(mapBytes).bin(sig.toBEBytes()).toBytes();
  }

  @Test
  void roundTripsAndOpensForBob() throws Exception {
    byte[] b = SAMPLE.toBytes();
    EncryptedTreasureMap back = EncryptedTreasureMap.fromBytes(b);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.open(BOB_ENCRYPTING)).isEqualTo(Samples.MAP);
  }

  @Test
  void layout() throws Exception {
    byte[] b = SAMPLE.toBytes();
    assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("EMap");
    assertThat(Arrays.copyOfRange(b, 4, 11)).containsExactly(0, 1, 0, 0, 0x92, 0xc4, 105);
    Capsule.fromBytes(Arrays.copyOfRange(b, 11, 116));
    int mapLength = Samples.MAP.toBytes().length;
    int plaintextLength = 1 + (mapLength < 256 ? 2 : 3) + mapLength + 2 + 64;
    int ctLength = 24 + plaintextLength + 16;
    assertThat(b[116] & 0xff).isEqualTo(0xc5);
    assertThat(((b[117] & 0xff) << 8) | (b[118] & 0xff)).isEqualTo(ctLength);
    assertThat(b).hasSize(119 + ctLength);
  }

  @Test
  void strictness() throws Exception {
    byte[] b = SAMPLE.toBytes();
    Strictness.standardChecks(
        b, "EMap", EncryptedTreasureMap.MAX_SIZE, EncryptedTreasureMap::fromBytes);
    int[] n = {0};
    Strictness.bitFlips(
        b,
        EncryptedTreasureMap::fromBytes,
        Strictness.nowhere(),
        (m, parsed) -> {
          assertThat(parsed.toBytes()).isEqualTo(m);
          if (n[0]++ % 8 == 0) {
            assertThat(catchThrowable(() -> parsed.open(BOB_ENCRYPTING)))
                .isInstanceOf(DecryptionException.class);
          }
        });
  }

  @Test
  void failsForAnotherKey() {
    assertThatThrownBy(() -> SAMPLE.open(OTHER_BOB_ENCRYPTING))
        .isInstanceOf(DecryptionException.class)
        .hasMessage("this treasure map is not encrypted to this Bob's key");
    assertThatThrownBy(() -> SAMPLE.open(Fixtures.ALICE)).isInstanceOf(DecryptionException.class);
  }

  @Test
  void failsWhenAliceSignedItForAnotherBob() throws Exception {
    // signed for Bob, then re-encrypted to another Bob: the signature binds Bob's encrypting key
    EncryptedTreasureMap m =
        mapOf(
            plaintext(Samples.MAP.toBytes(), BOB_ENCRYPTING.publicKey(), ALICE_SIGNER),
            OTHER_BOB_ENCRYPTING.publicKey());
    assertThatThrownBy(() -> m.open(OTHER_BOB_ENCRYPTING))
        .isInstanceOf(VerificationException.class)
        .hasMessage("treasure map: Alice's signature does not verify");
  }

  @Test
  void failsWhenNotSignedByTheMapsAlice() throws Exception {
    EncryptedTreasureMap m =
        mapOf(
            plaintext(Samples.MAP.toBytes(), BOB_ENCRYPTING.publicKey(), Fixtures.MALLORY_SIGNER),
            BOB_ENCRYPTING.publicKey());
    assertThatThrownBy(() -> m.open(BOB_ENCRYPTING)).isInstanceOf(VerificationException.class);
  }

  @Test
  void sealRequiresTheMapsAlice() {
    assertThatThrownBy(
            () ->
                EncryptedTreasureMap.seal(
                    Samples.MAP,
                    Fixtures.MALLORY_SIGNER,
                    BOB_ENCRYPTING.publicKey(),
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different Alice verifying key");
  }

  @Test
  void malformedPlaintextIsAWireFormatError() throws Exception {
    EncryptedTreasureMap one =
        mapOf(new MsgpackWriter().array(1).bin(new byte[3]).toBytes(), BOB_ENCRYPTING.publicKey());
    assertThatThrownBy(() -> one.open(BOB_ENCRYPTING))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "AuthorizedTreasureMap: field authorized treasure map: expected 2 fields, found 1");
    EncryptedTreasureMap notAMap =
        mapOf(
            plaintext(new byte[10], BOB_ENCRYPTING.publicKey(), ALICE_SIGNER),
            BOB_ENCRYPTING.publicKey());
    assertThatThrownBy(() -> notAMap.open(BOB_ENCRYPTING))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("expected a TMap object");
  }

  @Test
  void everyFailureOfOpenIsTyped() throws Exception {
    byte[] good = plaintext(Samples.MAP.toBytes(), BOB_ENCRYPTING.publicKey(), ALICE_SIGNER);
    for (int i = 0; i < good.length; i += 5) {
      byte[] m = good.clone();
      m[i] ^= 0x21;
      EncryptedTreasureMap e = mapOf(m, BOB_ENCRYPTING.publicKey());
      assertThat(catchThrowable(() -> e.open(BOB_ENCRYPTING)))
          .as("byte %d", i)
          .isInstanceOf(CryptoException.class);
    }
  }
}
