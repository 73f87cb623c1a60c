package dev.nkms.cli.bench;

import dev.nkms.app.bench.StorageBench;
import dev.nkms.app.bench.StorageBenchChild;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms bench storage [--json] [--size 1GiB] [--backends file,s3,ipfs]}: write and read MB/s
 * of one object per back-end, sealed next to a plain copy of the same bytes through the same
 * back-end, each back-end in a child JVM with a 256 MiB heap whose heap peak is reported; exit 1
 * when a peak passes 256 MiB. With {@code --json}, stdout is exactly one JSON object; progress
 * always goes to stderr.
 */
@Command(
    name = "storage",
    mixinStandardHelpOptions = true,
    description = {
      "Write and read one object of --size through each storage back-end: a plain copy of the bytes (no nkms), "
          + "then sealed (Enrico seals into the store; Alice reads it back with her own key, as `alice decrypt` "
          + "and readOwn do: no nodes). Bob's path adds one retrieval round trip per object, not per byte.",
      "Each back-end runs in a child JVM with -Xmx256m; its heap peak (sum of the heap pools' peaks) is "
          + "reported, and the command exits 1 when a peak exceeds 256 MiB.",
      "s3 needs a bucket that exists (--s3-bucket) and credentials from the AWS SDK's usual chain "
          + "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, profile)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms bench storage",
      "  nkms bench storage --size 256MiB --json",
      "  AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… nkms bench storage --backends file,s3,ipfs \\",
      "      --s3-endpoint http://127.0.0.1:4568 --ipfs-api http://127.0.0.1:5001"
    })
public final class StorageBenchCommand implements Callable<Integer> {
  /** The child JVM's heap, and the bound its heap peak must stay within. */
  public static final int HEAP_LIMIT_MIB = 256;

  /** What the sealed read measures, as the output says it. */
  static final String READ_PATH = "owner (Alice's readOwn: no nodes)";

  private static final Set<String> BACKENDS = Set.of("file", "s3", "ipfs");
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|kB|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

  @Spec CommandSpec spec;

