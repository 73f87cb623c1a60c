package dev.nkms.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers for the benchmarks' statistics; no timing. */
class SampleStatsTest {
  @Test
  void percentilesOfOneToHundredAreTheirRanks() {
    List<Double> samples = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      samples.add((double) i);
    }
    Collections.shuffle(samples, new java.util.Random(7));
    SampleStats s = SampleStats.of(samples);
    assertThat(s).isEqualTo(new SampleStats(1, 50, 99, 100));
  }

  @Test
  void nearestRankTakesTheSmallestValueWithAtLeastThatShareAtOrBelowIt() {
    double[] sorted = {10, 20, 30, 40};
    assertThat(SampleStats.percentile(sorted, 50)).isEqualTo(20); // rank ⌈2⌉ = 2
    assertThat(SampleStats.percentile(sorted, 51)).isEqualTo(30); // rank ⌈2.04⌉ = 3
    assertThat(SampleStats.percentile(sorted, 99)).isEqualTo(40); // rank ⌈3.96⌉ = 4
    assertThat(SampleStats.percentile(sorted, 25)).isEqualTo(10);
    assertThat(SampleStats.percentile(sorted, 0))
        .isEqualTo(10); // rank 0 is clamped to the first value
    assertThat(SampleStats.percentile(sorted, 100)).isEqualTo(40);
  }

  @Test
  void p99OfFewSamplesIsTheMaximumAndOfOneSampleEverythingIsThatSample() {
    assertThat(SampleStats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new SampleStats(1, 2, 3, 3));
    assertThat(SampleStats.of(List.of(4.5))).isEqualTo(new SampleStats(4.5, 4.5, 4.5, 4.5));
    // 200 samples: p99 is rank 198, so the two largest are above it.
    List<Double> samples = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      samples.add(i * 0.5);
    }
    SampleStats s = SampleStats.of(samples);
    assertThat(s.p50()).isEqualTo(50.0);
    assertThat(s.p99()).isEqualTo(99.0);
    assertThat(s.max()).isEqualTo(100.0);
  }

  @Test
  void noSamplesIsAnError() {
    assertThatThrownBy(() -> SampleStats.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void spreadIsSlowestOverFastestRound() {
    assertThat(SampleStats.spreadPercent(new double[] {2.0, 2.5, 2.2})).isCloseTo(25.0, within());
    assertThat(SampleStats.spreadPercent(new double[] {1.0, 1.0, 1.0})).isZero();
    assertThat(SampleStats.spreadPercent(new double[] {0.0, 1.0})).isZero();
    assertThat(SampleStats.spreadPercent(new double[0])).isZero();
  }

  @Test
  void percentOfCoresIsCpuOverWallOverCores() {
    // 3 s of CPU in 2 s of wall time on 2 cores: 1.5 cores of 2 busy.
    assertThat(SampleStats.percentOfCores(3, 2, 2)).isCloseTo(75.0, within());
    assertThat(SampleStats.percentOfCores(0.5, 1, 4)).isCloseTo(12.5, within());
  }

  @Test
  void roundsHalfUpToTheGivenDecimals() {
    assertThat(SampleStats.round(12.345, 1)).isEqualTo(12.3);
    assertThat(SampleStats.round(0.25, 1)).isEqualTo(0.3); // 2.5 rounds up
    assertThat(SampleStats.round(0.125, 2)).isEqualTo(0.13);
    assertThat(SampleStats.round(7.0, 2)).isEqualTo(7.0);
  }

  @Test
  void theMedianRoundIsTheMiddleByWallTimeAndCarriesItsCpuTime() {
    RoundTimer.Rounds rounds =
        new RoundTimer.Rounds(
            List.of(
                new RoundTimer.Round(10, 3e-6, 2.5e-6),
                new RoundTimer.Round(12, 1e-6, 0.9e-6),
                new RoundTimer.Round(11, 2e-6, 1.8e-6)));
    assertThat(rounds.median()).isEqualTo(new RoundTimer.Round(11, 2e-6, 1.8e-6));
    assertThat(rounds.wallSecondsPerOp())
        .containsExactly(3e-6, 1e-6, 2e-6); // in the order they ran
    assertThat(rounds.totalOps()).isEqualTo(33);
    assertThatThrownBy(() -> new RoundTimer.Rounds(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
