package dev.nkms.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The timing method of the reference harness ({@code tools/umbral-ref/umbral-ref.js bench}, spec
 * §8.2), on the calling thread: a warm-up of S/2 seconds, then a number of rounds of at least S
 * seconds each; the median round stands for the operation. {@link CryptoBench} times every Umbral
 * operation this way, {@link NetworkBench} its in-process reencrypt.
 */
final class RoundTimer {
  /** One round: how many calls, and the wall and thread-CPU seconds per call. */
  record Round(long ops, double wallSecondsPerOp, double cpuSecondsPerOp) {}

  /** The measured rounds, in the order they ran. */
  record Rounds(List<Round> inOrder) {
    Rounds {
      inOrder = List.copyOf(inOrder);
      if (inOrder.isEmpty()) {
        throw new IllegalArgumentException("no rounds");
      }
    }

    /**
     * The round with the median wall time per call (of an even number, the upper of the middle
     * two).
     */
    Round median() {
      List<Round> sorted = new ArrayList<>(inOrder);
      sorted.sort(Comparator.comparingDouble(Round::wallSecondsPerOp));
      return sorted.get(sorted.size() / 2);
    }

    double[] wallSecondsPerOp() {
      return inOrder.stream().mapToDouble(Round::wallSecondsPerOp).toArray();
    }

    long totalOps() {
      return inOrder.stream().mapToLong(Round::ops).sum();
    }
  }

  private final double seconds;
  private final int rounds;

  /**
   * @param seconds the least length of one measured round (the warm-up is half of it)
   * @param rounds how many measured rounds
   */
  RoundTimer(double seconds, int rounds) {
    if (!(seconds > 0) || Double.isInfinite(seconds) || rounds < 1) {
      throw new IllegalArgumentException(
          "need seconds > 0 and rounds ≥ 1, got " + seconds + " and " + rounds);
    }
    this.seconds = seconds;
    this.rounds = rounds;
  }

  /** Warm-up, then the measured rounds. */
  Rounds time(TimedOp op) throws Exception {
    round(op, seconds / 2);
    List<Round> measured = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      measured.add(round(op, seconds));
    }
    return new Rounds(measured);
  }

  /** Runs {@code op} until at least {@code roundSeconds} have passed (at least once). */
  private static Round round(TimedOp op, double roundSeconds) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long budget = (long) (roundSeconds * 1e9);
    long n = 0;
    long cpu0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      Sink.keep(op.run());
      n++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < budget);
    long cpuNanos = cpu ? threads.getCurrentThreadCpuTime() - cpu0 : elapsed;
    return new Round(n, elapsed / 1e9 / n, cpuNanos / 1e9 / n);
  }
}
