package dev.nkms.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.SecretKeyFactory;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class KeysTest {
  private final RandomSource random = RandomSource.deterministicStream("keys-test");

  @Test
  void bobCardRoundTripsThroughBytesAndHex() throws Exception {
    BobCard card = BobKeys.random(random).card();
    assertThat(BobCard.fromBytes(card.toBytes())).isEqualTo(card);
    assertThat(BobCard.fromHex(card.toHex())).isEqualTo(card);
    assertThat(card.toBytes()).hasSize(BobCard.LENGTH);
  }

  @Test
  void bobCardParsingIsStrict() {
    byte[] good = BobKeys.random(random).card().toBytes();
    byte[] badMagic = good.clone();
    badMagic[4] = 2;
    assertThatThrownBy(() -> BobCard.fromBytes(badMagic))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("magic");
    assertThatThrownBy(() -> BobCard.fromBytes(java.util.Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("bytes");
    byte[] badKey = good.clone();
    badKey[5] = 7; // not a compressed-point prefix
    assertThatThrownBy(() -> BobCard.fromBytes(badKey)).isInstanceOf(MalformedInputException.class);
    assertThatThrownBy(() -> BobCard.fromHex("zz" + Hex.toHexString(good).substring(2)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("hex");
  }

  @Test
  void bobKeysRoundTripAndTheCardMatches() throws Exception {
    BobKeys bob = BobKeys.random(random);
    BobKeys back = BobKeys.fromSecretBytes(bob.toSecretBytes());
    assertThat(back.card()).isEqualTo(bob.card());
    assertThat(bob.card().encryptingKey()).isEqualTo(bob.encryptingKey().publicKey());
    assertThat(bob.card().verifyingKey()).isEqualTo(bob.signer().verifyingKey());
    assertThat(bob.toString()).doesNotContain(Hex.toHexString(bob.encryptingKey().toSecretBytes()));
  }

  @Test
  void alicePolicyKeysAreDerivedPerLabel() throws Exception {
    SecretKeyFactory factory = SecretKeyFactory.random(random);
    AliceKeys alice = new AliceKeys(SecretKey.random(random), factory);
    assertThat(alice.policyKey("photos")).isEqualTo(factory.makeKey("policy/photos"));
    assertThat(alice.policyEncryptingKey("photos")).isNotEqualTo(alice.policyEncryptingKey("mail"));

    AliceKeys back = AliceKeys.fromSecretBytes(alice.toSecretBytes());
    assertThat(back.verifyingKey()).isEqualTo(alice.verifyingKey());
    assertThat(back.policyEncryptingKey("photos")).isEqualTo(alice.policyEncryptingKey("photos"));
    assertThatThrownBy(() -> alice.policyKey("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AliceKeys.fromSecretBytes(new byte[10]))
        .isInstanceOf(MalformedInputException.class);
    assertThat(alice.toString())
        .contains("redacted")
        .doesNotContain(Hex.toHexString(factory.toSecretBytes()));
  }
}
