package dev.nkms.crypto.primitives;

import static dev.nkms.crypto.TestFixtures.concat;
import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.TestFixtures.CountingSource;
import dev.nkms.crypto.TestFixtures.ScriptedSource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XChaCha20Poly1305Test {
  private static final String FAILED =
      "Decryption of ciphertext failed: either someone tampered with the ciphertext or you are using an incorrect"
          + " decryption key.";

  // draft-irtf-cfrg-xchacha-03 §A.3.1
  private static final byte[] KEY =
      hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  private static final byte[] NONCE = hex("404142434445464748494a4b4c4d4e4f5051525354555657");
  private static final byte[] AAD = hex("50515253c0c1c2c3c4c5c6c7");
  private static final byte[] PLAINTEXT =
      ("Ladies and Gentlemen of the class of '99: If I could offer you only one"
              + " tip for the future, sunscreen would be it.")
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CIPHERTEXT =
      hex(
          "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
              + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
              + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
              + "21f9664c97637da9768812f615c68b13b52e");
  private static final byte[] TAG = hex("c0875924c1c7987947deafd8780acf49");

  @Test
  void hChaCha20DraftVector() {
    // draft-irtf-cfrg-xchacha-03 §2.2.1
    byte[] key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] nonce = hex("000000090000004a0000000031415927");
    assertThat(hex(XChaCha20Poly1305.hChaCha20(key, nonce)))
        .isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
  }

  @Test
  void hChaCha20ReadsOnlyTheFirst16NonceBytes() {
    byte[] key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] nonce24 =
        concat(hex("000000090000004a0000000031415927"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThat(hex(XChaCha20Poly1305.hChaCha20(key, nonce24)))
        .isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
  }

  @Test
  void aeadDraftVectorEncrypts() {
    CountingSource nonce = new CountingSource(new ScriptedSource(NONCE.clone()));
    byte[] out = XChaCha20Poly1305.encrypt(KEY, PLAINTEXT, AAD, nonce);
    assertThat(out).isEqualTo(concat(NONCE, CIPHERTEXT, TAG));
    assertThat(nonce.bytes()).isEqualTo(24);
  }

  @Test
  void aeadDraftVectorDecrypts() throws Exception {
    assertThat(XChaCha20Poly1305.decrypt(KEY, concat(NONCE, CIPHERTEXT, TAG), AAD))
        .isEqualTo(PLAINTEXT);
  }

  @Test
  void anyTamperingIsDetected() {
    byte[] sealed = concat(NONCE, CIPHERTEXT, TAG);
    for (int i = 0; i < sealed.length; i += 7) {
      byte[] bad = sealed.clone();
      bad[i] ^= 0x01;
      assertThatThrownBy(() -> XChaCha20Poly1305.decrypt(KEY, bad, AAD))
          .as("flipped byte %d", i)
          .isInstanceOf(DecryptionException.class)
          .hasMessage(FAILED);
    }
    byte[] badAad = AAD.clone();
    badAad[0] ^= 1;
    assertThatThrownBy(() -> XChaCha20Poly1305.decrypt(KEY, sealed, badAad)).hasMessage(FAILED);
    byte[] badKey = KEY.clone();
    badKey[31] ^= 1;
    assertThatThrownBy(() -> XChaCha20Poly1305.decrypt(badKey, sealed, AAD)).hasMessage(FAILED);
    byte[] truncated = Arrays.copyOf(sealed, sealed.length - 1);
    assertThatThrownBy(() -> XChaCha20Poly1305.decrypt(KEY, truncated, AAD)).hasMessage(FAILED);
  }

  @Test
  void shortCiphertexts() {
    for (int len = 0; len < 24; len++) {
      int l = len;
      assertThatThrownBy(() -> XChaCha20Poly1305.decrypt(KEY, new byte[l], AAD))
          .isInstanceOf(DecryptionException.class)
          .hasMessage("The ciphertext must include the nonce");
    }
    for (int len = 24; len < 40; len++) {
      int l = len;
      assertThatThrownBy(() -> XChaCha20Poly1305.decrypt(KEY, new byte[l], AAD))
          .isInstanceOf(DecryptionException.class)
          .hasMessage(FAILED);
    }
  }

  @Test
  void lengthsAndRoundTripsForSeededInputs() throws Exception {
    SplittableRandom rnd = new SplittableRandom(60);
    assertThat(XChaCha20Poly1305.encrypt(KEY, new byte[0], AAD, rnd::nextBytes)).hasSize(40);
    assertThat(XChaCha20Poly1305.encrypt(KEY, new byte[13], AAD, rnd::nextBytes)).hasSize(53);
    for (int i = 0; i < 100; i++) {
      byte[] key = new byte[32];
      rnd.nextBytes(key);
      byte[] pt = new byte[rnd.nextInt(0, 300)];
      rnd.nextBytes(pt);
      byte[] aad = new byte[rnd.nextInt(0, 100)];
      rnd.nextBytes(aad);
      byte[] ct = XChaCha20Poly1305.encrypt(key, pt, aad, rnd::nextBytes);
      assertThat(ct).hasSize(24 + pt.length + 16);
      assertThat(XChaCha20Poly1305.decrypt(key, ct, aad)).isEqualTo(pt);
    }
  }

  @Test
  void freshNoncesGiveDifferentCiphertexts() {
    byte[] a =
        XChaCha20Poly1305.encrypt(KEY, PLAINTEXT, AAD, dev.nkms.crypto.RandomSource.secure());
    byte[] b =
        XChaCha20Poly1305.encrypt(KEY, PLAINTEXT, AAD, dev.nkms.crypto.RandomSource.secure());
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void rejectsKeysOfTheWrongLength() {
    assertThatThrownBy(
            () ->
                XChaCha20Poly1305.encrypt(new byte[16], PLAINTEXT, AAD, new ScriptedSource(NONCE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
