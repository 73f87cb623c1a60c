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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nkms dev …}: conformance tools other checks rely on. Their forms are fixed by the Umbral issue. */
@Command(name = "dev", mixinStandardHelpOptions = true, description = "Developer and conformance tools.",
    subcommands = {DevCommand.UmbralVectors.class, DevCommand.UmbralVerify.class})
public final class DevCommand {

  @Command(name = "umbral-vectors", mixinStandardHelpOptions = true,
      description = "Write the Umbral JSON interchange file (fixed keys; encrypt → kfrags → re-encrypt each).")
  static final class UmbralVectors implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", paramLabel = "TEXT",
        description = "Use the spec's deterministic stream; the output then equals umbral-pre 0.10.0's byte for byte.")
    String seed;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "2") int threshold;

    @Option(names = "--shares", paramLabel = "N", defaultValue = "3") int shares;

    @Option(names = "--no-sign-dk", description = "Do not sign the delegating key into the kfrags.")
    boolean noSignDk;

    @Option(names = "--no-sign-rk", description = "Do not sign the receiving key into the kfrags.")
    boolean noSignRk;

    @Option(names = "--plaintext-hex", paramLabel = "HEX", description = "Plaintext (default: \"peace at dawn\").")
    String plaintextHex;

    @Option(names = "--out", paramLabel = "FILE", required = true) Path out;

    @Override
    public Integer call() throws IOException {
      if (threshold < 1 || threshold > shares) {
        throw new UserError(ExitCode.USAGE, "need 1 ≤ threshold ≤ shares, got --threshold " + threshold + " --shares " + shares);
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
      RandomSource random = seed == null ? RandomSource.secure() : RandomSource.deterministicStream(seed);
      VectorSet set = VectorGenerator.generate(random, threshold, shares, !noSignDk, !noSignRk, plaintext);
      Files.writeString(out, set.toJson(), StandardCharsets.UTF_8);
      spec.commandLine().getErr().println("wrote " + out + " (" + threshold + " of " + shares + ", "
          + (seed == null ? "SecureRandom" : "seeded stream") + ")");
      return 0;
    }
  }

  @Command(name = "umbral-verify", mixinStandardHelpOptions = true,
      description = "Check an Umbral interchange file made by another implementation; exit 0 only if all checks pass.")
  static final class UmbralVerify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE") Path file;

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
      for (VectorChecker.Check c : checks) {
        out.println(c);
        if (!c.passed) {
          failed++;
        }
      }
      out.println((checks.size() - failed) + " passed, " + failed + " failed");
      out.flush();
      return failed == 0 ? 0 : 1;
    }
  }
}
