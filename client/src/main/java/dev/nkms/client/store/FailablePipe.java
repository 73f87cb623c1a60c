package dev.nkms.client.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A bounded in-memory pipe from one writer thread to one reader thread where the writer can fail
 * the pipe: the reader then gets an {@link IOException} instead of an end of stream, so a consumer
 * never takes a half-written stream for a whole one (what {@link java.io.PipedInputStream} would do
 * on a plain close). Either side closing early makes the other side's next call fail.
 */
final class FailablePipe {
  private final byte[] ring;
  private int start;
  private int size;
  private boolean writerClosed;
  private boolean readerClosed;
  private Throwable failure;

  FailablePipe(int capacity) {
    this.ring = new byte[capacity];
  }

  /** Makes the reader's next read throw, with {@code cause} attached. */
  synchronized void fail(Throwable cause) {
    failure = cause;
    notifyAll();
  }

  final OutputStream sink =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          synchronized (FailablePipe.this) {
            while (len > 0) {
              if (readerClosed) {
                throw new IOException("the reader stopped reading");
              }
              if (writerClosed) {
                throw new IOException("the pipe is closed");
              }
              if (size == ring.length) {
                await();
                continue;
              }
              int end = (start + size) % ring.length;
              int n = Math.min(len, Math.min(ring.length - size, ring.length - end));
              System.arraycopy(b, off, ring, end, n);
              size += n;
              off += n;
              len -= n;
              FailablePipe.this.notifyAll();
            }
          }
        }

        @Override
        public void close() {
          synchronized (FailablePipe.this) {
            writerClosed = true;
            FailablePipe.this.notifyAll();
          }
        }
      };

  final InputStream source =
      new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (len == 0) {
            return 0;
          }
          synchronized (FailablePipe.this) {
            while (true) {
              if (failure != null) {
                throw new IOException(
                    "the data being stored failed: " + failure.getMessage(), failure);
              }
              if (size > 0) {
                int n = Math.min(len, Math.min(size, ring.length - start));
                System.arraycopy(ring, start, b, off, n);
                start = (start + n) % ring.length;
                size -= n;
                FailablePipe.this.notifyAll();
                return n;
              }
              if (writerClosed) {
                return -1;
              }
              await();
            }
          }
        }

        @Override
        public void close() {
          synchronized (FailablePipe.this) {
            readerClosed = true;
            FailablePipe.this.notifyAll();
          }
        }
      };

  private void await() throws InterruptedIOException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while piping");
    }
  }
}
