package dev.nkms.cli.characters;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports progress on stderr for long streams (≥ 8 MiB), at most every 5 %. */
final class Progress extends FilterInputStream {
  private static final long THRESHOLD = 8L << 20;
  private final long total;
  private final String what;
  private long done;
  private int lastPercent = -1;

  Progress(InputStream in, long total, String what) {
    super(in);
    this.total = total;
    this.what = what;
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
    if (total < THRESHOLD) {
      return;
    }
    int percent = (int) (done * 100 / total);
    if (percent / 5 != lastPercent / 5) {
      lastPercent = percent;
      System.err.print("\r" + what + " " + percent + "%" + (percent >= 100 ? "\n" : ""));
    }
  }
}
