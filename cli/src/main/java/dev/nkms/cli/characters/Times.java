package dev.nkms.cli.characters;

import dev.nkms.cli.UserError;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** "30s", "10m", "2h", "7d" from now, or an ISO-8601 instant such as 2027-01-01T00:00:00Z. */
final class Times {
  private Times() {}

  static Instant parse(String text, Instant now, String option) {
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
      throw new UserError(2, option + " takes a duration from now (30s, 10m, 2h, 7d) or an instant like "
          + "2027-01-01T00:00:00Z, not '" + text + "'");
    }
  }
}
