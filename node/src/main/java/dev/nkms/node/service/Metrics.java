package dev.nkms.node.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters and gauges, rendered in the Prometheus text exposition format. No dependency needed for
 * this much.
 */
public final class Metrics {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, String> help = new ConcurrentHashMap<>();

  public void count(String name, String labels, long n) {
    counters
        .computeIfAbsent(name + (labels.isEmpty() ? "" : "{" + labels + "}"), k -> new LongAdder())
        .add(n);
  }

  public void gauge(String name, String description, LongSupplier value) {
    gauges.put(name, value);
    help.put(name, description);
  }

  public void describe(String name, String description) {
    help.put(name, description);
  }

  public long counter(String nameWithLabels) {
    LongAdder a = counters.get(nameWithLabels);
    return a == null ? 0 : a.sum();
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    TreeMap<String, Long> sorted = new TreeMap<>();
    counters.forEach((k, v) -> sorted.put(k, v.sum()));
    String lastName = "";
    for (Map.Entry<String, Long> e : sorted.entrySet()) {
      String name =
          e.getKey().contains("{") ? e.getKey().substring(0, e.getKey().indexOf('{')) : e.getKey();
      if (!name.equals(lastName)) {
        sb.append("# HELP ")
            .append(name)
            .append(' ')
            .append(help.getOrDefault(name, name))
            .append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        lastName = name;
      }
      sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    new TreeMap<>(gauges)
        .forEach(
            (name, value) -> {
              sb.append("# HELP ")
                  .append(name)
                  .append(' ')
                  .append(help.getOrDefault(name, name))
                  .append('\n');
              sb.append("# TYPE ").append(name).append(" gauge\n");
              sb.append(name).append(' ').append(value.getAsLong()).append('\n');
            });
    return sb.toString();
  }
}
