package dev.nkms.crypto.keystore;

import dev.nkms.crypto.RandomSource;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An encrypted file of named secrets. A passphrase goes through scrypt to a 32-byte key, which
 * encrypts the secrets with AES-256-GCM; the whole header (version, KDF parameters, salt, nonce,
 * length) is the GCM associated data, so no header byte can be changed without the file failing to
 * open.
 *
 * <p>This class only composes the parts: {@link KeystoreEntries} (the secrets and their plaintext
 * encoding), {@link KeystoreCipher} (passphrase, KDF and AEAD), {@link KeystoreDocument} (the file
 * format) and {@link KeystoreFile} (the owner-only file, replaced atomically; a file group or
 * others may access is refused). Messages never quote the file's bytes, which may not be a keystore
 * at all.
 */
public final class Keystore {
  /**
   * Bounds on what a keystore may hold, so a hostile file cannot make the reader allocate without
   * limit.
   */
  public static final int MAX_SECRETS = KeystoreEntries.MAX_SECRETS;

  public static final int MAX_SECRET_BYTES = KeystoreEntries.MAX_SECRET_BYTES;

  private static final KeystoreCipher CIPHER = new KeystoreCipher(RandomSource.secure());

  private Keystore() {}

  /** True for a valid secret name: 1 to 64 of {@code a-z 0-9 . _ -}. */
  public static boolean isValidName(String name) {
    return KeystoreEntries.isValidName(name);
  }

  /** Writes with {@link ScryptParams#DEFAULT}. */
  public static void write(Path file, char[] passphrase, Map<String, byte[]> secrets)
      throws KeystoreException {
    write(file, passphrase, secrets, ScryptParams.DEFAULT);
  }

  /**
   * Encrypts {@code secrets} under {@code passphrase} and atomically replaces {@code file} with the
   * result. The caller keeps ownership of the passphrase and the secret arrays; this method wipes
   * only its own copies.
   *
   * @throws IllegalArgumentException for an empty passphrase, a bad name, an empty or oversized
   *     secret
   */
  public static void write(
      Path file, char[] passphrase, Map<String, byte[]> secrets, ScryptParams params)
      throws KeystoreException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(params, "params");
    KeystoreCipher.checkPassphrase(passphrase);
    byte[] plaintext = KeystoreEntries.of(secrets).encode();
    KeystoreDocument document;
    try {
      document = CIPHER.seal(passphrase, plaintext, params);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    KeystoreFile.write(file, document.toBytes());
  }

  /**
   * Opens a keystore. The returned map is unmodifiable and sorted by name; its arrays are fresh
   * copies the caller may wipe; its {@code toString} shows names and lengths only.
   *
   * @throws WrongPassphraseException if the file does not open under this passphrase (or was
   *     altered)
   * @throws KeystoreException for anything else wrong with the file
   */
  public static Map<String, byte[]> read(Path file, char[] passphrase) throws KeystoreException {
    Objects.requireNonNull(file, "file");
    KeystoreCipher.checkPassphrase(passphrase);
    KeystoreDocument document =
        KeystoreDocument.parse(KeystoreFile.read(file, KeystoreDocument.MAX_BYTES));
    byte[] plaintext;
    try {
      plaintext = CIPHER.open(document, passphrase);
    } catch (WrongPassphraseException e) {
      throw new WrongPassphraseException(file);
    }
    try {
      return KeystoreEntries.decode(plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * The scrypt parameters a keystore file was written with; no passphrase needed (they are not
   * secret).
   */
  public static ScryptParams params(Path file) throws KeystoreException {
    return KeystoreDocument.parse(KeystoreFile.read(file, KeystoreDocument.MAX_BYTES))
        .header()
        .params();
  }
}
