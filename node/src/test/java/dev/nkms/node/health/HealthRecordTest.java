package dev.nkms.node.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.node.health.HealthRecord.Verdict;
import dev.nkms.protocol.NodeAddress;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict rules, the failure count, and validation at construction. */
class HealthRecordTest {
  static final NodeAddress PEER =
      NodeAddress.of(SecretKey.random(RandomSource.secure()).publicKey());
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final CheckResult PASS = CheckResult.passed("ok");
  static final CheckResult FAIL = CheckResult.failed("broken");
  static final CheckResult SKIP = CheckResult.inconclusive("not attempted");

  static Map<HealthCheck, CheckResult> results(
      CheckResult reachable, CheckResult challenge, CheckResult lifecycle) {
    Map<HealthCheck, CheckResult> m = new EnumMap<>(HealthCheck.class);
    m.put(HealthCheck.REACHABLE, reachable);
    m.put(HealthCheck.CHALLENGE_POLICY, challenge);
    m.put(HealthCheck.POLICY_LIFECYCLE, lifecycle);
    return m;
  }

  @Test
  void anyFailureIsUnhealthyAllPassedIsHealthyOtherwiseUnknown() {
    assertThat(HealthRecord.after(null, PEER, T0, results(PASS, PASS, PASS)).verdict())
        .isEqualTo(Verdict.HEALTHY);
    assertThat(HealthRecord.after(null, PEER, T0, results(PASS, FAIL, PASS)).verdict())
        .isEqualTo(Verdict.UNHEALTHY);
    assertThat(HealthRecord.after(null, PEER, T0, results(FAIL, SKIP, SKIP)).verdict())
        .isEqualTo(Verdict.UNHEALTHY);
    assertThat(HealthRecord.after(null, PEER, T0, results(PASS, SKIP, PASS)).verdict())
        .isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void unhealthyRoundsCountUpHealthyResetsUnknownKeepsTheCount() {
    HealthRecord r = HealthRecord.after(null, PEER, T0, results(FAIL, SKIP, SKIP));
    assertThat(r.consecutiveFailures()).isEqualTo(1);
    r = HealthRecord.after(r, PEER, T0.plusSeconds(1), results(PASS, FAIL, PASS));
    assertThat(r.consecutiveFailures()).isEqualTo(2);
    r = HealthRecord.after(r, PEER, T0.plusSeconds(2), results(PASS, SKIP, PASS));
    assertThat(r.consecutiveFailures()).isEqualTo(2);
    r = HealthRecord.after(r, PEER, T0.plusSeconds(3), results(PASS, PASS, PASS));
    assertThat(r.consecutiveFailures()).isZero();
    assertThat(r.checkedAt()).isEqualTo(T0.plusSeconds(3));
  }

  @Test
  void aRecordHasOneResultPerCheckAndACountThatFitsItsVerdict() {
    Map<HealthCheck, CheckResult> two = results(PASS, PASS, PASS);
    two.remove(HealthCheck.POLICY_LIFECYCLE);
    assertThatThrownBy(() -> new HealthRecord(PEER, T0, two, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HealthRecord(PEER, T0, results(PASS, PASS, PASS), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HealthRecord(PEER, T0, results(FAIL, PASS, PASS), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HealthRecord(PEER, T0, results(PASS, SKIP, PASS), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theResultsAreACopyThatCannotBeChanged() {
    Map<HealthCheck, CheckResult> given = results(PASS, PASS, PASS);
    HealthRecord r = new HealthRecord(PEER, T0, given, 0);
    given.put(HealthCheck.REACHABLE, FAIL);
    assertThat(r.result(HealthCheck.REACHABLE)).isEqualTo(PASS);
    assertThatThrownBy(() -> r.results().put(HealthCheck.REACHABLE, FAIL))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void reasonsAreOneShortLine() {
    assertThat(CheckResult.failed("refused:\n\u001b[31mred").reason())
        .isEqualTo("refused:  [31mred");
    assertThat(CheckResult.failed("x".repeat(1000)).reason())
        .hasSize(CheckResult.MAX_REASON)
        .endsWith("…");
    assertThat(CheckResult.passed("  ").reason()).isEqualTo("(no reason given)");
    assertThatThrownBy(() -> new CheckResult(CheckResult.Outcome.FAILED, "two\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CheckResult(CheckResult.Outcome.FAILED, " "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
