package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

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
    String t = text.strip();
    try {
      if (t.matches("\\d+[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
          case 's':
            return now.plus(Duration.ofSeconds(n));
          case 'm':
            return now.plus(Duration.ofMinutes(n));
          case 'h':
            return now.plus(Duration.ofHours(n));
          default:
            return now.plus(Duration.ofDays(n));
        }
      }
      return Instant.parse(t);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new UserError(
          ExitCode.USAGE,
          option
              + " takes a duration from now (30s, 10m, 2h, 7d) or an instant like "
              + "2027-01-01T00:00:00Z, not '"
              + text
              + "'");
    }
  }
}
