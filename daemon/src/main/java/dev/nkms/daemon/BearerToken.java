package dev.nkms.daemon;

import dev.nkms.crypto.RandomSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The daemon's access token (like a Jupyter token): 256 random bits drawn at each start, written
 * 0600 for the user's programs to read. Compared in constant time; never logged.
 */
public final class BearerToken {
  static final int BYTES = 32;
  private final byte[] value;

  private BearerToken(byte[] value) {
    this.value = value;
  }

  public static BearerToken random(RandomSource random) {
    return new BearerToken(
        HexFormat.of().formatHex(random.nextBytes(BYTES)).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Writes the token to {@code file}, owner-only from the first byte (created 0600 under a
   * temporary name, then renamed over any earlier token).
   */
  public void writeTo(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, value, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** True when {@code header} is {@code "Bearer <this token>"}; constant time in the token. */
  public boolean accepts(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(given, value);
  }

  /** The token itself, for the one place that hands it to the user (the console link). */
  String reveal() {
    return new String(value, StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "BearerToken[hidden]";
  }
}
