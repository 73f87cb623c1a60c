package dev.nkms.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report: known answers for the throughput target, the pass/fail checks and the JSON text. */
class NetworkBenchResultTest {
  @Test
  void throughputTargetIsSeventyPercentOfTheCoresOverOneReencrypt() {
    assertThat(NetworkBenchResult.throughputTarget(2, 100))
        .isCloseTo(14_000, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(NetworkBenchResult.throughputTarget(8, 250))
        .isCloseTo(22_400, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void jsonHasTheKeysInOrderWithMillisecondsToHundredthsAndTheRestToTenths() {
    NetworkBenchResult r = new NetworkBenchResult(values(12.345, 1400), Map.of());
    assertThat(r.toJson())
        .isEqualTo(
            "{\"grant_ms_3_of_5\":41.50,\"retrieve_1_p50_ms\":12.35,"
                + "\"retrieve_1_p99_ms\":30.00,\"retrieve_100_p50_ms\":210.25,\"retrieve_100_p99_ms\":260.00,"
                + "\"throughput_1_capsule_per_s\":800.0,\"throughput_100_capsule_per_s\":1400.0,\"reencrypt_us\":150.0,"
                + "\"throughput_target_per_s\":9333.3}");
    assertThat(List.copyOf(r.values.keySet())).isEqualTo(NetworkBenchResult.KEYS);
  }

  @Test
  void targetsCompareAgainstTheirThresholds() {
    assertThat(new NetworkBenchResult(values(19.99, 9333.3), Map.of()).retrieveTargetMet())
        .isTrue();
    assertThat(new NetworkBenchResult(values(20.0, 9333.3), Map.of()).retrieveTargetMet())
        .isFalse();
    assertThat(new NetworkBenchResult(values(5, 9333.3), Map.of()).throughputTargetMet()).isTrue();
    assertThat(new NetworkBenchResult(values(5, 9333.2), Map.of()).throughputTargetMet()).isFalse();
  }

  @Test
  void everyKeyMustHaveAValueAndNotesKeepTheirOrder() {
    Map<String, Double> missing = values(1, 1);
    missing.remove("reencrypt_us");
    assertThatThrownBy(() -> new NetworkBenchResult(missing, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reencrypt_us");
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put("reencrypt", "a");
    notes.put("grant", "b");
    assertThat(new NetworkBenchResult(values(1, 1), notes).notes.keySet())
        .containsExactly("reencrypt", "grant");
  }

  /**
   * A full set of values, given in reverse order (the result puts them in {@link
   * NetworkBenchResult#KEYS} order).
   */
  private static Map<String, Double> values(double retrieve1p50, double throughput100) {
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("throughput_target_per_s", 9333.3);
    v.put("reencrypt_us", 150.0);
    v.put("throughput_100_capsule_per_s", throughput100);
    v.put("throughput_1_capsule_per_s", 800.0);
    v.put("retrieve_100_p99_ms", 260.0);
    v.put("retrieve_100_p50_ms", 210.25);
    v.put("retrieve_1_p99_ms", 30.0);
    v.put("retrieve_1_p50_ms", retrieve1p50);
    v.put("grant_ms_3_of_5", 41.5);
    return v;
  }
}
