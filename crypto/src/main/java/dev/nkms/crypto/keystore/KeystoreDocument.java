package dev.nkms.crypto.keystore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Hex;

/**
 * A keystore file's contents, version 1: a text header naming the key derivation and its inputs,
 * then the AES-256-GCM ciphertext (tag included), all printable ASCII.
 *
 * <pre>
 * nkms-keystore v1
 * kdf=scrypt
 * n=32768
 * r=8
 * p=1
 * salt=&lt;16 bytes, lower-case hex&gt;
 * nonce=&lt;12 bytes, lower-case hex&gt;
 * ciphertext-bytes=&lt;decimal&gt;
 * ciphertext=&lt;lower-case hex&gt;
 * </pre>
 *
 * Every line ends with LF and nothing follows the ciphertext line. {@link #parse} is strict and
 * total: an input either is a document, and then {@link #toBytes} gives back exactly that input, or
 * it raises a {@link KeystoreException} saying what is wrong. Messages never quote the input, which
 * may not be a keystore at all.
 */
final class KeystoreDocument {
  static final String MAGIC = "nkms-keystore v";
  static final int VERSION = 1;
  static final int SALT_BYTES = 16;
  static final int NONCE_BYTES = 12;

  /** The GCM tag, carried at the end of the ciphertext. */
  static final int TAG_BYTES = 16;

  static final long MAX_CIPHERTEXT_BYTES = KeystoreEntries.MAX_ENCODED_BYTES + TAG_BYTES;

