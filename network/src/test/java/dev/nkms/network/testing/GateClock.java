package dev.nkms.node.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delegates to another clock; once {@link #arm armed}, the next reading blocks until {@link #release} — a request
 * held mid-flight, deterministically, without sleeping. {@link #awaitEntered} tells the test the request got there.
 */
public final class GateClock extends Clock {
  private final Clock delegate;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  public GateClock(Clock delegate) {
    this.delegate = delegate;
  }

  public void arm() {
    armed.set(true);
  }

  public boolean awaitEntered() throws InterruptedException {
    return entered.await(20, TimeUnit.SECONDS);
  }

  public void release() {
    release.countDown();
  }

  @Override
  public Instant instant() {
    if (armed.compareAndSet(true, false)) {
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
