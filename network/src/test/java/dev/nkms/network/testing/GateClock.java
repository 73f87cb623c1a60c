package dev.nkms.network.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delegates to another clock; once {@link #arm armed}, one reading blocks until {@link #release} —
 * a request or a startup held mid-flight, deterministically, without sleeping. {@link
 * #awaitEntered} tells the test it got there.
 */
public final class GateClock extends Clock {
  private final Clock delegate;

  /** Readings left until the one that blocks; 0 when not armed. */
  private final AtomicInteger untilHeld = new AtomicInteger();

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  public GateClock(Clock delegate) {
    this.delegate = delegate;
  }

  /** The next reading blocks. */
  public void arm() {
    armAt(1);
  }

  /** The {@code nth} reading from now blocks (1 is the next one). */
  public void armAt(int nth) {
    if (nth < 1) {
      throw new IllegalArgumentException("readings count from 1");
    }
    untilHeld.set(nth);
  }

  public boolean awaitEntered() throws InterruptedException {
    return entered.await(20, TimeUnit.SECONDS);
  }

  public void release() {
    release.countDown();
  }

  @Override
  public Instant instant() {
    if (untilHeld.getAndUpdate(n -> Math.max(0, n - 1)) == 1) {
      entered.countDown();
      try {
        if (!release.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("gate never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return delegate.instant();
  }

  @Override
  public ZoneId getZone() {
    return delegate.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
