package dev.nkms.cli.bench;

import dev.nkms.app.bench.CryptoBench;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import dev.nkms.crypto.ec.Backends;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms bench crypto [--json] [--seconds S]}: times the Umbral operations on this machine
 * with the reference harness's method, so the figures line up with {@code node
 * tools/umbral-ref/umbral-ref.js bench}. With {@code --json}, stdout is exactly one flat JSON
 * object; progress always goes to stderr.
 */
@Command(
    name = "crypto",
    mixinStandardHelpOptions = true,
    description = {
      "Time the Umbral operations (single thread, median µs/op of 3 rounds after warm-up; random keys, both kfrag "
          + "flags true) and the DEM throughput for a 1 MiB message.",
      "Same method as `node tools/umbral-ref/umbral-ref.js bench`, so the numbers are comparable."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  nkms bench crypto", "  nkms bench crypto --seconds 0.2 --json"})
public final class CryptoBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /**
   * --json: one flat JSON object (the ten results) and nothing else on stdout; progress on stderr
   * unless --quiet.
   */
  @picocli.CommandLine.Mixin dev.nkms.cli.OutputOptions output;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "1.0",
      description =
          "Length of each measured round per operation; warm-up is S/2 (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Override
  public Integer call() throws Exception {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new UserError(ExitCode.USAGE, "--seconds must be a positive number, got " + seconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String backend = Backends.active().name();
    if (!output.quiet) {
      err.println(
          String.format(
              Locale.ROOT,
              "bench: back-end %s, %s; warm-up %s s, %d rounds of ≥ %s s per" + " operation",
              backend,
              jdk(),
              fmt(seconds / 2),
              CryptoBench.ROUNDS,
              fmt(seconds)));
      err.flush();
    }
    CryptoBench.Result r =
        new CryptoBench(seconds, output.quiet ? NetworkBenchCommand.silent() : err).run();
    if (output.json) {
      out.println(r.toJson());
    } else {
      printTable(out, r, backend);
    }
    out.flush();
    return dev.nkms.cli.ExitCode.OK;
  }

  private void printTable(PrintWriter out, CryptoBench.Result r, String backend) {
    out.println(
        "nkms Umbral benchmark (single thread; warm-up "
            + fmt(seconds / 2)
            + " s, "
            + CryptoBench.ROUNDS
            + " rounds of ≥ "
            + fmt(seconds)
            + " s, median round)");
    out.println("  secp256k1 back-end: " + backend);
    out.println("  JDK:                " + jdk());
    out.println(
        "  CPU:                "
            + cpuModel()
            + " ("
            + Runtime.getRuntime().availableProcessors()
            + " logical CPUs visible)");
    int w = r.rows.stream().mapToInt(row -> row.label.length()).max().orElse(10);
    out.printf(
        Locale.ROOT, "%-" + w + "s  %10s  %10s  %7s%n", "operation", "µs/op", "ops/s", "spread");
    for (CryptoBench.Row row : r.rows) {
      String line =
          String.format(
              Locale.ROOT,
              "%-" + w + "s  %10.1f  %10.1f  %6.1f%%",
              row.label,
              row.microsPerOp(),
              1 / row.medianSeconds,
              row.spreadPercent());
      if (row.key.equals("dem_mb_per_s")) {
        line += String.format(Locale.ROOT, "  (%.1f MB/s of plaintext)", r.demMegabytesPerSecond());
      }
      out.println(line);
    }
  }

  static String jdk() {
    return System.getProperty("java.vm.name", "Java")
        + " "
        + System.getProperty("java.runtime.version", System.getProperty("java.version", "?"))
        + " ("
        + System.getProperty("java.vm.vendor", "?")
        + ")";
  }

  /** The first "model name" of /proc/cpuinfo, or the OS architecture where there is none. */
  static String cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    try {
      if (Files.isReadable(cpuinfo)) {
        List<String> lines = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8);
        for (String l : lines) {
          int colon = l.indexOf(':');
          if (colon > 0 && l.substring(0, colon).trim().equals("model name")) {
            return l.substring(colon + 1).trim();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return "unknown CPU (" + System.getProperty("os.arch", "?") + ")";
  }

  private static String fmt(double s) {
    return s == Math.rint(s) && Math.abs(s) < 1e9 ? Long.toString((long) s) : Double.toString(s);
  }
}
