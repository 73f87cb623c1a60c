package dev.nkms.cli.characters;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Reports progress on stderr for long streams (≥ 8 MiB), at most every 5 %, and only when told it
 * may draw (see {@link dev.nkms.cli.OutputOptions#progress()}: a terminal, no --quiet, no --json).
 */
public final class Progress extends FilterInputStream {
  private static final long THRESHOLD = 8L << 20;
  private final long total;
  private final String what;
  private final PrintWriter err;
  private long done;
  private int lastPercent = -1;

  /**
   * @param total the expected length, or a negative number when it is unknown (stdin): then nothing
   *     is drawn
   * @param err where to draw, or null not to draw at all
   */
  public Progress(InputStream in, long total, String what, PrintWriter err) {
    super(in);
    this.total = total;
    this.what = what;
    this.err = err;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  private void advance(long n) {
    done += n;
    if (err == null || total < THRESHOLD) {
      return;
    }
    int percent = (int) Math.min(100, done * 100 / total);
    if (percent / 5 != lastPercent / 5) {
      lastPercent = percent;
      err.print("\r" + what + " " + percent + "%" + (percent >= 100 ? "\n" : ""));
      err.flush();
    }
  }
}
