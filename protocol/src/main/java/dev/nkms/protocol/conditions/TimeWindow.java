package dev.nkms.protocol.conditions;

import dev.nkms.protocol.wire.MsgpackWriter;
import java.time.Instant;
import java.util.Optional;

/** Re-encryption only between two instants (epoch seconds, inclusive start, exclusive end). */
public final class TimeWindow implements Condition {
  public static final String TYPE = "time-window";
  private final long notBefore;
  private final long notAfter;

  public TimeWindow(long notBeforeEpochSeconds, long notAfterEpochSeconds) {
    if (notBeforeEpochSeconds < 0
        || notAfterEpochSeconds <= notBeforeEpochSeconds
        || notAfterEpochSeconds > dev.nkms.protocol.wire.MsgpackReader.MAX_EPOCH_SECONDS) {
      throw new IllegalArgumentException("time window must have 0 ≤ start < end ≤ year 9999");
    }
    this.notBefore = notBeforeEpochSeconds;
    this.notAfter = notAfterEpochSeconds;
  }

  public static TimeWindow between(Instant start, Instant end) {
    return new TimeWindow(start.getEpochSecond(), end.getEpochSecond());
  }

  /** The first instant a node may serve. */
  public Instant start() {
    return Instant.ofEpochSecond(notBefore);
  }

  /** The instant from which a node refuses. */
  public Instant end() {
    return Instant.ofEpochSecond(notAfter);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void write(MsgpackWriter w) {
    w.array(3).str(TYPE).uint(notBefore).uint(notAfter);
  }

  @Override
  public Optional<String> check(RequestContext context) {
    long now = context.now().getEpochSecond();
    if (now < notBefore) {
      return Optional.of(
          "condition not met: time window opens at " + Instant.ofEpochSecond(notBefore));
    }
    if (now >= notAfter) {
      return Optional.of(
          "condition not met: time window closed at " + Instant.ofEpochSecond(notAfter));
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindow
        && ((TimeWindow) o).notBefore == notBefore
        && ((TimeWindow) o).notAfter == notAfter;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(notBefore) * 31 + Long.hashCode(notAfter);
  }

  @Override
  public String toString() {
    return TYPE
        + "["
        + Instant.ofEpochSecond(notBefore)
        + ", "
        + Instant.ofEpochSecond(notAfter)
        + ")";
  }
}
