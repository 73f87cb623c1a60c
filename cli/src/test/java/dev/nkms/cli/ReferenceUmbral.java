package dev.nkms.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference implementation, {@code @nucypher/umbral-pre@0.10.0} (WASM), through
 * tools/umbral-ref/umbral-ref.js with node. Missing node or package is a test failure, not a skip:
 * the cross-implementation tests are the point.
 */
final class ReferenceUmbral {
  static final Path HARNESS_DIR = locate();

  /** Exit code and output of one harness run. */
  static final class Result {
    final int exitCode;
    final String stdout;
    final String stderr;

    Result(int exitCode, String stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
  }

  private ReferenceUmbral() {}

  static Result run(String... args) throws IOException, InterruptedException {
    if (!Files.isDirectory(HARNESS_DIR.resolve("node_modules/@nucypher/umbral-pre"))) {
      throw new IllegalStateException(
          "the reference Umbral package is not installed: run `npm ci` in "
              + HARNESS_DIR
              + " (./run-tests and .ci/run do this)");
    }
    List<String> cmd =
        new ArrayList<>(List.of("node", HARNESS_DIR.resolve("umbral-ref.js").toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("umbral-ref", ".out");
    Path err = Files.createTempFile("umbral-ref", ".err");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("reference harness timed out: " + cmd);
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Path locate() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("tools/umbral-ref");
      if (Files.isRegularFile(candidate.resolve("umbral-ref.js"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find tools/umbral-ref above " + Path.of("").toAbsolutePath());
  }
}
