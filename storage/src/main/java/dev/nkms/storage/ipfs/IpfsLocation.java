package dev.nkms.storage.ipfs;

import dev.nkms.storage.InvalidLocationException;
import java.math.BigInteger;
import java.net.URI;

/**
 * {@code ipfs://CID}, checked: a CIDv0 ({@code Qm…}, base58btc) or a base32 CIDv1 ({@code b…}) that
 * decodes to a whole CID, and nothing after it (no path, query or fragment).
 */
record IpfsLocation(URI uri, String cid) {
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  static IpfsLocation parse(URI uri) throws InvalidLocationException {
    if (!"ipfs".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()) {
      throw new InvalidLocationException(
          uri, "'" + uri + "' is not an IPFS location; write ipfs://CID");
    }
    String cid = uri.getRawAuthority();
    if (cid == null || cid.isEmpty()) {
      throw new InvalidLocationException(uri, "'" + uri + "' names no CID; write ipfs://CID");
    }
    if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidLocationException(
          uri, "'" + uri + "' has a path, query or fragment; an IPFS location is ipfs://CID alone");
    }
    if (!isCid(cid)) {
      throw new InvalidLocationException(
          uri, "'" + cid + "' is not a CID (a CIDv0 Qm… of 46 characters, or a base32 CIDv1 b…)");
    }
    return new IpfsLocation(uri, cid);
  }

  /**
   * The bare scheme a put goes to. {@code java.net.URI} cannot hold {@code ipfs:} alone (it wants a
   * scheme-specific part), so the bare forms are {@code ipfs:/} and {@code ipfs:///}: the scheme,
   * no CID, nothing else.
   */
  static boolean isBare(URI uri) {
    return "ipfs".equalsIgnoreCase(uri.getScheme())
        && !uri.isOpaque()
        && uri.getRawAuthority() == null
        && (uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        && uri.getRawQuery() == null
        && uri.getRawFragment() == null;
  }

  static boolean isCid(String s) {
    if (s.length() == 46 && s.startsWith("Qm")) {
      return isCidV0(s);
    }
    if (s.length() > 1 && s.charAt(0) == 'b') {
      return isCidV1(s.substring(1));
    }
    return false;
  }

  /** A base58btc sha2-256 multihash: 0x12 0x20 and 32 bytes. */
  private static boolean isCidV0(String s) {
    BigInteger n = BigInteger.ZERO;
    BigInteger radix = BigInteger.valueOf(58);
    for (int i = 0; i < s.length(); i++) {
      int d = BASE58.indexOf(s.charAt(i));
      if (d < 0) {
        return false;
      }
      n = n.multiply(radix).add(BigInteger.valueOf(d));
    }
    byte[] b = n.toByteArray(); // the leading 0x12 keeps it positive, so no sign byte
    return b.length == 34 && b[0] == 0x12 && b[1] == 0x20;
  }

  /** Version 1, a codec, and a multihash whose length says exactly how many bytes follow. */
  private static boolean isCidV1(String s) {
    byte[] b = base32(s);
    if (b == null) {
      return false;
    }
    int[] at = {0};
    long version = varint(b, at);
    long codec = varint(b, at);
    long hash = varint(b, at);
    long length = varint(b, at);
    return version == 1 && codec >= 0 && hash >= 0 && length >= 1 && b.length - at[0] == length;
  }

  /**
   * RFC 4648 base32, lower case, unpadded; null if a character is outside it or the spare bits are
   * not zero.
   */
  private static byte[] base32(String s) {
    byte[] out = new byte[s.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = BASE32.indexOf(s.charAt(i));
      if (d < 0) {
        return null;
      }
      buffer = (buffer << 5) | d;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (buffer >> bits);
        buffer &= (1 << bits) - 1;
      }
    }
    return buffer == 0 && bits < 5 ? out : null;
  }

  /**
   * An unsigned LEB128 number at {@code at[0]}, moving past it; -1 if it is cut off or too long.
   */
  private static long varint(byte[] b, int[] at) {
    long v = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      if (at[0] >= b.length) {
        return -1;
      }
      int x = b[at[0]++] & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    return -1;
  }
}
