package dev.nkms.cli.characters;

import dev.nkms.cli.Passphrases;
import dev.nkms.cli.UserError;
import dev.nkms.client.keys.AliceKeys;
import dev.nkms.client.keys.BobCard;
import dev.nkms.client.keys.BobKeys;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keystore.Keystore;
import dev.nkms.crypto.keystore.KeystoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A person's keys in one encrypted keystore: the Alice half (signing key + policy-key seed) and the Bob half
 * (signing key + encrypting key). The public card (for others to grant to) is written beside it.
 */
final class Identity {
  private static final String ALICE = "alice";
  private static final String BOB = "bob";

  private Identity() {}

  static BobCard generate(Path keystore, Path passphraseFile) throws IOException, KeystoreException {
    if (Files.exists(keystore)) {
      throw new UserError(1, keystore + " exists; refusing to overwrite keys");
    }
    Path parent = keystore.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    AliceKeys alice = AliceKeys.random(RandomSource.secure());
    BobKeys bob = BobKeys.random(RandomSource.secure());
    char[] passphrase = Passphrases.obtain(passphraseFile, "the new keystore " + keystore, true);
    byte[] a = alice.toSecretBytes();
    byte[] b = bob.toSecretBytes();
    try {
      Keystore.write(keystore, passphrase, Map.of(ALICE, a, BOB, b));
    } finally {
      Arrays.fill(passphrase, '\0');
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
    return bob.card();
  }

  static AliceKeys alice(Path keystore, Path passphraseFile) {
    byte[] secret = read(keystore, passphraseFile, ALICE);
    try {
      return AliceKeys.fromSecretBytes(secret);
    } catch (MalformedInputException e) {
      throw new UserError(2, keystore + ": " + e.getMessage());
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  static BobKeys bob(Path keystore, Path passphraseFile) {
    byte[] secret = read(keystore, passphraseFile, BOB);
    try {
      return BobKeys.fromSecretBytes(secret);
    } catch (MalformedInputException e) {
      throw new UserError(2, keystore + ": " + e.getMessage());
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  static BobCard card(Path file) {
    try {
      return BobCard.fromHex(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (NoSuchFileException e) {
      throw new UserError(2, "no such card file: " + file);
    } catch (IOException e) {
      throw new UserError(2, "cannot read " + file + ": " + e.getMessage());
    } catch (MalformedInputException e) {
      throw new UserError(2, file + " is not a card: " + e.getMessage());
    }
  }

  private static byte[] read(Path keystore, Path passphraseFile, String name) {
    if (!Files.exists(keystore)) {
      throw new UserError(2, "no keystore at " + keystore + " (create one with `nkms keys generate`)");
    }
    char[] passphrase = Passphrases.obtain(passphraseFile, "keystore " + keystore, false);
    try {
      Map<String, byte[]> secrets = Keystore.read(keystore, passphrase);
      byte[] s = secrets.get(name);
      if (s == null) {
        throw new UserError(2, keystore + " holds no '" + name + "' keys");
      }
      return s.clone();
    } catch (KeystoreException e) {
      throw new UserError(1, keystore + ": " + e.getMessage());
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }
}