  /** No document is longer: hex doubles the ciphertext, and 4 KiB is ample for the header. */
  static final long MAX_BYTES = 2 * MAX_CIPHERTEXT_BYTES + 4096;

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,9}");
  private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]*");
  private static final String[] FIELDS = {
    "kdf", "n", "r", "p", "salt", "nonce", "ciphertext-bytes", "ciphertext"
  };

  private final Header header;
  private final byte[] ciphertext;

  /**
   * @throws IllegalArgumentException if the ciphertext is not as long as the header declares
   */
  KeystoreDocument(Header header, byte[] ciphertext) {
    this.header = Objects.requireNonNull(header, "header");
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.length != header.ciphertextBytes) {
      throw new IllegalArgumentException(
          "the header declares "
              + header.ciphertextBytes
              + " ciphertext bytes, got "
              + ciphertext.length);
    }
    this.ciphertext = ciphertext.clone();
  }

  Header header() {
    return header;
  }

  /** The AES-GCM ciphertext followed by its tag. */
  byte[] ciphertext() {
    return ciphertext.clone();
  }

  byte[] toBytes() {
    byte[] head = header.toBytes();
    byte[] tail =
        ("ciphertext=" + Hex.toHexString(ciphertext) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }

  /**
   * Every line before the ciphertext line. It is the GCM associated data, so no header byte can
   * change without the document failing to open. Its length is part of it because the ciphertext
   * line is written after sealing.
   */
  static final class Header {
    private final ScryptParams params;
    private final byte[] salt;
    private final byte[] nonce;
    private final int ciphertextBytes;

    /**
     * @throws IllegalArgumentException for a salt or nonce of the wrong length, or a length out of
     *     range
     */
    Header(ScryptParams params, byte[] salt, byte[] nonce, int ciphertextBytes) {
      this.params = Objects.requireNonNull(params, "params");
      this.salt = exactly(salt, SALT_BYTES, "salt");
      this.nonce = exactly(nonce, NONCE_BYTES, "nonce");
      if (ciphertextBytes < TAG_BYTES || ciphertextBytes > MAX_CIPHERTEXT_BYTES) {
        throw new IllegalArgumentException(
            "ciphertext-bytes " + ciphertextBytes + " is out of range");
      }
      this.ciphertextBytes = ciphertextBytes;
    }

    private static byte[] exactly(byte[] bytes, int length, String field) {
      Objects.requireNonNull(bytes, field);
      if (bytes.length != length) {
        throw new IllegalArgumentException(
            field + " must be " + length + " bytes, got " + bytes.length);
      }
      return bytes.clone();
    }

    ScryptParams params() {
      return params;
    }

    byte[] salt() {
      return salt.clone();
    }

    byte[] nonce() {
      return nonce.clone();
    }

    int ciphertextBytes() {
      return ciphertextBytes;
    }

    byte[] toBytes() {
      return (MAGIC
              + VERSION
              + "\n"
              + "kdf=scrypt\n"
              + "n="
              + params.n()
              + "\n"
              + "r="
              + params.r()
              + "\n"
              + "p="
              + params.p()
              + "\n"
              + "salt="
              + Hex.toHexString(salt)
              + "\n"
              + "nonce="
              + Hex.toHexString(nonce)
              + "\n"
              + "ciphertext-bytes="
              + ciphertextBytes
              + "\n")
          .getBytes(StandardCharsets.US_ASCII);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // parsing

  /**
   * Strict and total: any input either parses to a fully checked document or raises a {@link
   * KeystoreException}.
   */
  static KeystoreDocument parse(byte[] contents) throws KeystoreException {
    Objects.requireNonNull(contents, "contents");
    if (contents.length == 0) {
      throw new KeystoreException("keystore file is empty");
    }
    for (int i = 0; i < contents.length; i++) {
      byte b = contents[i];
      if (b != '\n' && (b < 0x20 || b > 0x7e)) {
        throw new KeystoreException(
            "not an nkms keystore: unexpected byte 0x"
                + String.format("%02x", b & 0xff)
                + " at offset "
                + i);
      }
    }
    String text = new String(contents, StandardCharsets.US_ASCII);
    int firstEnd = text.indexOf('\n');
    String first = firstEnd < 0 ? text : text.substring(0, firstEnd);
    if (!first.startsWith(MAGIC)) {
      throw new KeystoreException(
          "not an nkms keystore (the first line is not '" + MAGIC + VERSION + "')");
    }
    String version = first.substring(MAGIC.length());
    if (!version.equals(String.valueOf(VERSION))) {
      if (DECIMAL.matcher(version).matches()) {
        throw new KeystoreException(
            "unsupported keystore version "
                + version
                + " (this build reads version "
                + VERSION
                + ")");
      }
      throw new KeystoreException(
          "not an nkms keystore (the first line is not '" + MAGIC + VERSION + "')");
    }
    if (!text.endsWith("\n")) {
      throw new KeystoreException("keystore file is truncated (the last line is incomplete)");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 1 + FIELDS.length) {
      throw new KeystoreException(
          "keystore file is truncated (the '" + FIELDS[lines.length - 1] + "' line is missing)");
    }
    if (lines.length > 1 + FIELDS.length) {
      throw new KeystoreException("keystore file has unexpected data after the ciphertext line");
    }
    String[] values = new String[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      String prefix = FIELDS[i] + "=";
      if (!lines[i + 1].startsWith(prefix)) {
        throw new KeystoreException(
            "keystore line " + (i + 2) + ": expected the '" + FIELDS[i] + "' field");
      }
      values[i] = lines[i + 1].substring(prefix.length());
    }
    if (!values[0].equals("scrypt")) {
      throw new KeystoreException(
          "keystore line 2: unsupported key derivation function (only scrypt is known)");
    }
    long n = decimal(values[1], "n", 3);
    long r = decimal(values[2], "r", 4);
    long p = decimal(values[3], "p", 5);
    String problem = ScryptParams.problem(n, r, p);
    if (problem != null) {
      throw new KeystoreException("keystore has unacceptable KDF parameters: " + problem);
    }
    byte[] salt = unhex(values[4], SALT_BYTES, "salt", 6);
    byte[] nonce = unhex(values[5], NONCE_BYTES, "nonce", 7);
    long declared = decimal(values[6], "ciphertext-bytes", 8);
    if (declared < TAG_BYTES || declared > MAX_CIPHERTEXT_BYTES) {
      throw new KeystoreException(
          "keystore line 8: ciphertext-bytes " + declared + " is out of range");
    }
    String ct = values[7];
    if (ct.length() < 2 * declared) {
      throw new KeystoreException(
          "keystore file is truncated (the ciphertext has "
              + ct.length() / 2
              + " of "
              + declared
              + " bytes)");
    }
    if (ct.length() > 2 * declared) {
      throw new KeystoreException(
          "keystore line 9: the ciphertext is longer than the declared " + declared + " bytes");
    }
    byte[] ciphertext = unhex(ct, (int) declared, "ciphertext", 9);
    // Every check above has passed, so these constructors cannot throw.
    Header header =
        new Header(ScryptParams.of((int) n, (int) r, (int) p), salt, nonce, (int) declared);
    return new KeystoreDocument(header, ciphertext);
  }

  private static long decimal(String s, String field, int line) throws KeystoreException {
    if (!DECIMAL.matcher(s).matches()) {
      throw new KeystoreException(
          "keystore line " + line + ": '" + field + "' is not a canonical decimal number");
    }
    return Long.parseLong(s);
  }

  private static byte[] unhex(String s, int length, String field, int line)
      throws KeystoreException {
    if (s.length() != 2 * length) {
      throw new KeystoreException(
          "keystore line "
              + line
              + ": '"
              + field
              + "' must be "
              + length
              + " bytes ("
              + 2 * length
              + " hex digits), got "
              + s.length()
              + " digits");
    }
    // Checked here because the decoder is lenient (upper case, white space); the format is not.
    if (!LOWER_HEX.matcher(s).matches()) {
      throw new KeystoreException(
          "keystore line " + line + ": '" + field + "' is not lower-case hex");
    }
    return Hex.decode(s);
  }
}
