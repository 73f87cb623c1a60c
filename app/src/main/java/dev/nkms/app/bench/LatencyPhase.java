package dev.nkms.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A latency phase, one call at a time: warm-up S/2 (≥ min(3, minSamples) calls), then ≥ S seconds
 * and ≥ minSamples timed calls; p50 and p99 (nearest rank) in ms, and the CPU the nodes and this
 * process spent per call.
 */
final class LatencyPhase {
  private final NetworkBenchSettings settings;
  private final List<ProcessHandle> nodeProcesses;
  private final BenchLog log;

  LatencyPhase(NetworkBenchSettings settings, List<ProcessHandle> nodeProcesses, BenchLog log) {
    this.settings = settings;
    this.nodeProcesses = nodeProcesses;
    this.log = log;
  }

  /**
   * Times {@code op}; puts {@code key_p50_ms} and {@code key_p99_ms} into {@code values} and a note
   * under key.
   */
  void run(String key, String label, Map<String, Double> values, TimedOp op) throws Exception {
    log.say(
        "%s: warm-up %.1f s, then ≥ %.1f s and ≥ %d samples",
        label, settings.seconds() / 2, settings.seconds(), settings.minSamples());
    long warmEnd = System.nanoTime() + (long) (settings.seconds() / 2 * 1e9);
    int warm = 0;
    while (warm < Math.min(3, settings.minSamples()) || System.nanoTime() < warmEnd) {
      Sink.keep(op.run());
      warm++;
    }
    List<Double> samples = new ArrayList<>();
    long nodeCpu0 = ProcessCpu.nanos(nodeProcesses);
    long clientCpu0 = ProcessCpu.ownNanos();
    long start = System.nanoTime();
    long end = start + (long) (settings.seconds() * 1e9);
    while (samples.size() < settings.minSamples() || System.nanoTime() < end) {
      long t = System.nanoTime();
      Sink.keep(op.run());
      samples.add((System.nanoTime() - t) / 1e6);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double nodeMs = (ProcessCpu.nanos(nodeProcesses) - nodeCpu0) / 1e6 / samples.size();
    double clientMs = (ProcessCpu.ownNanos() - clientCpu0) / 1e6 / samples.size();
    SampleStats s = SampleStats.of(samples);
    values.put(key + "_p50_ms", SampleStats.round(s.p50(), 2));
    values.put(key + "_p99_ms", SampleStats.round(s.p99(), 2));
    int cores = Runtime.getRuntime().availableProcessors();
    log.note(
        key,
        String.format(
            Locale.ROOT,
            "%d samples after %d warm-up: p50 %.2f ms, p99 %.2f ms, min %.2f, max "
                + "%.2f; CPU per retrieval: nodes %.2f ms, client %.2f ms (our processes kept %.0f %% of %d cores busy)",
            samples.size(),
            warm,
            s.p50(),
            s.p99(),
            s.min(),
            s.max(),
            nodeMs,
            clientMs,
            SampleStats.percentOfCores((nodeMs + clientMs) * samples.size() / 1e3, seconds, cores),
            cores));
  }
}
