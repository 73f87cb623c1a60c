package dev.nkms.crypto.keystore;

import dev.nkms.crypto.RandomSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * An encrypted file of named secrets. A passphrase goes through scrypt to a 32-byte key, which encrypts the secrets
 * with AES-256-GCM; the whole header (version, KDF parameters, salt, nonce, length) is the GCM associated data, so
 * no header byte can be changed without the file failing to open.
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
 * Every line ends with LF and nothing follows the ciphertext line. The plaintext is {@code name=hex} lines sorted by
 * name. The file is created mode 0600 (never widened then narrowed) and replaced atomically; a file that group or
 * others may access is refused on read. Messages never quote the file's bytes, which may not be a keystore at all.
 */
public final class Keystore {
  static final String MAGIC = "nkms-keystore v";
  static final int VERSION = 1;
  static final int SALT_BYTES = 16;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int KEY_BYTES = 32;
  /** Bounds on what a keystore may hold, so a hostile file cannot make the reader allocate without limit. */
  public static final int MAX_SECRETS = 256;
  public static final int MAX_SECRET_BYTES = 64 * 1024;
  static final long MAX_FILE_BYTES = 2L * (MAX_SECRETS * (64 + 2 + 2L * MAX_SECRET_BYTES) + TAG_BYTES) + 4096;

  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1,64}");
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,9}");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final String[] FIELDS = {"kdf", "n", "r", "p", "salt", "nonce", "ciphertext-bytes", "ciphertext"};

  private Keystore() {}

  /** scrypt cost parameters. Limits apply on write as on read, so whatever is written can be read back. */
  public static final class ScryptParams {
    public static final int MAX_N = 1 << 20;
    public static final int MAX_R = 32;
    public static final int MAX_P = 16;
    /** scrypt needs 128·N·r bytes of memory; more than 1 GiB is refused as a denial of service. */
    public static final long MAX_MEMORY_BYTES = 1L << 30;
    /** The production default: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s). */
    public static final ScryptParams DEFAULT = new ScryptParams(1 << 15, 8, 1);

    private final int n;
    private final int r;
    private final int p;

    private ScryptParams(int n, int r, int p) {
      this.n = n;
      this.r = r;
      this.p = p;
    }

    /** @throws IllegalArgumentException if N is not a power of two in [2, 2^20], r not in [1, 32], p not in [1, 16] */
    public static ScryptParams of(int n, int r, int p) {
      String problem = problem(n, r, p);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      return new ScryptParams(n, r, p);
    }

    static String problem(long n, long r, long p) {
      if (n < 2 || n > MAX_N || (n & (n - 1)) != 0) {
        return "scrypt N must be a power of two between 2 and 2^20, got " + n;
      }
      if (r < 1 || r > MAX_R) {
        return "scrypt r must be between 1 and " + MAX_R + ", got " + r;
      }
      if (p < 1 || p > MAX_P) {
        return "scrypt p must be between 1 and " + MAX_P + ", got " + p;
      }
      if (128 * n * r > MAX_MEMORY_BYTES) {
        return "scrypt N=" + n + ", r=" + r + " would need more than 1 GiB of memory";
      }
      return null;
    }

    public int n() {
      return n;
    }

    public int r() {
      return r;
    }

    public int p() {
      return p;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ScryptParams && n == ((ScryptParams) o).n && r == ((ScryptParams) o).r
          && p == ((ScryptParams) o).p;
    }

    @Override
    public int hashCode() {
      return Objects.hash(n, r, p);
    }

    @Override
    public String toString() {
      return "scrypt(N=" + n + ", r=" + r + ", p=" + p + ")";
    }
  }

  /** True for a valid secret name: 1 to 64 of {@code a-z 0-9 . _ -}. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Writes with {@link ScryptParams#DEFAULT}. */
  public static void write(Path file, char[] passphrase, Map<String, byte[]> secrets) throws KeystoreException {
    write(file, passphrase, secrets, ScryptParams.DEFAULT);
  }

  /**
   * Encrypts {@code secrets} under {@code passphrase} and atomically replaces {@code file} with the result. The
   * caller keeps ownership of the passphrase and the secret arrays; this method wipes only its own copies.
   *
   * @throws IllegalArgumentException for an empty passphrase, a bad name, an empty or oversized secret
   */
  public static void write(Path file, char[] passphrase, Map<String, byte[]> secrets, ScryptParams params)
      throws KeystoreException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(params, "params");
    checkPassphrase(passphrase);
    TreeMap<String, byte[]> sorted = checkedSecrets(secrets);
    RandomSource random = RandomSource.secure();
    byte[] salt = random.nextBytes(SALT_BYTES);
    byte[] nonce = random.nextBytes(NONCE_BYTES);
    byte[] key = deriveKey(passphrase, salt, params);
    byte[] plaintext = encodePlaintext(sorted);
    String header = header(params, salt, nonce, plaintext.length + TAG_BYTES);
    byte[] ciphertext;
    try {
      ciphertext = gcm(Cipher.ENCRYPT_MODE, key, nonce, header.getBytes(StandardCharsets.US_ASCII), plaintext);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("AES-GCM encryption reported a tag failure", e);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(plaintext, (byte) 0);
    }
    byte[] contents = (header + "ciphertext=" + hex(ciphertext) + "\n").getBytes(StandardCharsets.US_ASCII);
    writeAtomically(file.toAbsolutePath(), contents);
  }

  /**
   * Opens a keystore. The returned map is unmodifiable and sorted by name; its arrays are fresh copies the caller
   * may wipe; its {@code toString} shows names and lengths only.
   */
  public static Map<String, byte[]> read(Path file, char[] passphrase) throws KeystoreException {
    Objects.requireNonNull(file, "file");
    checkPassphrase(passphrase);
    byte[] contents = readChecked(file);
    Parsed parsed = parse(contents);
    byte[] key = deriveKey(passphrase, parsed.salt, parsed.params);
    byte[] plaintext = null;
    try {
      plaintext = gcm(Cipher.DECRYPT_MODE, key, parsed.nonce, parsed.aad, parsed.ciphertext);
      return new SecretMap(decodePlaintext(plaintext));
    } catch (AEADBadTagException e) {
      throw new KeystoreException("wrong passphrase or corrupted keystore " + file);
    } finally {
      Arrays.fill(key, (byte) 0);
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /** The scrypt parameters a keystore file was written with; no passphrase needed (they are not secret). */
  public static ScryptParams params(Path file) throws KeystoreException {
    return parse(readChecked(file)).params;
  }

  // ---------------------------------------------------------------------------------------------- writing

  private static TreeMap<String, byte[]> checkedSecrets(Map<String, byte[]> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.size() > MAX_SECRETS) {
      throw new IllegalArgumentException("a keystore holds at most " + MAX_SECRETS + " secrets, got "
          + secrets.size());
    }
    TreeMap<String, byte[]> sorted = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
      String name = e.getKey();
      if (!isValidName(name)) {
        throw new IllegalArgumentException("secret name must be 1 to 64 of [a-z0-9._-], got "
            + (name == null ? "null" : "'" + name + "'"));
      }
      byte[] value = e.getValue();
      if (value == null || value.length == 0 || value.length > MAX_SECRET_BYTES) {
        throw new IllegalArgumentException("secret '" + name + "' must be 1 to " + MAX_SECRET_BYTES
            + " bytes, got " + (value == null ? "null" : value.length));
      }
      sorted.put(name, value);
    }
    return sorted;
  }

  private static byte[] encodePlaintext(TreeMap<String, byte[]> secrets) {
    int size = 0;
    for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
      size += e.getKey().length() + 1 + 2 * e.getValue().length + 1;
    }
    // Built straight into one array so no String ever holds secret hex (Strings cannot be wiped).
    byte[] out = new byte[size];
    int pos = 0;
    for (Map.Entry<String, byte[]> e : secrets.entrySet()) {
      for (int i = 0; i < e.getKey().length(); i++) {
        out[pos++] = (byte) e.getKey().charAt(i);
      }
      out[pos++] = '=';
      for (byte b : e.getValue()) {
        out[pos++] = (byte) HEX_DIGITS[(b >> 4) & 0xf];
        out[pos++] = (byte) HEX_DIGITS[b & 0xf];
      }
      out[pos++] = '\n';
    }
    return out;
  }

  private static String header(ScryptParams params, byte[] salt, byte[] nonce, int ciphertextBytes) {
    return MAGIC + VERSION + "\n"
        + "kdf=scrypt\n"
        + "n=" + params.n() + "\n"
        + "r=" + params.r() + "\n"
        + "p=" + params.p() + "\n"
        + "salt=" + hex(salt) + "\n"
        + "nonce=" + hex(nonce) + "\n"
        + "ciphertext-bytes=" + ciphertextBytes + "\n";
  }

  private static void writeAtomically(Path file, byte[] contents) throws KeystoreException {
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new KeystoreException("cannot write keystore " + file + ": directory " + dir + " does not exist");
    }
    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + hex(RandomSource.secure().nextBytes(8)));
    boolean moved = false;
    try {
      // Created 0600 in one step: there is no moment at which another user could open it.
      Files.createFile(tmp, ownerOnly);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(contents);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      syncDirectory(dir);
    } catch (UnsupportedOperationException e) {
      throw new KeystoreException("cannot write keystore " + file
          + ": the file system does not support POSIX permissions, so the file could not be made owner-only");
    } catch (FileAlreadyExistsException e) {
      throw new KeystoreException("cannot write keystore " + file + ": temporary file " + tmp + " already exists");
    } catch (AccessDeniedException e) {
      throw new KeystoreException("cannot write keystore " + file + ": permission denied on " + e.getFile());
    } catch (IOException e) {
      throw new KeystoreException("cannot write keystore " + file + ": " + e, e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The original failure is the one worth reporting; a stray temp file holds only ciphertext.
        }
      }
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    // Makes the rename itself durable. Linux allows fsync on a directory opened read-only.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  // ---------------------------------------------------------------------------------------------- reading

  private static byte[] readChecked(Path file) throws KeystoreException {
    try {
      if (!Files.isRegularFile(file)) {
        if (Files.exists(file)) {
          throw new KeystoreException("keystore " + file + " is not a regular file");
        }
        throw new KeystoreException("no keystore at " + file);
      }
      Set<PosixFilePermission> perms;
      try {
        perms = Files.getPosixFilePermissions(file);
      } catch (UnsupportedOperationException e) {
        throw new KeystoreException("cannot check the permissions of keystore " + file
            + ": the file system does not support POSIX permissions");
      }
      Set<PosixFilePermission> extra = EnumSet.copyOf(perms);
      extra.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE));
      if (!extra.isEmpty()) {
        throw new KeystoreException("keystore " + file + " is accessible by group or others (mode "
            + PosixFilePermissions.toString(perms) + "); refusing to use it. Restrict it with: chmod 600 " + file);
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new KeystoreException("keystore " + file + " is too large (" + size + " bytes, at most "
            + MAX_FILE_BYTES + ")");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeystoreException("no keystore at " + file);
    } catch (AccessDeniedException e) {
      throw new KeystoreException("cannot read keystore " + file + ": permission denied");
    } catch (IOException e) {
      throw new KeystoreException("cannot read keystore " + file + ": " + e, e);
    }
  }

  /** The header fields of a keystore file, checked; nothing decrypted yet. */
  static final class Parsed {
    final ScryptParams params;
    final byte[] salt;
    final byte[] nonce;
    final byte[] aad;
    final byte[] ciphertext;

    Parsed(ScryptParams params, byte[] salt, byte[] nonce, byte[] aad, byte[] ciphertext) {
      this.params = params;
      this.salt = salt;
      this.nonce = nonce;
      this.aad = aad;
      this.ciphertext = ciphertext;
    }
  }

  /** Strict and total: any input either parses to a fully checked header or raises a {@link KeystoreException}. */
  static Parsed parse(byte[] contents) throws KeystoreException {
    if (contents.length == 0) {
      throw new KeystoreException("keystore file is empty");
    }
    for (int i = 0; i < contents.length; i++) {
      byte b = contents[i];
      if (b != '\n' && (b < 0x20 || b > 0x7e)) {
        throw new KeystoreException("not an nkms keystore: unexpected byte 0x" + String.format("%02x", b & 0xff)
            + " at offset " + i);
      }
    }
    String text = new String(contents, StandardCharsets.US_ASCII);
    int firstEnd = text.indexOf('\n');
    String first = firstEnd < 0 ? text : text.substring(0, firstEnd);
    if (!first.startsWith(MAGIC)) {
      throw new KeystoreException("not an nkms keystore (the first line is not '" + MAGIC + VERSION + "')");
    }
    String version = first.substring(MAGIC.length());
    if (!version.equals(String.valueOf(VERSION))) {
      if (DECIMAL.matcher(version).matches()) {
        throw new KeystoreException("unsupported keystore version " + version + " (this build reads version "
            + VERSION + ")");
      }
      throw new KeystoreException("not an nkms keystore (the first line is not '" + MAGIC + VERSION + "')");
    }
    if (!text.endsWith("\n")) {
      throw new KeystoreException("keystore file is truncated (the last line is incomplete)");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 1 + FIELDS.length) {
      throw new KeystoreException("keystore file is truncated (the '" + FIELDS[lines.length - 1]
          + "' line is missing)");
    }
    if (lines.length > 1 + FIELDS.length) {
      throw new KeystoreException("keystore file has unexpected data after the ciphertext line");
    }
    String[] values = new String[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      String prefix = FIELDS[i] + "=";
      if (!lines[i + 1].startsWith(prefix)) {
        throw new KeystoreException("keystore line " + (i + 2) + ": expected the '" + FIELDS[i] + "' field");
      }
      values[i] = lines[i + 1].substring(prefix.length());
    }
    if (!values[0].equals("scrypt")) {
      throw new KeystoreException("keystore line 2: unsupported key derivation function (only scrypt is known)");
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
    if (declared < TAG_BYTES || declared > MAX_FILE_BYTES / 2) {
      throw new KeystoreException("keystore line 8: ciphertext-bytes " + declared + " is out of range");
    }
    String ct = values[7];
    if (ct.length() < 2 * declared) {
      throw new KeystoreException("keystore file is truncated (the ciphertext has " + ct.length() / 2
          + " of " + declared + " bytes)");
    }
    if (ct.length() > 2 * declared) {
      throw new KeystoreException("keystore line 9: the ciphertext is longer than the declared " + declared
          + " bytes");
    }
    byte[] ciphertext = unhex(ct, (int) declared, "ciphertext", 9);
    int aadEnd = text.indexOf("\nciphertext=") + 1;
    byte[] aad = Arrays.copyOf(contents, aadEnd);
    return new Parsed(new ScryptParams((int) n, (int) r, (int) p), salt, nonce, aad, ciphertext);
  }

  private static long decimal(String s, String field, int line) throws KeystoreException {
    if (!DECIMAL.matcher(s).matches()) {
      throw new KeystoreException("keystore line " + line + ": '" + field + "' is not a canonical decimal number");
    }
    return Long.parseLong(s);
  }

  private static byte[] unhex(String s, int length, String field, int line) throws KeystoreException {
    if (s.length() != 2 * length) {
      throw new KeystoreException("keystore line " + line + ": '" + field + "' must be " + length
          + " bytes (" + 2 * length + " hex digits), got " + s.length() + " digits");
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      int hi = hexValue(s.charAt(2 * i));
      int lo = hexValue(s.charAt(2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new KeystoreException("keystore line " + line + ": '" + field + "' is not lower-case hex");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  /** Parses the decrypted {@code name=hex} lines without ever putting secret hex into a String. */
  private static TreeMap<String, byte[]> decodePlaintext(byte[] pt) throws KeystoreException {
    TreeMap<String, byte[]> out = new TreeMap<>();
    int pos = 0;
    String previous = null;
    try {
      while (pos < pt.length) {
        int eq = pos;
        while (eq < pt.length && pt[eq] != '=' && pt[eq] != '\n') {
          eq++;
        }
        if (eq == pt.length || pt[eq] != '=') {
          throw malformed("entry " + (out.size() + 1) + " has no '='");
        }
        String name = new String(pt, pos, eq - pos, StandardCharsets.US_ASCII);
        if (!isValidName(name)) {
          throw malformed("entry " + (out.size() + 1) + " has an invalid name");
        }
        if (previous != null && previous.compareTo(name) >= 0) {
          throw malformed("entry '" + name + "' is duplicated or out of order");
        }
        int end = eq + 1;
        while (end < pt.length && pt[end] != '\n') {
          end++;
        }
        if (end == pt.length) {
          throw malformed("entry '" + name + "' is not terminated by a newline");
        }
        int digits = end - eq - 1;
        if (digits == 0 || digits % 2 != 0 || digits / 2 > MAX_SECRET_BYTES) {
          throw malformed("entry '" + name + "' has a value of invalid length");
        }
        byte[] value = new byte[digits / 2];
        for (int i = 0; i < value.length; i++) {
          int hi = hexValue((char) pt[eq + 1 + 2 * i]);
          int lo = hexValue((char) pt[eq + 2 + 2 * i]);
          if (hi < 0 || lo < 0) {
            Arrays.fill(value, (byte) 0);
            throw malformed("entry '" + name + "' is not lower-case hex");
          }
          value[i] = (byte) (hi << 4 | lo);
        }
        if (out.size() == MAX_SECRETS) {
          Arrays.fill(value, (byte) 0);
          throw malformed("more than " + MAX_SECRETS + " entries");
        }
        out.put(name, value);
        previous = name;
        pos = end + 1;
      }
      return out;
    } catch (KeystoreException e) {
      out.values().forEach(v -> Arrays.fill(v, (byte) 0));
      throw e;
    }
  }

  private static KeystoreException malformed(String what) {
    return new KeystoreException("keystore contents are malformed: " + what);
  }

  // ---------------------------------------------------------------------------------------------- crypto

  private static void checkPassphrase(char[] passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("passphrase must not be empty");
    }
  }

  private static byte[] deriveKey(char[] passphrase, byte[] salt, ScryptParams params) {
    checkPassphrase(passphrase);
    byte[] pass = utf8(passphrase);
    try {
      return SCrypt.generate(pass, salt, params.n(), params.r(), params.p(), KEY_BYTES);
    } finally {
      Arrays.fill(pass, (byte) 0);
    }
  }

  private static byte[] utf8(char[] chars) {
    CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder();
    ByteBuffer buf;
    try {
      buf = enc.encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("passphrase is not valid Unicode (unpaired surrogate)");
    }
    byte[] out = Arrays.copyOfRange(buf.array(), buf.arrayOffset(), buf.arrayOffset() + buf.limit());
    Arrays.fill(buf.array(), (byte) 0);
    return out;
  }

  static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input)
      throws AEADBadTagException {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      // AES-GCM is mandatory in every Java SE runtime; reaching this is a broken JDK, not bad input.
      throw new IllegalStateException("AES-256-GCM unavailable: " + e, e);
    }
  }

  // ---------------------------------------------------------------------------------------------- hex

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** The map {@link #read} returns: unmodifiable, and its toString names the secrets without showing them. */
  private static final class SecretMap extends AbstractMap<String, byte[]> {
    private final Map<String, byte[]> secrets;

    SecretMap(TreeMap<String, byte[]> secrets) {
      this.secrets = Collections.unmodifiableMap(secrets);
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
        sb.append(sep).append(e.getKey()).append("=<").append(e.getValue().length).append(" bytes, redacted>");
        sep = ", ";
      }
      return sb.append('}').toString();
    }
  }
}
