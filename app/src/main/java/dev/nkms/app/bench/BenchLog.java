package dev.nkms.app.bench;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run's progress lines ("bench: …") and its labelled side measurements (notes), which also go to
 * progress.
 */
final class BenchLog {
  private final PrintWriter progress;
  private final Map<String, String> notes = new LinkedHashMap<>();

  /** {@code progress}: where progress lines go (stderr in the CLI), or null for none. */
  BenchLog(PrintWriter progress) {
    this.progress = progress;
  }

  void say(String format, Object... args) {
    if (progress != null) {
      progress.println("bench: " + String.format(Locale.ROOT, format, args));
      progress.flush();
    }
  }

  void note(String key, String text) {
    notes.put(key, text);
    say("%s: %s", key, text);
  }

  /** The notes so far, in the order they were taken. */
  Map<String, String> notes() {
    return Collections.unmodifiableMap(notes);
  }
}
