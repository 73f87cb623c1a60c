package dev.nkms.app.bench;

/**
 * What {@link NetworkBench} runs with.
 *
 * @param nodes node processes to start (the policy is ⌈3n/5⌉-of-n over all of them)
 * @param seconds measured time per phase (warm-up: half of it)
 * @param minSamples latency phases run at least this many retrievals, however long that takes
 * @param threads concurrent client threads in the throughput phases
 * @param reencryptSeconds round length for the in-process reencrypt timing
 */
public record NetworkBenchSettings(
    int nodes, double seconds, int minSamples, int threads, double reencryptSeconds) {
  public NetworkBenchSettings {
    if (nodes < 1 || nodes > 32) {
      throw new IllegalArgumentException("nodes must be in 1..32, got " + nodes);
    }
    if (!(seconds > 0) || seconds > 120) {
      throw new IllegalArgumentException("seconds must be in (0, 120], got " + seconds);
    }
    if (minSamples < 1
        || threads < 1
        || threads > 256
        || !(reencryptSeconds > 0)
        || reencryptSeconds > 60) {
      throw new IllegalArgumentException(
          "need min-samples ≥ 1, threads in 1..256, reencrypt seconds in (0, 60]");
    }
  }

  /** m of the m-of-n policy: ⌈3n/5⌉, at least 1. */
  public int threshold() {
    return Math.max(1, (3 * nodes + 4) / 5);
  }
}
