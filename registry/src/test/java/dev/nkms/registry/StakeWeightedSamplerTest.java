package dev.nkms.registry;

import static dev.nkms.registry.Fixtures.node;
import static dev.nkms.registry.Fixtures.operator;
import static dev.nkms.registry.Fixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StakeWeightedSamplerTest {
  /** Nodes 0..n-1 with stakes 1..n, each its own operator. */
  private static List<Stake> rising(int n) {
    List<Stake> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(stake(i, i + 1));
    }
    return out;
  }

  /** Counts the random bytes a draw consumes. */
  private static final class CountingRandom implements RandomSource {
    final RandomSource inner;
    long bytes;

    CountingRandom(String seed) {
      inner = Fixtures.random(seed);
    }

    @Override
    public void nextBytes(byte[] out) {
      bytes += out.length;
      inner.nextBytes(out);
    }
  }

  @Test
  void drawingEveryNodeGivesEachNodeWithStakeExactlyOnceAndNeverAZeroStake() throws Exception {
    List<Stake> stakes = new ArrayList<>(rising(40));
    stakes.add(stake(100, 0));
    stakes.add(stake(101, 0));
    StakeWeightedSampler sampler = new StakeWeightedSampler(stakes);
    assertThat(sampler.size()).isEqualTo(42);
    assertThat(sampler.nodesWithStake()).isEqualTo(40);
    for (int round = 0; round < 20; round++) {
      List<Stake> all = sampler.sample(40, SamplingRules.DEFAULT, Fixtures.random("all-" + round));
      assertThat(all).containsExactlyInAnyOrderElementsOf(rising(40));
    }
    NotEnoughEligibleNodes e =
        catchThrowableOfType(
            NotEnoughEligibleNodes.class,
            () -> sampler.sample(41, SamplingRules.DEFAULT, Fixtures.random("41")));
    assertThat(e)
        .hasMessage(
            "wanted 41 node(s), could draw only 40: of the 40 node(s) with stake, 40 drawn, 0 excluded,"
                + " 0 failed the liveness check; 2 node(s) with zero stake are never drawn");
    assertThat(e.requested()).isEqualTo(41);
    assertThat(e.drawn()).hasSize(40);
  }

  @Test
  void excludedNodesAreNeverDrawn() throws Exception {
    StakeWeightedSampler sampler = new StakeWeightedSampler(rising(30));
    Set<NodeAddress> excluded =
        Set.of(node(29), node(28), node(27), node(0), node(99)); // 99 is not in the snapshot
    SamplingRules rules = SamplingRules.DEFAULT.withExcluded(excluded);
    for (int round = 0; round < 50; round++) {
      assertThat(sampler.sample(10, rules, Fixtures.random("ex-" + round)))
          .extracting(Stake::node)
          .doesNotContainAnyElementsOf(excluded);
    }
    assertThatThrownBy(() -> sampler.sample(27, rules, Fixtures.random("ex")))
        .isInstanceOf(NotEnoughEligibleNodes.class)
        .hasMessage(
            "wanted 27 node(s), could draw only 26: of the 30 node(s) with stake, 26 drawn, 4 excluded, 0 failed"
                + " the liveness check");
  }

  @Test
  void handpickedNodesComeFirstInTheirOrderAndTheRestIsDrawn() throws Exception {
    List<Stake> stakes = new ArrayList<>(rising(20));
    stakes.add(stake(50, 0)); // a zero stake can be handpicked, just not drawn at random
    StakeWeightedSampler sampler = new StakeWeightedSampler(stakes);
    SamplingRules rules = SamplingRules.DEFAULT.withHandpicked(List.of(node(3), node(50), node(0)));
    for (int round = 0; round < 20; round++) {
      List<Stake> got = sampler.sample(8, rules, Fixtures.random("hp-" + round));
      assertThat(got.subList(0, 3)).containsExactly(stake(3, 4), stake(50, 0), stake(0, 1));
      assertThat(got.subList(3, 8))
          .extracting(Stake::node)
          .doesNotContain(node(3), node(50), node(0));
      assertThat(got.stream().map(Stake::node).distinct()).hasSize(8);
    }
    assertThatThrownBy(() -> sampler.sample(2, rules, Fixtures.random("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2 node(s) requested but 3 handpicked");
  }

  @Test
  void aHandpickedNodeThatCannotServeIsRefusedNotReplaced() {
    StakeWeightedSampler sampler =
        new StakeWeightedSampler(List.of(stake(1, 10), stake(2, 1, 10), stake(3, 10)));
    HandpickedNodeUnavailable absent =
        catchThrowableOfType(
            HandpickedNodeUnavailable.class,
            () ->
                sampler.sample(
                    2,
                    SamplingRules.DEFAULT.withHandpicked(List.of(node(1), node(9))),
                    Fixtures.random("a")));
    assertThat(absent.node()).isEqualTo(node(9));
    assertThat(absent)
        .hasMessage(
            "handpicked node "
                + node(9)
                + " is not in the snapshot the sampler was built from"
                + " (not registered, or not eligible for this policy)");
    assertThatThrownBy(
            () ->
                sampler.sample(
                    2,
                    SamplingRules.DEFAULT
                        .withHandpicked(List.of(node(3)))
                        .withLiveness(s -> !s.node().equals(node(3))),
                    Fixtures.random("b")))
        .isInstanceOf(HandpickedNodeUnavailable.class)
        .hasMessage("handpicked node " + node(3) + " failed the liveness check");
    assertThatThrownBy(
            () ->
                sampler.sample(
                    2,
                    SamplingRules.DEFAULT
                        .withHandpicked(List.of(node(1), node(2)))
                        .withMaxPerOperator(1),
                    Fixtures.random("c")))
        .isInstanceOf(HandpickedNodeUnavailable.class)
        .hasMessage(
            "handpicked node "
                + node(2)
                + " would exceed the cap of 1 node(s) per operator (operator "
                + operator(1)
                + ")");
  }

  @Test
  void noOperatorGetsMoreThanTheCap() throws Exception {
    // 5 operators with 6 nodes each; operator 0's nodes hold most of the stake.
    List<Stake> stakes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      stakes.add(stake(i, i % 5, i % 5 == 0 ? 1000 : 1));
    }
    StakeWeightedSampler sampler = new StakeWeightedSampler(stakes);
    SamplingRules rules = SamplingRules.DEFAULT.withMaxPerOperator(2);
    for (int round = 0; round < 50; round++) {
      List<Stake> got = sampler.sample(10, rules, Fixtures.random("cap-" + round));
      Map<OperatorAddress, Integer> per = new HashMap<>();
      got.forEach(s -> per.merge(s.operator(), 1, Integer::sum));
      assertThat(per.values()).allMatch(c -> c == 2);
      assertThat(per).hasSize(5);
    }
    assertThatThrownBy(() -> sampler.sample(11, rules, Fixtures.random("cap")))
        .isInstanceOf(NotEnoughEligibleNodes.class)
        .hasMessage(
            "wanted 11 node(s), could draw only 10: of the 30 node(s) with stake, 10 drawn, 0 excluded, 20 over"
                + " the cap of 2 per operator, 0 failed the liveness check");
    assertThatThrownBy(() -> SamplingRules.DEFAULT.withMaxPerOperator(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodesFailingTheLivenessCheckAreSkippedAndCounted() throws Exception {
    StakeWeightedSampler sampler = new StakeWeightedSampler(rising(20));
    Set<NodeAddress> down = Set.of(node(19), node(18), node(5));
    List<NodeAddress> asked = new ArrayList<>();
    SamplingRules rules =
        SamplingRules.DEFAULT.withLiveness(
            s -> {
              asked.add(s.node());
              return !down.contains(s.node());
            });
    List<Stake> got = sampler.sample(17, rules, Fixtures.random("live"));
    assertThat(got)
        .extracting(Stake::node)
        .doesNotContainAnyElementsOf(down)
        .doesNotHaveDuplicates();
    assertThat(asked)
        .hasSize(20)
        .doesNotHaveDuplicates(); // each node checked once, the down ones included
    NotEnoughEligibleNodes e =
        catchThrowableOfType(
            NotEnoughEligibleNodes.class, () -> sampler.sample(18, rules, Fixtures.random("live")));
    assertThat(e)
        .hasMessage(
            "wanted 18 node(s), could draw only 17: of the 20 node(s) with stake, 17 drawn, 0 excluded,"
                + " 3 failed the liveness check");
  }

  @Test
  void aDrawSessionHandsOutReplacementsThatWereNeverDrawnBefore() throws Exception {
    StakeWeightedSampler sampler = new StakeWeightedSampler(rising(12));
    StakeWeightedSampler.Draw draw =
        sampler.draw(
            SamplingRules.DEFAULT.withExcluded(Set.of(node(11))), Fixtures.random("session"));
    List<Stake> first = draw.take(5);
    Set<NodeAddress> seen = new HashSet<>();
    first.forEach(s -> seen.add(s.node()));
    for (int k = 0; k < 6; k++) {
      Optional<Stake> more = draw.next();
      assertThat(more).isPresent();
      assertThat(seen.add(more.get().node())).isTrue();
    }
    assertThat(draw.next()).isEmpty();
    assertThat(draw.drawn()).hasSize(11).extracting(Stake::node).doesNotContain(node(11));
    NotEnoughEligibleNodes e =
        catchThrowableOfType(NotEnoughEligibleNodes.class, () -> draw.take(1));
    assertThat(e)
        .hasMessage(
            "wanted 1 node(s), could draw only 0: of the 12 node(s) with stake, 11 drawn (11 before"
                + " this request), 1 excluded, 0 failed the liveness check");
  }

  @Test
  void oneNodeWithAlmostAllTheStakeStillTerminatesQuicklyAndCorrectly() throws Exception {
    List<Stake> stakes = new ArrayList<>();
    stakes.add(stake(0, 9_999_000)); // 99.99 % of the stake
    for (int i = 1; i <= 1000; i++) {
      stakes.add(stake(i, 1));
    }
    StakeWeightedSampler sampler = new StakeWeightedSampler(stakes);
    for (int round = 0; round < 10; round++) {
      CountingRandom random = new CountingRandom("whale-" + round);
      StakeWeightedSampler.Draw draw = sampler.draw(SamplingRules.DEFAULT, random);
      List<Stake> got = draw.take(30);
      assertThat(got.get(0).node()).isEqualTo(node(0)); // P(first) = 0.9999
      assertThat(got).extracting(Stake::node).doesNotHaveDuplicates();
      assertThat(draw.usedExactMethod()).isTrue();
      // Redrawing alone would need ~10^4 points per node after the whale; the bound here is ~100
      // points in all.
      assertThat(random.bytes / 8).isLessThan(200);
    }
    // Excluding the whale leaves 0.01 % of the weight from the start: exact method at once, still
    // cheap.
    CountingRandom random = new CountingRandom("whale-excluded");
    List<Stake> got =
        sampler.sample(30, SamplingRules.DEFAULT.withExcluded(Set.of(node(0))), random);
    assertThat(got).extracting(Stake::node).doesNotContain(node(0)).doesNotHaveDuplicates();
    assertThat(random.bytes / 8).isLessThan(100);
  }

  @Test
  void stakesAreShiftedToFitSixtyTwoBitsAndPositiveStakesKeepWeightOne() {
    BigInteger huge = BigInteger.ONE.shiftLeft(200);
    StakeWeightedSampler big =
        new StakeWeightedSampler(
            List.of(
                new Stake(operator(1), node(1), huge, Fixtures.LOCK),
                new Stake(
                    operator(2), node(2), huge.multiply(BigInteger.valueOf(3)), Fixtures.LOCK),
                stake(3, 1),
                stake(4, 0)));
    assertThat(big.shift()).isEqualTo(200 + 2 - 62 + 1); // total 4·2^200 + 1 has 203 bits
    assertThat(big.weight(node(1))).isEqualTo(1L << 59);
    assertThat(big.weight(node(2))).isEqualTo(3L << 59);
    assertThat(big.weight(node(3))).isEqualTo(1);
    assertThat(big.weight(node(4))).isZero();
    assertThat(big.totalWeight()).isEqualTo((1L << 61) + 1);

    StakeWeightedSampler small = new StakeWeightedSampler(List.of(stake(1, 5), stake(2, 7)));
    assertThat(small.shift()).isZero();
    assertThat(small.weight(node(2))).isEqualTo(7);

    // Rounding the five 1-stakes up to weight 1 would push the total past 2^62 at the first shift:
    // one more shift.
    List<Stake> edge = new ArrayList<>();
    edge.add(
        new Stake(
            operator(0),
            node(0),
            BigInteger.ONE.shiftLeft(63).subtract(BigInteger.valueOf(8)),
            Fixtures.LOCK));
    for (int i = 1; i <= 5; i++) {
      edge.add(stake(i, 1));
    }
    StakeWeightedSampler clamped = new StakeWeightedSampler(edge);
    assertThat(clamped.shift()).isEqualTo(2);
    assertThat(clamped.totalWeight()).isEqualTo((1L << 61) - 2 + 5);
  }

  @Test
  void anEmptySnapshotDrawsNothingAndRepeatedNodesAreRefused() {
    StakeWeightedSampler empty = new StakeWeightedSampler(List.of());
    assertThatThrownBy(() -> empty.sample(1, SamplingRules.DEFAULT, Fixtures.random("e")))
        .isInstanceOf(NotEnoughEligibleNodes.class)
        .hasMessageStartingWith("wanted 1 node(s), could draw only 0");
    assertThatThrownBy(() -> new StakeWeightedSampler(List.of(stake(1, 1), stake(1, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node " + node(1) + " appears twice in the snapshot");
  }

  @Test
  void rulesRefuseContradictions() {
    assertThatThrownBy(() -> SamplingRules.DEFAULT.withHandpicked(List.of(node(1), node(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node " + node(1) + " is handpicked twice");
    assertThatThrownBy(
            () ->
                SamplingRules.DEFAULT
                    .withExcluded(Set.of(node(1)))
                    .withHandpicked(List.of(node(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node " + node(1) + " is both handpicked and excluded");
    assertThatThrownBy(() -> SamplingRules.DEFAULT.withLiveness(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void ofEligibleUsesTheRegistrysMinimumAndLockEnd() throws Exception {
    FixedStakes registry =
        FixedStakes.of(
            "local",
            BigInteger.valueOf(5),
            List.of(
                stake(1, 4),
                stake(2, 5),
                new Stake(
                    operator(3), node(3), BigInteger.valueOf(50), Fixtures.LOCK.minusSeconds(1))));
    StakeWeightedSampler sampler = StakeWeightedSampler.ofEligible(registry, Fixtures.LOCK);
    assertThat(sampler.size()).isEqualTo(1);
    assertThat(sampler.sample(1, SamplingRules.DEFAULT, Fixtures.random("el")))
        .containsExactly(stake(2, 5));
  }
}
