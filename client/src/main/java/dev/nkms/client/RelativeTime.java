package dev.nkms.client;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A time as people write it for an expiry: a duration from now ({@code 30s}, {@code 10m}, {@code
 * 2h}, {@code 7d}) or an ISO-8601 instant ({@code 2027-01-01T00:00:00Z}). The one grammar the
 * command line and the daemon share.
 */
public final class RelativeTime {
  private RelativeTime() {}

  /**
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Instant parse(String text, Instant now) {
    String t = text.strip();
    try {
      if (t.matches("\\d{1,9}[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d =
            switch (t.charAt(t.length() - 1)) {
              case 's' -> Duration.ofSeconds(n);
              case 'm' -> Duration.ofMinutes(n);
              case 'h' -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
        return now.plus(d);
      }
      return Instant.parse(t);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "takes a duration from now (30s, 10m, 2h, 7d) or an instant like 2027-01-01T00:00:00Z,"
              + " not '"
              + text
              + "'");
    }
  }
}
