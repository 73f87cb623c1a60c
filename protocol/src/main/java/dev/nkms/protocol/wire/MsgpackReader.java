package dev.nkms.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict, total reader of canonical MessagePack: it accepts only the shortest header for each
 * value, checks every length against the bytes left before allocating, and names the object and
 * field in every error.
 */
public final class MsgpackReader {
  private final String object;
  private final byte[] in;
  private int pos;
  private final int end;

  public MsgpackReader(String object, byte[] in, int offset) {
    this.object = object;
    this.in = in;
    this.pos = offset;
    this.end = in.length;
  }

  public int array(String field) throws WireFormatException {
    int tag = tag(field);
    if ((tag & 0xf0) == 0x90) {
      return tag & 0x0f;
    }
    if (tag == 0xdc) {
      return minimal(u16(field), 16, field);
    }
    if (tag == 0xdd) {
      return minimal(u32(field), 0x10000, field);
    }
    throw fail(field, String.format("expected an array, found 0x%02x", tag));
  }

  /** An array of exactly {@code n} elements (a struct). */
  public void struct(int n, String field) throws WireFormatException {
    int got = array(field);
    if (got != n) {
      throw fail(field, "expected " + n + " fields, found " + got);
    }
  }

  /** An array of at most {@code max} elements. */
  public int list(int max, String field) throws WireFormatException {
    int n = array(field);
    if (n > max) {
      throw fail(field, n + " elements, at most " + max + " allowed");
    }
    return n;
  }

  public int map(int max, String field) throws WireFormatException {
    int tag = tag(field);
    int n;
    if ((tag & 0xf0) == 0x80) {
      n = tag & 0x0f;
    } else if (tag == 0xde) {
      n = minimal(u16(field), 16, field);
    } else if (tag == 0xdf) {
      n = minimal(u32(field), 0x10000, field);
    } else {
      throw fail(field, String.format("expected a map, found 0x%02x", tag));
    }
    if (n > max) {
      throw fail(field, n + " entries, at most " + max + " allowed");
    }
    return n;
  }

  public byte[] bin(int maxLength, String field) throws WireFormatException {
    int tag = tag(field);
    int len;
    if (tag == 0xc4) {
      len = u8(field);
    } else if (tag == 0xc5) {
      len = minimal(u16(field), 0x100, field);
    } else if (tag == 0xc6) {
      len = minimal(u32(field), 0x10000, field);
    } else {
      throw fail(field, String.format("expected bytes (bin), found 0x%02x", tag));
    }
    if (len > maxLength) {
      throw fail(field, len + " bytes, at most " + maxLength + " allowed");
    }
    return take(len, field);
  }

  public byte[] binExact(int length, String field) throws WireFormatException {
    byte[] b = bin(length, field);
    if (b.length != length) {
      throw fail(field, "expected " + length + " bytes, found " + b.length);
    }
    return b;
  }

  public String str(int maxBytes, String field) throws WireFormatException {
    int tag = tag(field);
    int len;
    if ((tag & 0xe0) == 0xa0) {
      len = tag & 0x1f;
    } else if (tag == 0xd9) {
      len = minimal(u8(field), 32, field);
    } else if (tag == 0xda) {
      len = minimal(u16(field), 0x100, field);
    } else if (tag == 0xdb) {
      len = minimal(u32(field), 0x10000, field);
    } else {
      throw fail(field, String.format("expected a string, found 0x%02x", tag));
    }
    if (len > maxBytes) {
      throw fail(field, len + " bytes, at most " + maxBytes + " allowed");
    }
    byte[] b = take(len, field);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw fail(field, "not valid UTF-8");
    }
  }

  public long uint(long max, String field) throws WireFormatException {
    int tag = tag(field);
    long v;
    if (tag < 0x80) {
      v = tag;
    } else if (tag == 0xcc) {
      v = minimal(u8(field), 0x80, field);
    } else if (tag == 0xcd) {
      v = minimal(u16(field), 0x100, field);
    } else if (tag == 0xce) {
      v = minimal(u32(field) & 0xffffffffL, 0x10000, field);
    } else if (tag == 0xcf) {
      long hi = u32(field) & 0xffffffffL;
      long lo = u32(field) & 0xffffffffL;
      if (hi >= 0x80000000L) {
        throw fail(field, "integer too large");
      }
      v = minimal((hi << 32) | lo, 0x100000000L, field);
    } else {
      throw fail(field, String.format("expected an unsigned integer, found 0x%02x", tag));
    }
    if (v > max) {
      throw fail(field, "value " + v + " is above the maximum " + max);
    }
    return v;
  }

  /**
   * Latest instant accepted in time fields: 9999-12-31T23:59:59Z, far inside what {@code Instant}
   * represents.
   */
  public static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

  /** Epoch seconds, bounded so every later {@code Instant} conversion is safe. */
  public long epochSeconds(String field) throws WireFormatException {
    return uint(MAX_EPOCH_SECONDS, field);
  }

  public boolean bool(String field) throws WireFormatException {
    int tag = tag(field);
    if (tag == 0xc2 || tag == 0xc3) {
      return tag == 0xc3;
    }
    throw fail(field, String.format("expected a boolean, found 0x%02x", tag));
  }

  /** True (and consumed) if the next value is nil. */
  public boolean nil(String field) throws WireFormatException {
    if (pos >= end) {
      throw fail(field, "truncated input");
    }
    if ((in[pos] & 0xff) == 0xc0) {
      pos++;
      return true;
    }
    return false;
  }

  public void end() throws WireFormatException {
    if (pos != end) {
      throw new WireFormatException(object + ": " + (end - pos) + " trailing byte(s)");
    }
  }

  public WireFormatException fail(String field, String what) {
    return new WireFormatException(object + ": field " + field + ": " + what);
  }

  private int tag(String field) throws WireFormatException {
    return u8(field);
  }

  private int u8(String field) throws WireFormatException {
    if (pos >= end) {
      throw fail(field, "truncated input");
    }
    return in[pos++] & 0xff;
  }

  private int u16(String field) throws WireFormatException {
    return (u8(field) << 8) | u8(field);
  }

  private int u32(String field) throws WireFormatException {
    return (u8(field) << 24) | (u8(field) << 16) | (u8(field) << 8) | u8(field);
  }

  private byte[] take(int len, String field) throws WireFormatException {
    if (len < 0 || len > end - pos) {
      throw fail(field, "truncated input (" + len + " bytes announced, " + (end - pos) + " left)");
    }
    byte[] b = Arrays.copyOfRange(in, pos, pos + len);
    pos += len;
    return b;
  }

  private int minimal(int v, int min, String field) throws WireFormatException {
    if (v < 0) {
      throw fail(field, "length of 2^31 or more is not supported");
    }
    if (v < min) {
      throw fail(field, "non-canonical encoding (a shorter header exists)");
    }
    return v;
  }

  private long minimal(long v, long min, String field) throws WireFormatException {
    if (v < min) {
      throw fail(field, "non-canonical encoding (a shorter header exists)");
    }
    return v;
  }
}
