package dev.nkms.crypto.umbral;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.Signature;
import java.util.Arrays;

/**
 * Reads the canonical compact MessagePack layouts of spec §4 and nothing else: fixarray headers of
 * the exact length, {@code bin8} byte fields of the exact size, {@code c2}/{@code c3} booleans, no
 * trailing bytes. Every failure names the object, the field and the offset.
 */
final class StrictReader {
  private final String object;
  private final byte[] in;
  private int pos;

  StrictReader(String object, byte[] in, int expectedLength) throws MalformedInputException {
    this.object = object;
    this.in = in;
    if (in.length < expectedLength) {
      throw new MalformedInputException(
          object + ": truncated input, " + in.length + " bytes, expected " + expectedLength);
    }
    if (in.length > expectedLength) {
      throw new MalformedInputException(
          object
              + ": "
              + (in.length - expectedLength)
              + " trailing byte(s) after the "
              + expectedLength
              + "-byte encoding");
    }
  }

  void array(int elements, String what) throws MalformedInputException {
    int b = in[pos] & 0xff;
    if (b != (0x90 | elements)) {
      throw fail(
          what,
          String.format(
              "expected a %d-element fixarray (0x%02x), found 0x%02x",
              elements, 0x90 | elements, b));
    }
    pos++;
  }

  byte[] bin(int length, String field) throws MalformedInputException {
    int tag = in[pos] & 0xff;
    if (tag != 0xc4) {
      throw fail(field, String.format("expected bin8 (0xc4), found 0x%02x", tag));
    }
    int len = in[pos + 1] & 0xff;
    if (len != length) {
      throw fail(field, "expected " + length + " bytes, found a length of " + len);
    }
    pos += 2;
    byte[] out = Arrays.copyOfRange(in, pos, pos + length);
    pos += length;
    return out;
  }

  Point point(String field) throws MalformedInputException {
    int at = pos;
    byte[] b = bin(Point.COMPRESSED_LENGTH, field);
    try {
      return Point.fromCompressed(b);
    } catch (MalformedInputException e) {
      throw new MalformedInputException(
          object + ": field " + field + " at byte " + at + ": " + e.getMessage());
    }
  }

  Scalar scalar(String field) throws MalformedInputException {
    int at = pos;
    byte[] b = bin(Scalar.LENGTH, field);
    try {
      return Scalar.fromBytes(b);
    } catch (MalformedInputException e) {
      throw new MalformedInputException(
          object + ": field " + field + " at byte " + at + ": " + e.getMessage());
    }
  }

  Signature signature(String field) throws MalformedInputException {
    int at = pos;
    byte[] b = bin(Signature.LENGTH, field);
    try {
      return Signature.fromBEBytes(b);
    } catch (MalformedInputException e) {
      throw new MalformedInputException(
          object + ": field " + field + " at byte " + at + ": " + e.getMessage());
    }
  }

  boolean bool(String field) throws MalformedInputException {
    int b = in[pos] & 0xff;
    if (b != 0xc2 && b != 0xc3) {
      throw fail(field, String.format("expected a boolean (0xc2/0xc3), found 0x%02x", b));
    }
    pos++;
    return b == 0xc3;
  }

  MalformedInputException fail(String field, String what) {
    return new MalformedInputException(
        object + ": field " + field + " at byte " + pos + ": " + what);
  }
}
