package dev.nkms.node;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the plugins' {@link NodePlugins.Duty duties}, each every its interval; a failure is logged
 * and retried.
 */
final class DutySchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DutySchedule.class);

  private final ScheduledExecutorService scheduler;

  private DutySchedule(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** Starts every duty, the first run one interval from now, on behalf of {@code node}. */
  static DutySchedule start(List<NodePlugins.Duty> duties, NodeRuntime node) {
    // One thread per duty: a slow one (a health check before a vote) must not hold up another (fee
    // withdrawal).
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            Math.max(1, duties.size()),
            r -> {
              Thread t = new Thread(r, "nkms-duties");
              t.setDaemon(true);
              return t;
            });
    for (NodePlugins.Duty duty : duties) {
      long ms = Math.max(1, duty.every().toMillis());
      scheduler.scheduleWithFixedDelay(
          () -> {
            try {
              duty.run(node);
            } catch (Exception | Error e) {
              LOG.warn("{} failed: {}", duty.name(), e.toString());
            }
          },
          ms,
          ms,
          TimeUnit.MILLISECONDS);
    }
    return new DutySchedule(scheduler);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
