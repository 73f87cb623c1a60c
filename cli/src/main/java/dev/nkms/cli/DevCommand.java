package dev.nkms.cli;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.umbral.conformance.VectorChecker;
import dev.nkms.crypto.umbral.conformance.VectorGenerator;
import dev.nkms.crypto.umbral.conformance.VectorSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nkms dev …}: conformance tools other checks rely on. Their forms are fixed by the Umbral
 * issue.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = "Developer and conformance tools.",
    subcommands = {DevCommand.UmbralVectors.class, DevCommand.UmbralVerify.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms dev umbral-vectors --seed demo --out vectors.json",
      "  nkms dev umbral-verify vectors.json"
    })
public final class DevCommand {

  @Command(
      name = "umbral-vectors",
      mixinStandardHelpOptions = true,
      description =
          "Write the Umbral JSON interchange file (fixed keys; encrypt → kfrags → re-encrypt each).",
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms dev umbral-vectors --out vectors.json",
        "  nkms dev umbral-vectors --seed demo --threshold 3 --shares 5 --out vectors.json"
      })
  static final class UmbralVectors implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin OutputOptions output;

    @Option(
        names = "--seed",
        paramLabel = "TEXT",
        description =
            "Use the spec's deterministic stream; the output then equals umbral-pre 0.10.0's byte for byte.")
    String seed;

    @Option(
        names = "--threshold",
        paramLabel = "T",
        defaultValue = "2",
        description = "Kfrags needed to decrypt (default: ${DEFAULT-VALUE}).")
    int threshold;

    @Option(
        names = "--shares",
        paramLabel = "N",
        defaultValue = "3",
        description = "Kfrags made, at most 255 (default: ${DEFAULT-VALUE}).")
    int shares;

    @Option(names = "--no-sign-dk", description = "Do not sign the delegating key into the kfrags.")
    boolean noSignDk;

    @Option(names = "--no-sign-rk", description = "Do not sign the receiving key into the kfrags.")
    boolean noSignRk;

    @Option(
        names = "--plaintext-hex",
        paramLabel = "HEX",
        description = "Plaintext (default: \"peace at dawn\").")
    String plaintextHex;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        required = true,
        description = "Where to write the JSON file.")
    Path out;

    @Override
    public Integer call() throws IOException {
      if (threshold < 1 || threshold > shares) {
        throw new UserError(
            ExitCode.USAGE,
            "need 1 ≤ threshold ≤ shares, got --threshold " + threshold + " --shares " + shares);
      }
      if (shares > 255) {
        throw new UserError(ExitCode.USAGE, "--shares is limited to 255");
      }
      byte[] plaintext = VectorGenerator.DEFAULT_PLAINTEXT;
      if (plaintextHex != null) {
        try {
          plaintext = Hex.decode(plaintextHex);
        } catch (DecoderException e) {
          throw new UserError(ExitCode.USAGE, "--plaintext-hex is not hex");
        }
      }
      RandomSource random =
          seed == null ? RandomSource.secure() : RandomSource.deterministicStream(seed);
      VectorSet set =
          VectorGenerator.generate(random, threshold, shares, !noSignDk, !noSignRk, plaintext);
      try {
        Files.writeString(out, set.toJson(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserError(ExitCode.USAGE, "cannot write " + out + ": " + e.getMessage());
      }
      output.info(
          spec.commandLine().getErr(),
          "wrote "
              + out
              + " ("
              + threshold
              + " of "
              + shares
              + ", "
              + (seed == null ? "SecureRandom" : "seeded stream")
              + ")");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "umbral-verify",
      mixinStandardHelpOptions = true,
      description =
          "Check an Umbral interchange file made by another implementation; exit 0 only if all checks pass.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms dev umbral-verify vectors.json",
        "  nkms dev umbral-verify vectors.json --json"
      })
  static final class UmbralVerify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin OutputOptions output;

    @Parameters(paramLabel = "FILE", description = "The interchange file (JSON) to check.")
    Path file;

    @Override
    public Integer call() {
      VectorSet set;
      String json;
      try {
        json = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserError(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
      }
      List<VectorChecker.Check> checks;
      try {
        set = VectorSetJson.parse(json);
        checks = VectorChecker.check(set);
      } catch (MalformedInputException e) {
        throw new UserError(ExitCode.USAGE, file + ": " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      long failed = 0;
      java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
      for (VectorChecker.Check c : checks) {
        if (!output.json) {
          out.println(c.passed ? "ok   " + c.name : "FAIL " + c.name + ": " + c.detail);
        }
        java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("name", c.name);
        row.put("passed", c.passed);
        if (!c.passed) {
          row.put("detail", c.detail);
          failed++;
        }
        rows.add(row);
      }
      if (output.json) {
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("checks", rows);
        doc.put("passed", checks.size() - failed);
        doc.put("failed", failed);
        JsonOutput.print(out, doc);
      } else {
        out.println((checks.size() - failed) + " passed, " + failed + " failed");
      }
      out.flush();
      return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
  }
}
