package dev.nkms.node.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired kfrags in the background, every interval, on its own daemon thread. Expiry is
 * decided by the service's clock, not by this schedule; a failed sweep is logged and the next one
 * runs as planned.
 */
public final class ExpirySweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

  private final ScheduledExecutorService scheduler;

  private ExpirySweeper(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Sweeps {@code service} every {@code interval} (at least a millisecond), the first time one
   * interval from now.
   */
  public static ExpirySweeper start(ReencryptionService service, Duration interval) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nkms-expiry-sweeper");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, interval.toMillis());
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            int removed = service.sweepExpired();
            if (removed > 0) {
              LOG.info("deleted {} expired kfrag(s)", removed);
            }
          } catch (RuntimeException e) {
            LOG.warn("expiry sweep failed: {}", e.toString());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    return new ExpirySweeper(scheduler);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
