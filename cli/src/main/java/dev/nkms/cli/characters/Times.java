package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import dev.nkms.client.RelativeTime;
import java.time.Duration;
import java.time.Instant;

/** "30s", "10m", "2h", "7d" from now, or an ISO-8601 instant such as 2027-01-01T00:00:00Z. */
public final class Times {
  private Times() {}

  /** A duration written as 30s, 10m, 2h or 7d (positive). */
  public static Duration duration(String text, String option) {
    Instant epoch = Instant.EPOCH;
    if (!text.strip().matches("\\d+[smhd]")) {
      throw new UserError(
          ExitCode.USAGE, option + " takes a duration (30s, 10m, 2h, 7d), not '" + text + "'");
    }
    Duration d = Duration.between(epoch, parse(text, epoch, option));
    if (d.isZero()) {
      throw new UserError(ExitCode.USAGE, option + " must be positive");
    }
    return d;
  }

  public static Instant parse(String text, Instant now, String option) {
    try {
      return RelativeTime.parse(text, now);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, option + " " + e.getMessage());
    }
  }
}
