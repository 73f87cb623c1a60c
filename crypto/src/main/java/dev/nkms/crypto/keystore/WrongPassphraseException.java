package dev.nkms.crypto.keystore;

import java.nio.file.Path;

/**
 * The keystore did not authenticate under the passphrase: either the passphrase is wrong or the
 * file was altered. AES-GCM cannot tell the two apart, so neither can this exception. Every other
 * {@link KeystoreException} is about the file itself.
 */
public final class WrongPassphraseException extends KeystoreException {
  private static final String MESSAGE = "wrong passphrase or corrupted keystore";

  WrongPassphraseException() {
    super(MESSAGE);
  }

  WrongPassphraseException(Path file) {
    super(MESSAGE + " " + file);
  }
}
