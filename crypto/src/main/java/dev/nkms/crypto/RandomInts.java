package dev.nkms.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * Uniform integers and shuffles from a {@link RandomSource} (rejection sampling, no modulo bias).
 * Not API.
 */
public final class RandomInts {
  private RandomInts() {}

  /** Uniform in [0, bound). */
  public static int below(RandomSource random, int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be positive");
    }
    long limit = (0x80000000L / bound) * bound;
    while (true) {
      byte[] b = random.nextBytes(4);
      long v =
          ((b[0] & 0x7fL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
      if (v < limit) {
        return (int) (v % bound);
      }
    }
  }

  /** A uniformly shuffled copy (Fisher–Yates). */
  public static <T> List<T> shuffled(List<T> items, RandomSource random) {
    List<T> out = new ArrayList<>(items);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = below(random, i + 1);
      T t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }
}
