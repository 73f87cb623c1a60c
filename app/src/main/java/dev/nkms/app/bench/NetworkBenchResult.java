package dev.nkms.app.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link NetworkBench} run: the flat values ({@link #KEYS}) and labelled side
 * measurements.
 */
public final class NetworkBenchResult {
  /** The JSON keys, in output order. */
  public static final List<String> KEYS =
      List.of(
          "grant_ms_3_of_5",
          "retrieve_1_p50_ms",
          "retrieve_1_p99_ms",
          "retrieve_100_p50_ms",
          "retrieve_100_p99_ms",
          "throughput_1_capsule_per_s",
          "throughput_100_capsule_per_s",
          "reencrypt_us",
          "throughput_target_per_s");

  /** The targets. */
  public static final double RETRIEVE_1_P50_TARGET_MS = 20;

  public static final double THROUGHPUT_TARGET_FRACTION = 0.70;

  /** Every one of the {@link #KEYS}, in their order. */
  public final Map<String, Double> values;

  /** Side measurements, label → text, in the order they were taken. */
  public final Map<String, String> notes;

  /** {@code values} must hold every one of the {@link #KEYS} (and nothing else counts). */
  NetworkBenchResult(Map<String, Double> values, Map<String, String> notes) {
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String k : KEYS) {
      Double v = values.get(k);
      if (v == null) {
        throw new IllegalArgumentException("no value for " + k);
      }
      ordered.put(k, v);
    }
    this.values = Collections.unmodifiableMap(ordered);
    this.notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
  }

  /** Capsules per second the nodes should re-encrypt: {@code 0.70 × cores × 10⁶ / reencrypt_us}. */
  static double throughputTarget(int cores, double reencryptMicros) {
    return THROUGHPUT_TARGET_FRACTION * cores * 1e6 / reencryptMicros;
  }

  public boolean retrieveTargetMet() {
    return values.get("retrieve_1_p50_ms") < RETRIEVE_1_P50_TARGET_MS;
  }

  public boolean throughputTargetMet() {
    return values.get("throughput_100_capsule_per_s") >= values.get("throughput_target_per_s");
  }

  /** Exactly one flat JSON object with the {@link #KEYS}: ms to 0.01, everything else to 0.1. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    for (String k : KEYS) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      String format = k.endsWith("_ms") || k.startsWith("grant_ms") ? "%.2f" : "%.1f";
      sb.append('"')
          .append(k)
          .append("\":")
          .append(String.format(Locale.ROOT, format, values.get(k)));
    }
    return sb.append('}').toString();
  }
}
