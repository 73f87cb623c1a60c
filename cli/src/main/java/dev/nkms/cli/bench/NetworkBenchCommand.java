package dev.nkms.cli.bench;

import dev.nkms.app.bench.NetworkBench;
import dev.nkms.app.bench.NetworkBenchResult;
import dev.nkms.app.bench.NetworkBenchSettings;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import dev.nkms.crypto.ec.Backends;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms bench network [--json] [--nodes 5] [--seconds S]}: grant, retrieve and
 * node-throughput timings on a fresh local network of node processes that the command starts in a
 * temporary directory and always stops. With {@code --json}, stdout is exactly one flat JSON
 * object; progress always goes to stderr.
 */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description = {
      "Start a fresh local network of node processes (temporary directory; stopped at the end, also on failure or "
          + "Ctrl-C) and time: Alice.grant (3-of-5), Bob.retrieve of 1 and of 100 capsules (p50/p99), and node "
          + "throughput in capsules/s with 1- and 100-capsule requests from 8 client threads.",
      "Also times reencrypt in-process (as `nkms bench crypto`) for the throughput target "
          + "0.70 × cores × 10⁶ / reencrypt_us. Nodes, clients and the benchmark share this machine's cores."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms bench network",
      "  nkms bench network --nodes 3 --seconds 2 --min-samples 20 --json"
    })
public final class NetworkBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /**
   * --json: one flat JSON object (the nine results) and nothing else on stdout; progress on stderr
   * unless --quiet.
   */
  @picocli.CommandLine.Mixin dev.nkms.cli.OutputOptions output;

  @Option(
      names = "--nodes",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Node processes to start; the policy is ⌈3N/5⌉-of-N (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "10",
      description =
          "Measured time per phase; each phase warms up for S/2 first (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--min-samples",
      paramLabel = "K",
      defaultValue = "100",
      description =
          "Each retrieve phase takes at least K samples, however long that takes (default: "
              + "${DEFAULT-VALUE}).")
  int minSamples;

  @Option(
      names = "--threads",
      paramLabel = "T",
      defaultValue = "8",
      description =
          "Concurrent client threads in the throughput phases (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--reencrypt-seconds",
      paramLabel = "R",
      defaultValue = "1.0",
      description = "Round length of the in-process reencrypt timing (default: ${DEFAULT-VALUE}).")
  double reencryptSeconds;

  @Override
  public Integer call() throws Exception {
    NetworkBenchSettings settings;
    try {
      settings = new NetworkBenchSettings(nodes, seconds, minSamples, threads, reencryptSeconds);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int cores = Runtime.getRuntime().availableProcessors();
    if (!output.quiet) {
      err.println(
          String.format(
              Locale.ROOT,
              "bench: back-end %s, %s, %d logical CPUs; %d nodes (%d-of-%d"
                  + " policy), %s s per phase, ≥ %d samples, %d client threads",
              Backends.active().name(),
              CryptoBenchCommand.jdk(),
              cores,
              nodes,
              settings.threshold(),
              nodes,
              fmt(seconds),
              minSamples,
              threads));
      err.flush();
    }
    NetworkBenchResult r;
    try {
      r =
          new NetworkBench(
                  settings, dev.nkms.cli.Main.class.getName(), output.quiet ? silent() : err)
              .run();
    } catch (UserError | dev.nkms.client.NkmsException | InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // A node refusing or timing out under load is a finding, not a crash: one line, exit 1.
      throw new UserError(
          ExitCode.FAILED,
          "network benchmark failed: " + e.getMessage(),
          java.util.List.of(e.getClass().getName()));
    }
    if (output.json) {
      out.println(r.toJson());
    } else {
      printTable(out, r, settings, cores);
    }
    out.flush();
    return ExitCode.OK;
  }

  /** Where progress goes with --quiet. */
  static PrintWriter silent() {
    return new PrintWriter(java.io.Writer.nullWriter());
  }

  private void printTable(
      PrintWriter out, NetworkBenchResult r, NetworkBenchSettings s, int cores) {
    Map<String, Double> v = r.values;
    out.println(
        "nkms network benchmark ("
            + nodes
            + " local node processes, "
            + s.threshold()
            + "-of-"
            + nodes
            + " policy; "
            + fmt(seconds)
            + " s per phase after a "
            + fmt(seconds / 2)
            + " s warm-up)");
    out.println(
        "  JDK:  " + CryptoBenchCommand.jdk() + ", secp256k1 back-end " + Backends.active().name());
    out.println(
        "  CPU:  "
            + CryptoBenchCommand.cpuModel()
            + " ("
            + cores
            + " logical CPUs, shared by the nodes, "
            + "the clients and this benchmark)");
    out.printf(Locale.ROOT, "  %-30s %12s  %s%n", "measure", "value", "target");
    row(
        out,
        "grant " + s.threshold() + "-of-" + nodes + " (median)",
        v.get("grant_ms_3_of_5"),
        "ms",
        "");
    row(
        out,
        "retrieve 1 capsule, p50",
        v.get("retrieve_1_p50_ms"),
        "ms",
        String.format(
            Locale.ROOT,
            "< %.0f ms: %s",
            NetworkBenchResult.RETRIEVE_1_P50_TARGET_MS,
            r.retrieveTargetMet() ? "PASS" : "FAIL"));
    row(out, "retrieve 1 capsule, p99", v.get("retrieve_1_p99_ms"), "ms", "");
    row(out, "retrieve 100 capsules, p50", v.get("retrieve_100_p50_ms"), "ms", "");
    row(out, "retrieve 100 capsules, p99", v.get("retrieve_100_p99_ms"), "ms", "");
    row(out, "throughput, 1-capsule req.", v.get("throughput_1_capsule_per_s"), "capsules/s", "");
    row(
        out,
        "throughput, 100-capsule req.",
        v.get("throughput_100_capsule_per_s"),
        "capsules/s",
        String.format(
            Locale.ROOT,
            "≥ %.1f: %s (%.0f %% of it)",
            v.get("throughput_target_per_s"),
            r.throughputTargetMet() ? "PASS" : "FAIL",
            100 * v.get("throughput_100_capsule_per_s") / v.get("throughput_target_per_s")));
    row(out, "reencrypt in-process", v.get("reencrypt_us"), "µs", "");
    row(
        out,
        "throughput target",
        v.get("throughput_target_per_s"),
        "capsules/s",
        "0.70 × " + cores + " cores × 10⁶ / reencrypt_us");
    out.println("  details:");
    r.notes.forEach((k, text) -> out.println("    " + k + ": " + text));
  }

  private static void row(PrintWriter out, String label, double value, String unit, String target) {
    out.printf(Locale.ROOT, "  %-30s %12.2f %-10s %s%n", label, value, unit, target);
  }

  private static String fmt(double s) {
    return s == Math.rint(s) && Math.abs(s) < 1e9 ? Long.toString((long) s) : Double.toString(s);
  }
}