  /**
   * --json: one JSON object (the settings and one entry per back-end) and nothing else on stdout;
   * progress on stderr unless --quiet.
   */
  @picocli.CommandLine.Mixin dev.nkms.cli.OutputOptions output;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "1GiB",
      description =
          "Object size: bytes, or with KiB, MiB, GiB (2¹⁰…) or kB, MB, GB (10³…) (default: "
              + "${DEFAULT-VALUE}).")
  String size;

  @Option(
      names = "--backends",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "file",
      description = "Back-ends to measure, in order: file, s3, ipfs (default: ${DEFAULT-VALUE}).")
  List<String> backends;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "S3-compatible endpoint (s3rver, MinIO, …); default: the AWS SDK's chain, else AWS.")
  URI s3Endpoint;

  @Option(
      names = "--s3-bucket",
      paramLabel = "NAME",
      defaultValue = "nkms-bench",
      description = "An existing bucket for the s3 objects (default: ${DEFAULT-VALUE}).")
  String s3Bucket;

  @Option(
      names = "--ipfs-api",
      paramLabel = "URL",
      description = "Kubo RPC API (Kubo or js-ipfs); default: http://127.0.0.1:5001.")
  URI ipfsApi;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Directory for the file objects (default: a fresh temporary directory, removed at the end).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    long bytes = parseSize(size);
    Set<String> chosen = new LinkedHashSet<>();
    for (String b : backends) {
      String name = b.strip().toLowerCase(Locale.ROOT);
      if (!BACKENDS.contains(name)) {
        throw new UserError(
            ExitCode.USAGE, "--backends: unknown back-end '" + b + "' (file, s3 or ipfs)");
      }
      chosen.add(name);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter progress = output.quiet ? NetworkBenchCommand.silent() : err;
    progress.println(
        String.format(
            Locale.ROOT,
            "bench: %s, %d logical CPUs; %d bytes per object; back-ends %s, each in a child JVM"
                + " with -Xmx%dm",
            CryptoBenchCommand.jdk(),
            Runtime.getRuntime().availableProcessors(),
            bytes,
            String.join(",", chosen),
            HEAP_LIMIT_MIB));
    progress.flush();

    boolean tempDir = dir == null;
    Path fileDir = tempDir ? Files.createTempDirectory("nkms-storage-bench") : dir.toAbsolutePath();
    List<StorageBench.Result> results = new ArrayList<>();
    try {
      for (String name : chosen) {
        String id = UUID.randomUUID().toString();
        Map<String, String> settings = new LinkedHashMap<>();
        StorageBench.Target target;
        switch (name) {
          case "file" -> {
            Files.createDirectories(fileDir);
            target =
                new StorageBench.Target(
                    name,
                    fileDir.resolve("nkms-bench-plain-" + id).toUri(),
                    fileDir.resolve("nkms-bench-sealed-" + id).toUri());
          }
          case "s3" -> {
            if (s3Endpoint != null) {
              settings.put("s3.endpoint", s3Endpoint.toString());
            }
            target =
                new StorageBench.Target(
                    name,
                    URI.create("s3://" + s3Bucket + "/nkms-bench/plain-" + id),
                    URI.create("s3://" + s3Bucket + "/nkms-bench/sealed-" + id));
          }
          default -> {
            if (ipfsApi != null) {
              settings.put("ipfs.api", ipfsApi.toString());
            }
            target = new StorageBench.Target(name, URI.create("ipfs:/"), URI.create("ipfs:/"));
          }
        }
        try {
          results.add(
              StorageBenchChild.run(
                  target, bytes, settings, HEAP_LIMIT_MIB, line -> progressLine(progress, line)));
        } catch (IOException e) {
          throw new UserError(ExitCode.FAILED, "storage benchmark failed: " + e.getMessage());
        }
      }
    } finally {
      if (tempDir) {
        deleteTree(fileDir);
      }
    }

    boolean within = withinHeapLimit(results);
    if (output.json) {
      JsonOutput.print(out, json(bytes, results, within));
    } else {
      printLines(out, bytes, results);
    }
    out.flush();
    if (!within) {
      err.println(
          "bench storage: a heap peak exceeded "
              + HEAP_LIMIT_MIB
              + " MiB: an object does not stream through in bounded memory");
      err.flush();
      return ExitCode.FAILED;
    }
    return ExitCode.OK;
  }

  /** Whether every back-end's heap peak stayed within {@link #HEAP_LIMIT_MIB}: else exit 1. */
  static boolean withinHeapLimit(List<StorageBench.Result> results) {
    return results.stream().allMatch(r -> r.heapWithin(HEAP_LIMIT_MIB));
  }

  private static void progressLine(PrintWriter progress, String line) {
    progress.println(line);
    progress.flush();
  }

  static Map<String, Object> json(long bytes, List<StorageBench.Result> results, boolean within) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("bytes", bytes);
    doc.put("heap_limit_mib", HEAP_LIMIT_MIB);
    doc.put("read_path", READ_PATH);
    List<Map<String, Object>> list = new ArrayList<>();
    for (StorageBench.Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("backend", r.backEnd());
      m.put("plain_write_mb_per_s", round(r.plainWriteMbPerS()));
      m.put("plain_read_mb_per_s", round(r.plainReadMbPerS()));
      m.put("sealed_write_mb_per_s", round(r.sealedWriteMbPerS()));
      m.put("sealed_read_mb_per_s", round(r.sealedReadMbPerS()));
      m.put("write_ratio", Math.round(r.writeRatio() * 1000) / 1000.0);
      m.put("read_ratio", Math.round(r.readRatio() * 1000) / 1000.0);
      m.put("heap_peak_mib", round(r.heapPeakMib()));
      m.put("heap_within_limit", r.heapWithin(HEAP_LIMIT_MIB));
      list.add(m);
    }
    doc.put("backends", list);
    doc.put("heap_within_limit", within);
    return doc;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static void printLines(PrintWriter out, long bytes, List<StorageBench.Result> results) {
    out.println(
        "nkms storage benchmark ("
            + describe(bytes)
            + " per object; each back-end in a child JVM with -Xmx"
            + HEAP_LIMIT_MIB
            + "m; MB/s = 10⁶ bytes of plaintext per second)");
    out.println(
        "  sealed read: Alice's own path (readOwn: her key opens the capsule, no nodes); Bob's path"
            + " adds one retrieval round trip per object, not per byte");
    out.println("  JDK:  " + CryptoBenchCommand.jdk());
    out.println(
        "  CPU:  "
            + CryptoBenchCommand.cpuModel()
            + " ("
            + Runtime.getRuntime().availableProcessors()
            + " logical CPUs)");
    for (StorageBench.Result r : results) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-4s  plain write %8.1f MB/s, read %8.1f MB/s | sealed write %8.1f MB/s (%.2f×),"
                  + " read %8.1f MB/s (%.2f×) | heap peak %.1f of %d MiB: %s",
              r.backEnd(),
              r.plainWriteMbPerS(),
              r.plainReadMbPerS(),
              r.sealedWriteMbPerS(),
              r.writeRatio(),
              r.sealedReadMbPerS(),
              r.readRatio(),
              r.heapPeakMib(),
              HEAP_LIMIT_MIB,
              r.heapWithin(HEAP_LIMIT_MIB) ? "OK" : "EXCEEDED"));
    }
  }

  private static String describe(long bytes) {
    String[] units = {"GiB", "MiB", "KiB"};
    long[] sizes = {1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes >= sizes[i] && bytes % sizes[i] == 0) {
        return bytes / sizes[i] + " " + units[i];
      }
    }
    return bytes + " bytes";
  }

  /** {@code 1GiB}, {@code 256MiB}, {@code 500MB}, {@code 4096}: a positive number of bytes. */
  static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new UserError(
          ExitCode.USAGE,
          "--size: expected bytes or a size like 256MiB or 1GiB, got '" + text + "'");
    }
    long multiplier =
        switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
          case "kib" -> 1L << 10;
          case "mib" -> 1L << 20;
          case "gib" -> 1L << 30;
          case "kb" -> 1_000L;
          case "mb" -> 1_000_000L;
          case "gb" -> 1_000_000_000L;
          default -> 1L;
        };
    try {
      long n = Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
      if (n > 0) {
        return n;
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // the message below says what is wanted
    }
    throw new UserError(ExitCode.USAGE, "--size must be a positive size, got '" + text + "'");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
