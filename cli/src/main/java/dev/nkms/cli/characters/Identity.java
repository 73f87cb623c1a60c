package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.Passphrases;
import dev.nkms.cli.UserError;
import dev.nkms.cli.files.Inputs;
import dev.nkms.client.connect.UserKeys;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keystore.Keystore;
import dev.nkms.crypto.keystore.KeystoreException;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.protocol.keys.BobKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A person's keys in one encrypted keystore: the Alice half (signing key + policy-key seed) and the
 * Bob half (signing key + encrypting key). The public card (for others to grant to) is written
 * beside it.
 *
 * <p>Before a passphrase is asked for, the keystore is checked locally so that each mistake gets
 * its own message: a missing or unreadable file, a directory, a card given where the keystore
 * belongs, a file that is no keystore, a keystore others can read. Only then is it decrypted (a
 * wrong passphrase is the one failure left).
 */
final class Identity {
  private static final String ALICE = UserKeys.ALICE;
  private static final String BOB = UserKeys.BOB;

  /** How a keystore file begins (see {@link Keystore}). */
  static final String KEYSTORE_MAGIC = "nkms-keystore v";

  private static final int SNIFF = 4096;

  private Identity() {}

  /**
   * Creates a new keystore at {@code keystore} (the caller has checked that it may be written, see
   * {@link dev.nkms.cli.files.OutputFile#check}). {@link Keystore#write} writes it the same way
   * OutputFile does: a 0600 temporary file, fsynced, atomically renamed.
   */
  static BobCard generate(Path keystore, Path passphraseFile) throws KeystoreException {
    UserKeys keys = UserKeys.random(RandomSource.secure());
    char[] passphrase = Passphrases.obtain(passphraseFile, "the new keystore " + keystore, true);
    try {
      keys.write(keystore, passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    return keys.bob().card();
  }

  static AliceKeys alice(Path keystore, Path passphraseFile) {
    byte[] secret = read(keystore, passphraseFile, ALICE);
    try {
      return AliceKeys.fromSecretBytes(secret);
    } catch (MalformedInputException e) {
      throw new UserError(ExitCode.USAGE, keystore + " is damaged: its Alice keys do not parse");
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  static BobKeys bob(Path keystore, Path passphraseFile) {
    byte[] secret = read(keystore, passphraseFile, BOB);
    try {
      return BobKeys.fromSecretBytes(secret);
    } catch (MalformedInputException e) {
      throw new UserError(ExitCode.USAGE, keystore + " is damaged: its Bob keys do not parse");
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** Both halves of a keystore, opened with one passphrase. */
  record Keys(AliceKeys alice, BobKeys bob) {}

  static Keys both(Path keystore, Path passphraseFile) {
    Map<String, byte[]> secrets = readAll(keystore, passphraseFile);
    byte[] a = secrets.get(ALICE);
    byte[] b = secrets.get(BOB);
    try {
      if (a == null || b == null) {
        throw new UserError(
            ExitCode.USAGE, keystore + " holds no '" + (a == null ? ALICE : BOB) + "' keys");
      }
      return new Keys(AliceKeys.fromSecretBytes(a), BobKeys.fromSecretBytes(b));
    } catch (MalformedInputException e) {
      throw new UserError(ExitCode.USAGE, keystore + " is damaged: its keys do not parse");
    } finally {
      secrets.values().forEach(v -> Arrays.fill(v, (byte) 0));
    }
  }

  /** Reads a card file; a keystore given instead is named as such (it must never be handed out). */
  static BobCard card(Path file) {
    byte[] bytes = Inputs.readAll(file, "card", SNIFF);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith(KEYSTORE_MAGIC)) {
      throw new UserError(
          ExitCode.USAGE,
          file
              + " is a keystore (secret keys), not a card; pass the card"
              + " (NAME.card, written beside NAME.keys by `nkms keys generate`)");
    }
    try {
      return BobCard.fromHex(text.strip());
    } catch (MalformedInputException e) {
      throw new UserError(ExitCode.USAGE, file + " is not an nkms card (" + e.getMessage() + ")");
    }
  }

  /**
   * Checks {@code keystore} without decrypting it: it exists, is a readable regular file, is a
   * keystore (not a card, not something else), and only its owner may read it.
   */
  static void check(Path keystore) {
    if (Inputs.isStd(keystore)) {
      throw new UserError(ExitCode.USAGE, "a keystore cannot be read from stdin; give its file");
    }
    if (Files.isDirectory(keystore)) {
      throw new UserError(
          ExitCode.USAGE,
          keystore + " is a directory, not a keystore; give the keystore file" + " (NAME.keys)");
    }
    if (!Files.exists(keystore)) {
      throw new UserError(
          ExitCode.USAGE,
          "no keystore at "
              + keystore
              + " (create one with `nkms keys generate"
              + " --out "
              + keystore
              + "`)");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(keystore)) {
      head = in.readNBytes(SNIFF);
    } catch (AccessDeniedException e) {
      throw new UserError(
          ExitCode.USAGE,
          "cannot read keystore "
              + keystore
              + ": permission denied (it must be"
              + " readable by you, and only you)");
    } catch (IOException e) {
      throw new UserError(
          ExitCode.USAGE, "cannot read keystore " + keystore + ": " + e.getMessage());
    }
    String text = new String(head, StandardCharsets.ISO_8859_1);
    if (!text.startsWith(KEYSTORE_MAGIC)) {
      if (isCard(text)) {
        throw new UserError(
            ExitCode.USAGE,
            keystore
                + " is a card (public keys), not a keystore; pass your"
                + " keystore (NAME.keys) with --keys");
      }
      throw new UserError(ExitCode.USAGE, keystore + " is not an nkms keystore");
    }
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(keystore);
    } catch (IOException | UnsupportedOperationException e) {
      return; // Keystore.read reports it
    }
    Set<PosixFilePermission> others =
        EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    others.retainAll(perms);
    if (!others.isEmpty()) {
      throw new UserError(
          ExitCode.USAGE,
          "keystore "
              + keystore
              + " is accessible by group or others (mode "
              + PosixFilePermissions.toString(perms)
              + "); refusing to use it. Restrict it with: chmod 600 "
              + keystore);
    }
  }

  private static boolean isCard(String text) {
    try {
      BobCard.fromHex(text.strip());
      return true;
    } catch (MalformedInputException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] read(Path keystore, Path passphraseFile, String name) {
    Map<String, byte[]> secrets = readAll(keystore, passphraseFile);
    try {
      byte[] s = secrets.get(name);
      if (s == null) {
        throw new UserError(ExitCode.USAGE, keystore + " holds no '" + name + "' keys");
      }
      return s.clone();
    } finally {
      secrets.values().forEach(v -> Arrays.fill(v, (byte) 0));
    }
  }

  private static Map<String, byte[]> readAll(Path keystore, Path passphraseFile) {
    check(keystore);
    char[] passphrase = Passphrases.obtain(passphraseFile, "keystore " + keystore, false);
    try {
      return Keystore.read(keystore, passphrase);
    } catch (dev.nkms.crypto.keystore.WrongPassphraseException e) {
      throw new UserError(
          ExitCode.FAILED,
          "wrong passphrase for keystore "
              + keystore
              + " (or the keystore is"
              + " damaged); the passphrase comes from --passphrase-file, "
              + Passphrases.ENV
              + " or the prompt");
    } catch (KeystoreException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }
}
