package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.UserError;
import dev.nkms.cli.files.Inputs;
import dev.nkms.cli.files.OutputFile;
import dev.nkms.cli.files.Spool;
import dev.nkms.cli.files.Stdio;
import dev.nkms.client.message.Enrico;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms enrico encrypt}: encrypt a file for a policy key; streams, so files of any size work.
 */
@Command(
    name = "enrico",
    mixinStandardHelpOptions = true,
    description = "Encrypt data for a policy (data source).",
    subcommands = {EnricoCommand.Encrypt.class},
    footerHeading = "%nExamples:%n",
    footer = {"  nkms enrico encrypt --policy-key 02ab... --in x.pdf --out x.pdf.nkms"})
public final class EnricoCommand {

  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description = {
        "Encrypt a file for a policy's encrypting key (from `nkms alice policy-key`).",
        "The sealed file is written to a temporary file and renamed to --out only when whole."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  key=$(nkms alice policy-key --keys alice.keys --label records)",
        "  nkms enrico encrypt --policy-key \"$key\" --in x.pdf --out x.pdf.nkms",
        "  tar c records/ | nkms enrico encrypt --policy-key 02ab... --in - --out r.nkms",
        "  nkms enrico encrypt --policy-key 02ab... --in x --out x.nkms --force --json"
      })
  public static final class Encrypt implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--policy-key",
        required = true,
        paramLabel = "HEX",
        description = "Policy encrypting key, hex (33 bytes), from `nkms alice policy-key`.")
    String policyKey;

    @Option(
        names = "--in",
        required = true,
        paramLabel = "FILE",
        description =
            "The file to encrypt (`-`: stdin,"
                + " kept in a temporary 0600 file until encrypted, since the length goes first).")
    Path in;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description =
            "Where to write the sealed file"
                + " (`-`: stdout). An existing file is refused unless --force.")
    Path out;

    @Option(
        names = "--force",
        description = "Replace --out if it exists (without it, an existing file is refused).")
    boolean force;

    @Override
    public Integer call() throws Exception {
      PublicKey key;
      try {
        key = PublicKey.fromCompressedBytes(Hex.decode(policyKey.strip()));
      } catch (DecoderException | MalformedInputException e) {
        throw new UserError(
            ExitCode.USAGE,
            "--policy-key is not a public key (print the right one with `nkms alice"
                + " policy-key`)",
            java.util.List.of(e.getMessage()));
      }
      if (Inputs.isStd(out) && output.json) {
        throw new UserError(
            ExitCode.USAGE, "--json needs --out FILE: with --out - stdout carries the sealed file");
      }
      OutputFile.check(out, force, in);
      Spool spool = null;
      try {
        Path source = in;
        if (Inputs.isStd(in)) {
          spool =
              Spool.of(
                  Stdio.in(), Inputs.isStd(out) ? Path.of("") : out.toAbsolutePath().getParent());
          source = spool.file();
        }
        long length = Inputs.size(source, "file to encrypt");
        long written;
        try (InputStream i =
                new BufferedInputStream(Inputs.open(source, "file to encrypt"), 1 << 16);
            OutputFile o = OutputFile.create(out, OutputFile.Kind.PUBLIC, force, in)) {
          CountingStream counted = new CountingStream(o.stream());
          new Enrico(key, RandomSource.secure())
              .encrypt(
                  new Progress(
                      i,
                      length,
                      "encrypting",
                      output.progress() ? spec.commandLine().getErr() : null),
                  length,
                  counted);
          counted.flush();
          o.commit();
          written = counted.count;
        } catch (IOException e) {
          throw SealedFiles.ioError(in, out, e);
        }
        report(length, written);
      } finally {
        if (spool != null) {
          spool.close();
        }
      }
      return ExitCode.OK;
    }

    private void report(long length, long written) {
      if (output.json) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("in", in.toString());
        r.put("out", out.toString());
        r.put("plaintext_bytes", length);
        r.put("bytes", written);
        JsonOutput.print(spec.commandLine().getOut(), r);
      } else if (Inputs.isStd(out)) {
        output.info(
            spec.commandLine().getErr(),
            "encrypted " + length + " bytes to stdout (" + written + " bytes)");
      } else if (!output.quiet) {
        spec.commandLine()
            .getOut()
            .println("encrypted " + length + " bytes → " + out + " (" + written + " bytes)");
      }
    }
  }

  /** Counts what passes through, for the report (stdout has no size to ask for). */
  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
