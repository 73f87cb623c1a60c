package dev.nkms.registry;

import static dev.nkms.registry.Fixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.RandomSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Does the sampler draw with probability proportional to stake? Seeded, so the outcome is
 * reproducible; the bounds are 5 standard deviations (or a chi-square tail of about 3·10^-7), so a
 * correct sampler passes with any seed and each check is shown to catch an unweighted sampler.
 */
class SamplingStatisticsTest {
  private static final double Z = 5;

  /** Per-node counts that lie more than 5σ (binomial) from N·share; empty if all fit. */
  static List<String> outsideFiveSigma(long[] counts, double[] shares, long draws) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      double expected = draws * shares[i];
      double sigma = Math.sqrt(draws * shares[i] * (1 - shares[i]));
      if (Math.abs(counts[i] - expected) > Z * Math.max(sigma, 1e-9)) {
        out.add(
            "node " + i + ": " + counts[i] + " draws, expected " + expected + " ± " + Z * sigma);
      }
    }
    return out;
  }

  /** Pearson's chi-square statistic; cells expecting fewer than 5 are pooled into one. */
  static double chiSquare(
      long[] counts, double[] probabilities, long draws, int[] degreesOfFreedom) {
    double stat = 0;
    double pooledExpected = 0;
    long pooledCount = 0;
    int cells = 0;
    for (int i = 0; i < counts.length; i++) {
      double e = draws * probabilities[i];
      if (e < 5) {
        pooledExpected += e;
        pooledCount += counts[i];
      } else {
        stat += (counts[i] - e) * (counts[i] - e) / e;
        cells++;
      }
    }
    if (pooledExpected > 0) {
      stat += (pooledCount - pooledExpected) * (pooledCount - pooledExpected) / pooledExpected;
      cells++;
    }
    degreesOfFreedom[0] = cells - 1;
    return stat;
  }

  /** The chi-square quantile 5σ into the tail (Wilson–Hilferty approximation). */
  static double chiSquareBound(int df) {
    double a = 2.0 / (9 * df);
    return df * Math.pow(1 - a + Z * Math.sqrt(a), 3);
  }

  static boolean chiSquarePasses(long[] counts, double[] probabilities, long draws) {
    int[] df = new int[1];
    double stat = chiSquare(counts, probabilities, draws, df);
    return stat <= chiSquareBound(df[0]);
  }

  private static double[] shares(long[] stakes) {
    double total = 0;
    for (long s : stakes) {
      total += s;
    }
    double[] p = new double[stakes.length];
    for (int i = 0; i < stakes.length; i++) {
      p[i] = stakes[i] / total;
    }
    return p;
  }

  private static StakeWeightedSampler sampler(long[] stakes) {
    List<Stake> list = new ArrayList<>();
    for (int i = 0; i < stakes.length; i++) {
      list.add(stake(i, stakes[i]));
    }
    return new StakeWeightedSampler(list);
  }

  /** Node numbers are their indexes (Fixtures.node(i) sorts by i). */
  private static int index(Stake s) {
    byte[] b = s.node().toBytes();
    return ((b[16] & 0xff) << 24) | ((b[17] & 0xff) << 16) | ((b[18] & 0xff) << 8) | (b[19] & 0xff);
  }

  @Test
  void singleDrawsFollowStakeSharesAndAnUnweightedSamplerFailsTheSameCheck() throws Exception {
    long[] stakes = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1000, 0};
    double[] p = shares(stakes);
    StakeWeightedSampler sampler = sampler(stakes);
    RandomSource random = Fixtures.random("single-draws");
    int draws = 200_000;
    long[] counts = new long[stakes.length];
    for (int k = 0; k < draws; k++) {
      counts[index(sampler.sample(1, SamplingRules.DEFAULT, random).get(0))]++;
    }
    assertThat(counts[12]).as("zero stake").isZero();
    assertThat(outsideFiveSigma(counts, p, draws)).isEmpty();
    assertThat(chiSquarePasses(counts, p, draws)).isTrue();

    // The same checks reject a sampler that ignores stake (uniform over the nodes with stake).
    long[] uniform = new long[stakes.length];
    java.util.Random r = new java.util.Random(1);
    for (int k = 0; k < draws; k++) {
      uniform[r.nextInt(12)]++;
    }
    assertThat(outsideFiveSigma(uniform, p, draws)).hasSizeGreaterThan(6);
    assertThat(chiSquarePasses(uniform, p, draws)).isFalse();
  }

  @Test
  void nOfNDrawsFirstPickByStakeAndIncludeHeavierNodesMoreOften() throws Exception {
    int nodes = 20;
    long[] stakes = new long[nodes];
    for (int i = 0; i < nodes; i++) {
      stakes[i] = (long) (i + 1) * (i + 1) * 1000;
    }
    double[] p = shares(stakes);
    StakeWeightedSampler sampler = sampler(stakes);
    RandomSource random = Fixtures.random("n-of-n");
    int samples = 40_000;
    long[] first = new long[nodes];
    long[] included = new long[nodes];
    for (int k = 0; k < samples; k++) {
      List<Stake> got = sampler.sample(5, SamplingRules.DEFAULT, random);
      assertThat(got.stream().map(Stake::node).distinct()).hasSize(5);
      first[index(got.get(0))]++;
      for (Stake s : got) {
        included[index(s)]++;
      }
    }
    assertThat(outsideFiveSigma(first, p, samples)).isEmpty();
    for (int i = 1; i < nodes; i++) {
      assertThat(included[i])
          .as("inclusion of node %d (stake %d) vs node %d", i, stakes[i], i - 1)
          .isGreaterThan(included[i - 1]);
    }
    // Inclusion is not n × share (that is what "without replacement" means); it matches the exact
    // marginals.
    double[] exactInclusion = inclusionProbabilities(stakes, 5);
    assertThat(outsideFiveSigma(included, exactInclusion, samples)).isEmpty();
    double[] naive = new double[nodes];
    for (int i = 0; i < nodes; i++) {
      naive[i] = 5 * p[i];
    }
    assertThat(outsideFiveSigma(included, naive, samples)).isNotEmpty();
  }

  /**
   * P(node i is among n sequential draws proportional to remaining stake), by enumerating every
   * ordered n-tuple.
   */
  private static double[] inclusionProbabilities(long[] stakes, int n) {
    double[] out = new double[stakes.length];
    long total = 0;
    for (long s : stakes) {
      total += s;
    }
    include(stakes, n, new boolean[stakes.length], total, 1.0, out);
    return out;
  }

  private static void include(
      long[] stakes, int left, boolean[] used, long remaining, double prob, double[] out) {
    if (left == 0) {
      return;
    }
    for (int i = 0; i < stakes.length; i++) {
      if (!used[i] && stakes[i] > 0) {
        double p = prob * stakes[i] / remaining;
        out[i] += p;
        used[i] = true;
        include(stakes, left - 1, used, remaining - stakes[i], p, out);
        used[i] = false;
      }
    }
  }

  /**
   * The exact probability of every ordered n-tuple under sequential draws proportional to remaining
   * stake.
   */
  private static Map<List<Integer>, Double> orderedTuples(long[] stakes, int n) {
    Map<List<Integer>, Double> out = new HashMap<>();
    enumerate(stakes, n, new ArrayList<>(), 1.0, out);
    return out;
  }

  private static void enumerate(
      long[] stakes, int n, List<Integer> prefix, double prob, Map<List<Integer>, Double> out) {
    if (prefix.size() == n) {
      out.put(List.copyOf(prefix), prob);
      return;
    }
    long remaining = 0;
    for (int i = 0; i < stakes.length; i++) {
      remaining += prefix.contains(i) ? 0 : stakes[i];
    }
    for (int i = 0; i < stakes.length; i++) {
      if (!prefix.contains(i) && stakes[i] > 0) {
        prefix.add(i);
        enumerate(stakes, n, prefix, prob * stakes[i] / remaining, out);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  private static boolean orderedDistributionMatches(
      long[] stakes, int n, int samples, String seed, boolean exactOnly, boolean[] sawExactMethod)
      throws Exception {
    StakeWeightedSampler sampler = sampler(stakes);
    Map<List<Integer>, Double> exact = orderedTuples(stakes, n);
    List<List<Integer>> keys = new ArrayList<>(exact.keySet());
    Map<List<Integer>, Integer> position = new HashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      position.put(keys.get(k), k);
    }
    long[] counts = new long[keys.size()];
    RandomSource random = Fixtures.random(seed);
    for (int s = 0; s < samples; s++) {
      StakeWeightedSampler.Draw d =
          exactOnly
              ? sampler.drawExactOnly(SamplingRules.DEFAULT, random)
              : sampler.draw(SamplingRules.DEFAULT, random);
      List<Integer> tuple = d.take(n).stream().map(SamplingStatisticsTest::index).toList();
      counts[position.get(tuple)]++;
      sawExactMethod[0] |= d.usedExactMethod();
    }
    double[] probabilities = keys.stream().mapToDouble(exact::get).toArray();
    return chiSquarePasses(counts, probabilities, samples);
  }

  @Test
  void orderedTriplesHaveTheSequentialWithoutReplacementDistributionWithEitherMethod()
      throws Exception {
    long[] moderate = {4, 5, 6, 7, 8, 10}; // two nodes never hold more than half: redraws suffice
    boolean[] exactUsed = {false};
    assertThat(orderedDistributionMatches(moderate, 3, 60_000, "moderate", false, exactUsed))
        .isTrue();
    assertThat(exactUsed[0]).as("the redraw method ran").isFalse();
    assertThat(orderedDistributionMatches(moderate, 3, 60_000, "moderate-exact", true, exactUsed))
        .isTrue();

    long[] whale = {1, 1, 2, 3, 5, 1000};
    exactUsed[0] = false;
    assertThat(orderedDistributionMatches(whale, 3, 60_000, "whale", false, exactUsed)).isTrue();
    assertThat(exactUsed[0]).as("after the whale is drawn, the exact method takes over").isTrue();
  }

  @Test
  void theOrderedCheckCatchesWithReplacementThinking() throws Exception {
    // Probabilities computed as if each draw used the full stake (no renormalisation) do not
    // describe the sampler.
    long[] whale = {1, 1, 2, 3, 5, 1000};
    StakeWeightedSampler sampler = sampler(whale);
    Map<List<Integer>, Double> exact = orderedTuples(whale, 2);
    List<List<Integer>> keys = new ArrayList<>(exact.keySet());
    double[] wrong = new double[keys.size()];
    double sum = 0;
    for (int k = 0; k < keys.size(); k++) {
      wrong[k] = (double) whale[keys.get(k).get(0)] * whale[keys.get(k).get(1)];
      sum += wrong[k];
    }
    long[] counts = new long[keys.size()];
    RandomSource random = Fixtures.random("wrong-model");
    int samples = 20_000;
    for (int s = 0; s < samples; s++) {
      List<Integer> t =
          sampler.sample(2, SamplingRules.DEFAULT, random).stream()
              .map(SamplingStatisticsTest::index)
              .toList();
      counts[keys.indexOf(t)]++;
    }
    for (int k = 0; k < wrong.length; k++) {
      wrong[k] /= sum;
    }
    double[] right = keys.stream().mapToDouble(exact::get).toArray();
    assertThat(chiSquarePasses(counts, right, samples)).isTrue();
    assertThat(chiSquarePasses(counts, wrong, samples)).isFalse();
  }

  @Test
  void uniformHasNoModuloBias() {
    // bound = 3·2^60: a "62 random bits mod bound" draw would land below 2^60 half the time instead
    // of a third.
    long bound = 3L << 60;
    RandomSource random = Fixtures.random("uniform");
    byte[] buffer = new byte[8];
    int draws = 30_000;
    long low = 0;
    for (int i = 0; i < draws; i++) {
      long v = StakeWeightedSampler.uniform(bound, random, buffer);
      assertThat(v).isBetween(0L, bound - 1);
      low += v < (1L << 60) ? 1 : 0;
    }
    assertThat(outsideFiveSigma(new long[] {low}, new double[] {1.0 / 3}, draws)).isEmpty();
    assertThat(outsideFiveSigma(new long[] {low}, new double[] {1.0 / 2}, draws)).isNotEmpty();
    assertThat(
            StakeWeightedSampler.uniform(
                1,
                b -> {
                  throw new AssertionError("no randomness needed");
                },
                buffer))
        .isZero();
  }
}
