package dev.nkms.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIntsTest {
  @Test
  void randomIntsAreInRangeAndShufflesArePermutations() {
    RandomSource r = RandomSource.deterministicStream("ints");
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int v = RandomInts.below(r, 7);
      assertThat(v).isBetween(0, 6);
      seen.add(v);
    }
    assertThat(seen).hasSize(7);
    List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7, 8);
    List<Integer> shuffled = RandomInts.shuffled(items, r);
    assertThat(shuffled)
        .containsExactlyInAnyOrderElementsOf(items)
        .isNotEqualTo(new ArrayList<>(items));
  }
}
