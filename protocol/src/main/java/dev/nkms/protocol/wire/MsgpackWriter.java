package dev.nkms.protocol.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes canonical MessagePack: every header in its shortest form, maps with sorted unique keys.
 * Canonical output is what makes "re-encode and compare" and signatures over re-encoded bytes
 * meaningful.
 */
public final class MsgpackWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public MsgpackWriter array(int n) {
    if (n < 16) {
      out.write(0x90 | n);
    } else if (n < 0x10000) {
      out.write(0xdc);
      u16(n);
    } else {
      out.write(0xdd);
      u32(n);
    }
    return this;
  }

  public MsgpackWriter map(int n) {
    if (n < 16) {
      out.write(0x80 | n);
    } else if (n < 0x10000) {
      out.write(0xde);
      u16(n);
    } else {
      out.write(0xdf);
      u32(n);
    }
    return this;
  }

  public MsgpackWriter bin(byte[] b) {
    if (b.length < 0x100) {
      out.write(0xc4);
      out.write(b.length);
    } else if (b.length < 0x10000) {
      out.write(0xc5);
      u16(b.length);
    } else {
      out.write(0xc6);
      u32(b.length);
    }
    out.write(b, 0, b.length);
    return this;
  }

  public MsgpackWriter str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length < 32) {
      out.write(0xa0 | b.length);
    } else if (b.length < 0x100) {
      out.write(0xd9);
      out.write(b.length);
    } else if (b.length < 0x10000) {
      out.write(0xda);
      u16(b.length);
    } else {
      out.write(0xdb);
      u32(b.length);
    }
    out.write(b, 0, b.length);
    return this;
  }

  /** A non-negative integer. */
  public MsgpackWriter uint(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative value for uint: " + v);
    }
    if (v < 0x80) {
      out.write((int) v);
    } else if (v < 0x100) {
      out.write(0xcc);
      out.write((int) v);
    } else if (v < 0x10000) {
      out.write(0xcd);
      u16((int) v);
    } else if (v < 0x100000000L) {
      out.write(0xce);
      u32((int) v);
    } else {
      out.write(0xcf);
      u32((int) (v >>> 32));
      u32((int) v);
    }
    return this;
  }

  public MsgpackWriter bool(boolean b) {
    out.write(b ? 0xc3 : 0xc2);
    return this;
  }

  public MsgpackWriter nil() {
    out.write(0xc0);
    return this;
  }

  /** Appends already-canonical MessagePack (an embedded object's body). */
  public MsgpackWriter raw(byte[] msgpack) {
    out.write(msgpack, 0, msgpack.length);
    return this;
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }

  private void u16(int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  private void u32(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
