package dev.nkms.app.bench;

import dev.nkms.storage.Storage;
import dev.nkms.storage.StorageSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@link StorageBench} measurement in a child JVM with a bounded heap, so the heap peak it
 * reports is that of the measurement alone (not of the caller, nor of an earlier back-end). {@link
 * #run} starts the child; {@link #main} is the child: {@code NAME PLAIN_URI SEALED_URI BYTES
 * [KEY=VALUE…]} (storage settings), progress on stderr, one {@code result …} line on stdout.
 */
public final class StorageBenchChild {
  private static final String RESULT = "result ";
  private static final String ERROR = "error: ";

  private StorageBenchChild() {}

  /**
   * Runs one target in a child JVM with {@code -Xmx<heapMib>m}; its progress lines go to {@code
   * log}. Fails (with the child's last lines) when the child exits non-zero, e.g. of
   * OutOfMemoryError.
   */
  public static StorageBench.Result run(
      StorageBench.Target target,
      long bytes,
      Map<String, String> settings,
      int heapMib,
      Consumer<String> log)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String backend = System.getProperty("nkms.backend");
    if (backend != null) {
      cmd.add("-Dnkms.backend=" + backend);
    }
    if (Runtime.version().feature() >= 22) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.add("-Xmx" + heapMib + "m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(StorageBenchChild.class.getName());
    cmd.add(target.name());
    cmd.add(target.plain().toString());
    cmd.add(target.sealed().toString());
    cmd.add(Long.toString(bytes));
    settings.forEach((k, v) -> cmd.add(k + "=" + v));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StorageBench.Result result = null;
    String error = null;
    Deque<String> last = new ArrayDeque<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(RESULT)) {
          result = parse(line.substring(RESULT.length()));
        } else if (line.startsWith(ERROR)) {
          error = line.substring(ERROR.length());
        } else {
          log.accept(line);
          last.addLast(line);
          if (last.size() > 5) {
            last.removeFirst();
          }
        }
      }
    } finally {
      if (!p.waitFor(1, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
    }
    if (p.exitValue() != 0 || result == null) {
      throw new IOException(
          "the "
              + target.name()
              + " measurement (child JVM, -Xmx"
              + heapMib
              + "m) exited "
              + p.exitValue()
              + ": "
              + (error != null ? error : String.join(" | ", last)));
    }
    return result;
  }

  public static void main(String[] args) throws Exception {
    StorageBench.Target target =
        new StorageBench.Target(args[0], URI.create(args[1]), URI.create(args[2]));
    long bytes = Long.parseLong(args[3]);
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    StorageBench.Result r;
    try (Storage storage = Storage.load(StorageSettings.of(settings))) {
      r = new StorageBench(storage, System.err::println).run(List.of(target), bytes).get(0);
    } catch (Exception e) {
      // One line for the parent's message (a stack trace says nothing to someone benchmarking).
      System.err.println(ERROR + e.getClass().getSimpleName() + ": " + e.getMessage());
      System.err.flush();
      System.exit(1);
      return;
    }
    System.err.flush();
    System.out.println(RESULT + format(r));
    System.out.flush();
  }

  static String format(StorageBench.Result r) {
    return String.format(
        Locale.ROOT,
        "%s %d %.6f %.6f %.6f %.6f %.6f %.6f",
        r.backEnd(),
        r.bytes(),
        r.plainWriteMbPerS(),
        r.plainReadMbPerS(),
        r.sealedWriteMbPerS(),
        r.sealedReadMbPerS(),
        r.heapPeakMib(),
        r.heapMaxMib());
  }

  static StorageBench.Result parse(String line) {
    String[] f = line.strip().split(" ");
    return new StorageBench.Result(
        f[0],
        Long.parseLong(f[1]),
        Double.parseDouble(f[2]),
        Double.parseDouble(f[3]),
        Double.parseDouble(f[4]),
        Double.parseDouble(f[5]),
        Double.parseDouble(f[6]),
        Double.parseDouble(f[7]));
  }
}
