package dev.nkms.crypto.keystore;

import dev.nkms.crypto.RandomSource;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Seals a plaintext under a passphrase into a {@link KeystoreDocument} and opens it again: the
 * passphrase (UTF-8) goes through scrypt with a fresh salt to a 32-byte key, which encrypts with
 * AES-256-GCM under a fresh nonce, the document's header being the associated data. Salt then nonce
 * are drawn from the injected {@link RandomSource}, so a fixed source reproduces a document byte
 * for byte. The caller keeps ownership of passphrase and plaintext; only this class's own copies
 * (the key, the encoded passphrase) are wiped.
 */
final class KeystoreCipher {
  static final int KEY_BYTES = 32;

  private final RandomSource random;

  KeystoreCipher(RandomSource random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * @throws IllegalArgumentException for an empty passphrase or one that is not valid Unicode
   */
  KeystoreDocument seal(char[] passphrase, byte[] plaintext, ScryptParams params) {
    checkPassphrase(passphrase);
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(params, "params");
    byte[] salt = random.nextBytes(KeystoreDocument.SALT_BYTES);
    byte[] nonce = random.nextBytes(KeystoreDocument.NONCE_BYTES);
    KeystoreDocument.Header header =
        new KeystoreDocument.Header(
            params, salt, nonce, plaintext.length + KeystoreDocument.TAG_BYTES);
    byte[] key = deriveKey(passphrase, salt, params);
    try {
      return new KeystoreDocument(
          header, gcm(Cipher.ENCRYPT_MODE, key, nonce, header.toBytes(), plaintext));
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("AES-GCM encryption reported a tag failure", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The plaintext, which the caller wipes when done.
   *
   * @throws WrongPassphraseException if the document does not authenticate under this passphrase
   */
  byte[] open(KeystoreDocument document, char[] passphrase) throws WrongPassphraseException {
    checkPassphrase(passphrase);
    KeystoreDocument.Header header = document.header();
    byte[] key = deriveKey(passphrase, header.salt(), header.params());
    try {
      return gcm(Cipher.DECRYPT_MODE, key, header.nonce(), header.toBytes(), document.ciphertext());
    } catch (AEADBadTagException e) {
      throw new WrongPassphraseException();
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * @throws IllegalArgumentException for an empty passphrase
   */
  static void checkPassphrase(char[] passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("passphrase must not be empty");
    }
  }

  private static byte[] deriveKey(char[] passphrase, byte[] salt, ScryptParams params) {
    byte[] pass = utf8(passphrase);
    try {
      return SCrypt.generate(pass, salt, params.n(), params.r(), params.p(), KEY_BYTES);
    } finally {
      Arrays.fill(pass, (byte) 0);
    }
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer buf;
    try {
      buf = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("passphrase is not valid Unicode (unpaired surrogate)");
    }
    byte[] out =
        Arrays.copyOfRange(buf.array(), buf.arrayOffset(), buf.arrayOffset() + buf.limit());
    Arrays.fill(buf.array(), (byte) 0);
    return out;
  }

  static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input)
      throws AEADBadTagException {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          mode,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(KeystoreDocument.TAG_BYTES * 8, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every Java SE runtime; reaching this is a broken JDK, not bad
      // input.
      throw new IllegalStateException("AES-256-GCM unavailable: " + e, e);
    }
  }
}
