package dev.nkms.protocol.wire;

import java.nio.charset.StandardCharsets;

/**
 * The frame of every protocol object: {@code brand (4 ASCII bytes) ‖ major (u16 BE) ‖ minor (u16
 * BE) ‖ body}, the body a canonical MessagePack array. A reader accepts its own major only, and
 * minors up to its own (a higher minor may carry fields it cannot see; a different major is a
 * different format).
 */
public final class Envelope {
  public static final int HEADER_LENGTH = 8;

  private Envelope() {}

  public static byte[] encode(String brand, int major, int minor, byte[] body) {
    byte[] b = brand.getBytes(StandardCharsets.US_ASCII);
    if (b.length != 4) {
      throw new IllegalArgumentException("brand must be 4 ASCII characters: " + brand);
    }
    byte[] out = new byte[HEADER_LENGTH + body.length];
    System.arraycopy(b, 0, out, 0, 4);
    out[4] = (byte) (major >>> 8);
    out[5] = (byte) major;
    out[6] = (byte) (minor >>> 8);
    out[7] = (byte) minor;
    System.arraycopy(body, 0, out, HEADER_LENGTH, body.length);
    return out;
  }

  /** Checks the header and size and returns a reader positioned at the body. */
  public static MsgpackReader open(byte[] bytes, String brand, int major, int minor, int maxSize)
      throws WireFormatException {
    String name = brand;
    if (bytes.length > maxSize) {
      throw new WireFormatException(
          name + ": " + bytes.length + " bytes, at most " + maxSize + " allowed");
    }
    if (bytes.length < HEADER_LENGTH) {
      throw new WireFormatException(name + ": truncated header (" + bytes.length + " bytes)");
    }
    String got = new String(bytes, 0, 4, StandardCharsets.ISO_8859_1);
    if (!got.equals(brand)) {
      throw new WireFormatException(
          "expected a " + brand + " object, found brand '" + printable(got) + "'");
    }
    int gotMajor = ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff);
    int gotMinor = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
    if (gotMajor != major) {
      throw new UnsupportedVersionException(
          name + ": unsupported major version " + gotMajor + " (this build reads " + major + ")",
          gotMajor,
          gotMinor,
          major,
          minor);
    }
    if (gotMinor > minor) {
      throw new UnsupportedVersionException(
          name
              + ": minor version "
              + major
              + "."
              + gotMinor
              + " is newer than "
              + major
              + "."
              + minor
              + "; upgrade nkms",
          gotMajor,
          gotMinor,
          major,
          minor);
    }
    return new MsgpackReader(name, bytes, HEADER_LENGTH);
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }
}
