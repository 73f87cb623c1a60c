package dev.nkms.crypto.keystore;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.HexTranslator;

/**
 * The named secrets a keystore holds, checked: at most {@link #MAX_SECRETS}, each named by {@link
 * #isValidName} and 1 to {@link #MAX_SECRET_BYTES} long. Encoded (the plaintext the cipher seals)
 * as {@code name=hex} lines sorted by name, each ending with LF.
 *
 * <p>The map is unmodifiable and sorted by name; its {@code toString} shows names and lengths only.
 * It does not copy the arrays: built by {@link #of}, it lends the caller's for the moment of
 * encoding; built by {@link #decode}, its arrays are fresh and belong to the caller, who may wipe
 * them.
 */
final class KeystoreEntries extends AbstractMap<String, byte[]> {
  /**
   * Bounds on what a keystore may hold, so a hostile file cannot make the reader allocate without
   * limit.
   */
  static final int MAX_SECRETS = 256;

  static final int MAX_SECRET_BYTES = 64 * 1024;
  static final int MAX_NAME_LENGTH = 64;

  /** The longest plaintext: every entry at the longest name and value, with its '=' and LF. */
  static final long MAX_ENCODED_BYTES = MAX_SECRETS * (MAX_NAME_LENGTH + 2 + 2L * MAX_SECRET_BYTES);

  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1," + MAX_NAME_LENGTH + "}");

  /**
   * Array to array, so no secret hex passes through a String or a growing buffer (neither can be
   * wiped).
   */
  private static final HexTranslator HEX = new HexTranslator();

  private final Map<String, byte[]> secrets;

  private KeystoreEntries(TreeMap<String, byte[]> secrets) {
    this.secrets = Collections.unmodifiableMap(secrets);
  }

  /** True for a valid secret name: 1 to 64 of {@code a-z 0-9 . _ -}. */
  static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * @throws IllegalArgumentException for too many secrets, a bad name, or an empty or oversized
   *     secret
   */
  static KeystoreEntries of(Map<String, byte[]> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.size() > MAX_SECRETS) {
      throw new IllegalArgumentException(
          "a keystore holds at most " + MAX_SECRETS + " secrets, got " + secrets.size());
    }
    TreeMap<String, byte[]> sorted = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
      String name = e.getKey();
      if (!isValidName(name)) {
        throw new IllegalArgumentException(
            "secret name must be 1 to 64 of [a-z0-9._-], got "
                + (name == null ? "null" : "'" + name + "'"));
      }
      byte[] value = e.getValue();
      if (value == null || value.length == 0 || value.length > MAX_SECRET_BYTES) {
        throw new IllegalArgumentException(
            "secret '"
                + name
                + "' must be 1 to "
                + MAX_SECRET_BYTES
                + " bytes, got "
                + (value == null ? "null" : value.length));
      }
      sorted.put(name, value);
    }
    return new KeystoreEntries(sorted);
  }

  /** The plaintext; the caller wipes it once sealed. */
  byte[] encode() {
    int size = 0;
    for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
      size += e.getKey().length() + 1 + 2 * e.getValue().length + 1;
    }
    byte[] out = new byte[size];
    int pos = 0;
    for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(name, 0, out, pos, name.length);
      pos += name.length;
      out[pos++] = '=';
      pos += HEX.encode(e.getValue(), 0, e.getValue().length, out, pos);
      out[pos++] = '\n';
    }
    return out;
  }

  /** Parses decrypted {@code name=hex} lines as strictly as {@link #encode} writes them. */
  static KeystoreEntries decode(byte[] plaintext) throws KeystoreException {
    TreeMap<String, byte[]> out = new TreeMap<>();
    int pos = 0;
    String previous = null;
    try {
      while (pos < plaintext.length) {
        int eq = pos;
        while (eq < plaintext.length && plaintext[eq] != '=' && plaintext[eq] != '\n') {
          eq++;
        }
        if (eq == plaintext.length || plaintext[eq] != '=') {
          throw malformed("entry " + (out.size() + 1) + " has no '='");
        }
        String name = new String(plaintext, pos, eq - pos, StandardCharsets.US_ASCII);
        if (!isValidName(name)) {
          throw malformed("entry " + (out.size() + 1) + " has an invalid name");
        }
        if (previous != null && previous.compareTo(name) >= 0) {
          throw malformed("entry '" + name + "' is duplicated or out of order");
        }
        int end = eq + 1;
        while (end < plaintext.length && plaintext[end] != '\n') {
          end++;
        }
        if (end == plaintext.length) {
          throw malformed("entry '" + name + "' is not terminated by a newline");
        }
        int digits = end - eq - 1;
        if (digits == 0 || digits % 2 != 0 || digits / 2 > MAX_SECRET_BYTES) {
          throw malformed("entry '" + name + "' has a value of invalid length");
        }
        for (int i = eq + 1; i < end; i++) {
          if (!isLowerHexDigit(plaintext[i])) {
            throw malformed("entry '" + name + "' is not lower-case hex");
          }
        }
        if (out.size() == MAX_SECRETS) {
          throw malformed("more than " + MAX_SECRETS + " entries");
        }
        byte[] value = new byte[digits / 2];
        HEX.decode(plaintext, eq + 1, digits, value, 0);
        out.put(name, value);
        previous = name;
        pos = end + 1;
      }
      return new KeystoreEntries(out);
    } catch (KeystoreException e) {
      out.values().forEach(v -> Arrays.fill(v, (byte) 0));
      throw e;
    }
  }

  /** The decoder assumes valid digits (it has no error path), so each is checked first. */
  private static boolean isLowerHexDigit(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
  }

  private static KeystoreException malformed(String what) {
    return new KeystoreException("keystore contents are malformed: " + what);
  }

  @Override
  public Set<Entry<String, byte[]>> entrySet() {
    return secrets.entrySet();
  }

  @Override
  public byte[] get(Object key) {
    return secrets.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return secrets.containsKey(key);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Secrets{");
    String sep = "";
    for (Entry<String, byte[]> e : secrets.entrySet()) {
      sb.append(sep)
          .append(e.getKey())
          .append("=<")
          .append(e.getValue().length)
          .append(" bytes, redacted>");
      sep = ", ";
    }
    return sb.append('}').toString();
  }
}
