package dev.nkms.client.connect;

import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keystore.Keystore;
import dev.nkms.crypto.keystore.KeystoreException;
import dev.nkms.crypto.keystore.WrongPassphraseException;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A user's keystore: an Alice half (delegating and signing keys) and a Bob half (decrypting and
 * signing keys), both under one passphrase, as {@code nkms keys generate} writes it. The card
 * ({@link BobKeys#card()}) is what others need to share with this user.
 */
public record UserKeys(AliceKeys alice, BobKeys bob) {
  /** The keystore entry names. */
  public static final String ALICE = "alice";

  public static final String BOB = "bob";

  /** Fresh random keys. */
  public static UserKeys random(RandomSource random) {
    return new UserKeys(AliceKeys.random(random), BobKeys.random(random));
  }

  /**
   * Writes both halves to a new keystore (0600, atomically).
   *
   * @throws KeystoreException when the file cannot be written
   */
  public void write(Path keystore, char[] passphrase) throws KeystoreException {
    byte[] a = alice.toSecretBytes();
    byte[] b = bob.toSecretBytes();
    try {
      Keystore.write(keystore, passphrase, Map.of(ALICE, a, BOB, b));
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * Opens a keystore.
   *
   * @throws NkmsException {@link Kind#FAILED} for a wrong passphrase (or altered bytes), {@link
   *     Kind#INVALID_INPUT} for anything wrong with the file
   */
  public static UserKeys open(Path keystore, char[] passphrase) {
    Map<String, byte[]> secrets;
    try {
      secrets = Keystore.read(keystore, passphrase);
    } catch (WrongPassphraseException e) {
      throw new NkmsException(
          Kind.FAILED, "wrong passphrase for keystore " + keystore + " (or it is damaged)");
    } catch (KeystoreException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage());
    }
    byte[] a = secrets.get(ALICE);
    byte[] b = secrets.get(BOB);
    try {
      if (a == null || b == null) {
        throw new NkmsException(
            Kind.INVALID_INPUT, keystore + " holds no '" + (a == null ? ALICE : BOB) + "' keys");
      }
      return new UserKeys(AliceKeys.fromSecretBytes(a), BobKeys.fromSecretBytes(b));
    } catch (MalformedInputException e) {
      throw new NkmsException(Kind.INVALID_INPUT, keystore + " is damaged: its keys do not parse");
    } finally {
      secrets.values().forEach(v -> Arrays.fill(v, (byte) 0));
    }
  }

  @Override
  public String toString() {
    return "UserKeys[" + bob.card().verifyingKey() + "]"; // never the secret halves
  }
}
