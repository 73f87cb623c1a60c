package dev.nkms.registry;

import static dev.nkms.registry.Fixtures.LOCK;
import static dev.nkms.registry.Fixtures.node;
import static dev.nkms.registry.Fixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedStakesTest {
  @Test
  void keepsStakesInNodeOrderAndFiltersEligibility() {
    FixedStakes r =
        FixedStakes.of(
            "local", BigInteger.valueOf(150), List.of(stake(3, 300), stake(1, 100), stake(2, 200)));
    assertThat(r.domain()).isEqualTo("local");
    assertThat(r.minimumStake()).isEqualTo(150);
    assertThat(r.stakes()).containsExactly(stake(1, 100), stake(2, 200), stake(3, 300));
    assertThat(r.stake(node(2))).contains(stake(2, 200));
    assertThat(r.stake(node(4))).isEmpty();
    assertThat(r.eligible(LOCK)).containsExactly(stake(2, 200), stake(3, 300));
    assertThat(r.eligible(LOCK.plusSeconds(1))).isEmpty();
    r.addListener(
        c -> {
          throw new AssertionError("never called");
        });
  }

  @Test
  void refusesRepeatedNodesANegativeMinimumAndABadDomain() {
    assertThatThrownBy(
            () -> FixedStakes.of("local", BigInteger.ONE, List.of(stake(1, 1), stake(1, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node " + node(1) + " is listed twice");
    assertThatThrownBy(() -> FixedStakes.of("local", BigInteger.valueOf(-1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedStakes.of("Local", BigInteger.ONE, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
