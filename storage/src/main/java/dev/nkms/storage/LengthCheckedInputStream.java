package dev.nkms.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Passes an object's bytes through and turns an early end — or a connection that breaks mid-object
 * — into {@link TruncatedObjectException}, so a reader never takes a prefix for the whole object.
 */
public final class LengthCheckedInputStream extends FilterInputStream {
  private final URI location;
  private final long expected;
  private long seen;

  /** {@code expected} is the length the service announced. */
  public LengthCheckedInputStream(InputStream in, URI location, long expected) {
    super(in);
    if (expected < 0) {
      throw new IllegalArgumentException("expected length must not be negative");
    }
    this.location = location;
    this.expected = expected;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (TruncatedObjectException e) {
      throw e;
    } catch (IOException e) {
      throw truncated(e);
    }
    if (n < 0) {
      if (seen < expected) {
        throw truncated(null);
      }
      return -1;
    }
    seen += n;
    if (seen > expected) {
      throw new TruncatedObjectException(
          location,
          location
              + " is longer than the "
              + expected
              + " bytes its service announced; not reading on");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping through read keeps the count honest.
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int r = read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private TruncatedObjectException truncated(IOException cause) {
    return new TruncatedObjectException(
        location,
        location + " ended after " + seen + " of " + expected + " bytes; fetch it again",
        cause);
  }
}
