package dev.nkms.app.bench;

import java.util.List;

/**
 * The statistics the benchmarks report, in one place: a sample's min, median, p99 and max by
 * nearest rank, and the ratios and rounding used around them.
 */
record SampleStats(double min, double p50, double p99, double max) {
  static SampleStats of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new SampleStats(s[0], percentile(s, 50), percentile(s, 99), s[s.length - 1]);
  }

  /**
   * Nearest rank on sorted values: the smallest value with at least p % of the samples at or below
   * it.
   */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * (largest − smallest) / smallest, in percent; 0 when the smallest is not positive (or there are
   * no values).
   */
  static double spreadPercent(double[] values) {
    double min = java.util.Arrays.stream(values).min().orElse(0);
    double max = java.util.Arrays.stream(values).max().orElse(0);
    return min > 0 ? (max - min) / min * 100 : 0;
  }

  /**
   * How busy {@code cpuSeconds} of CPU time kept {@code cores} cores over {@code wallSeconds}, in
   * percent.
   */
  static double percentOfCores(double cpuSeconds, double wallSeconds, int cores) {
    return cpuSeconds / wallSeconds / cores * 100;
  }

  /** {@code x} rounded half up to {@code decimals} decimal places. */
  static double round(double x, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(x * f) / f;
  }
}
