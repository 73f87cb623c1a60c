package dev.nkms.node.health;

import java.util.Objects;

/**
 * The result of one {@link HealthCheck} in one round, with a short reason. INCONCLUSIVE means the
 * node was not judged: the check was not attempted (the node was unreachable) or the checker itself
 * was stopped mid-check.
 */
public record CheckResult(Outcome outcome, String reason) {
  public static final int MAX_REASON = 300;

  public enum Outcome {
    PASSED,
    FAILED,
    INCONCLUSIVE
  }

  public CheckResult {
    Objects.requireNonNull(outcome, "outcome");
    if (reason == null
        || reason.isBlank()
        || reason.length() > MAX_REASON
        || reason.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "a reason is 1.." + MAX_REASON + " characters without control characters");
    }
  }

  public static CheckResult passed(String reason) {
    return new CheckResult(Outcome.PASSED, clean(reason));
  }

  public static CheckResult failed(String reason) {
    return new CheckResult(Outcome.FAILED, clean(reason));
  }

  public static CheckResult inconclusive(String reason) {
    return new CheckResult(Outcome.INCONCLUSIVE, clean(reason));
  }

  public boolean isPassed() {
    return outcome == Outcome.PASSED;
  }

  public boolean isFailed() {
    return outcome == Outcome.FAILED;
  }

  /** Reasons quote node messages: make them one short line. */
  private static String clean(String reason) {
    String s = reason.replaceAll("\\p{Cntrl}", " ").strip();
    if (s.isEmpty()) {
      s = "(no reason given)";
    }
    return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
  }

  @Override
  public String toString() {
    return outcome + ": " + reason;
  }
}
