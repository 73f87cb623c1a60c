package dev.nkms.cli.characters;

import static dev.nkms.cli.characters.AliceSupport.NODE_TIMEOUT;

import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.UserError;
import dev.nkms.client.alice.Alice;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.keys.AliceKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms alice decrypt}: Alice opens a sealed file of one of her own labels, without nodes.
 */
@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Decrypt a sealed file of one of Alice's own labels (no nodes involved).",
      "The plaintext is written to a temporary file (mode 0600) and renamed to --out only when whole. The"
          + " keystore's passphrase comes from --passphrase-file, else from NKMS_PASSPHRASE, else from a prompt."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms alice decrypt --keys alice.keys --label records --in x.nkms --out x",
      "  nkms alice decrypt --keys alice.keys --label records --in - --out - <x.nkms >x"
    })
public final class AliceDecrypt implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin dev.nkms.cli.OutputOptions output;

  @Option(
      names = "--keys",
      required = true,
      paramLabel = "NAME.keys",
      description = "Alice's keystore.")
  Path keys;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = dev.nkms.cli.Passphrases.HELP)
  Path passphraseFile;

  @Option(names = "--label", required = true, description = "The label the file was encrypted for.")
  String label;

  @Option(
      names = "--in",
      required = true,
      paramLabel = "FILE",
      description = "Sealed file (`-`: stdin).")
  Path in;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description =
          "Where to write the plaintext, mode"
              + " 0600. An existing file is refused unless --force. `-`: stdout, written as each part authenticates (after"
              + " a failure, the exit code says that what was written is incomplete).")
  Path out;

  @Option(
      names = "--force",
      description = "Replace --out if it exists (without it, an existing file is refused).")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (dev.nkms.cli.files.Inputs.isStd(out) && output.json) {
      throw new UserError(
          dev.nkms.cli.ExitCode.USAGE,
          "--json needs --out FILE: with --out - stdout carries the" + " plaintext");
    }
    dev.nkms.cli.files.OutputFile.check(out, force, in, keys, passphraseFile);
    if (!dev.nkms.cli.files.Inputs.isStd(in)) {
      dev.nkms.cli.files.Inputs.check(in, "sealed file");
    }
    AliceKeys k = Identity.alice(keys, passphraseFile);
    Alice alice =
        new Alice(
            k,
            NodeDirectory.empty(),
            HttpsNodeClient.factory(),
            Clock.systemUTC(),
            RandomSource.secure(),
            NODE_TIMEOUT);
    long bytes;
    try (java.io.InputStream i =
        new java.io.BufferedInputStream(
            dev.nkms.cli.files.Inputs.open(in, "sealed file"), 1 << 16)) {
      dev.nkms.protocol.MessageKit kit;
      try {
        kit = dev.nkms.protocol.message.SealedMessage.readHeader(i);
      } catch (dev.nkms.protocol.message.SealedMessageException e) {
        throw SealedFiles.error(in, e);
      }
      try (dev.nkms.cli.files.OutputFile o =
          dev.nkms.cli.files.OutputFile.create(
              out, dev.nkms.cli.files.OutputFile.Kind.SECRET, force, in, keys)) {
        alice.decryptOwn(
            label,
            kit,
            new Progress(
                i,
                dev.nkms.cli.files.Inputs.isStd(in) ? -1 : kit.plaintextLength(),
                "decrypting",
                output.progress() ? spec.commandLine().getErr() : null),
            o.stream());
        o.commit();
      } catch (dev.nkms.crypto.DecryptionException e) {
        throw new UserError(
            dev.nkms.cli.ExitCode.FAILED,
            SealedFiles.display(in)
                + " was not encrypted under"
                + " label '"
                + label
                + "' of these keys; nothing was written",
            List.of(e.getMessage()));
      } catch (dev.nkms.protocol.message.SealedMessageException e) {
        throw SealedFiles.error(in, e);
      }
      bytes = kit.plaintextLength();
    } catch (IOException e) {
      throw SealedFiles.ioError(in, out, e);
    }
    if (output.json) {
      java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
      r.put("out", out.toString());
      r.put("bytes", bytes);
      JsonOutput.print(spec.commandLine().getOut(), r);
    } else if (dev.nkms.cli.files.Inputs.isStd(out)) {
      output.info(spec.commandLine().getErr(), "decrypted " + bytes + " bytes to stdout");
    } else if (!output.quiet) {
      spec.commandLine().getOut().println("decrypted → " + out + " (" + bytes + " bytes)");
    }
    return dev.nkms.cli.ExitCode.OK;
  }
}
