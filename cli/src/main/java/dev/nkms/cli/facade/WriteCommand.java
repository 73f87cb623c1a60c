package dev.nkms.cli.facade;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.UserError;
import dev.nkms.cli.characters.Progress;
import dev.nkms.cli.files.Inputs;
import dev.nkms.cli.files.Spool;
import dev.nkms.cli.files.Stdio;
import dev.nkms.client.Nkms;
import dev.nkms.client.store.ObjectIndex;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nkms write}: Enrico seals a file for a label and stores it (the facade's write). */
@Command(
    name = "write",
    mixinStandardHelpOptions = true,
    description = {
      "Seal a file for a label and store it: at --to (file:, s3:, ipfs:), or, with only --label, under"
          + " storage.default (file:.nkms/store/ unless configured). Recorded in Alice's object index.",
      "Without --label the label is the folder of --to (s3://b/photos/a.jpg: s3://b/photos/), so"
          + " `nkms share --path` of that folder covers the files written into it later.",
      "FILE `-` reads stdin; it is first kept in a temporary 0600 file in the current directory"
          + " (the sealed header holds the length), deleted when done."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms write scan.pdf --to file:/srv/nkms/medical/scan.pdf --keys alice.keys",
      "  nkms write scan.pdf --to s3://records/2030/scan.pdf --label medical --keys alice.keys \\",
      "      --storage s3.endpoint=http://127.0.0.1:9000",
      "  tar c notes/ | nkms write - --label notes --keys alice.keys --json"
    })
public final class WriteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FacadeOptions facade;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The file to seal and store (`-`: stdin).")
  Path file;

  @Option(
      names = "--to",
      paramLabel = "URI",
      description = "Where to store it: file:/path, s3://bucket/key or ipfs:/ (needs --label).")
  String to;

  @Option(
      names = "--label",
      paramLabel = "LABEL",
      description =
          "The label to encrypt under (the policy a share grants); without --to the object goes"
              + " under storage.default.")
  String label;

  @Override
  public Integer call() throws Exception {
    if (to == null && label == null) {
      throw new UserError(
          ExitCode.USAGE, "give --to URI (where to store it) or --label LABEL (or both)");
    }
    URI where = to == null ? null : FacadeOptions.location(to, "--to");
    if (!Inputs.isStd(file)) {
      Inputs.check(file, "file to write");
    }
    Spool spool = null;
    try {
      Path source = file;
      if (Inputs.isStd(file)) {
        spool = Spool.of(Stdio.in(), Path.of(""));
        source = spool.file();
      }
      long length = Inputs.size(source, "file to write");
      try (Nkms nkms = facade.open();
          InputStream in =
              new Progress(
                  new BufferedInputStream(Inputs.open(source, "file to write"), 1 << 16),
                  length,
                  "writing",
                  facade.output.progress() ? spec.commandLine().getErr() : null)) {
        URI stored;
        if (where == null) {
          stored = nkms.write(label, in, length);
        } else if (label == null) {
          stored = nkms.write(where, in, length);
        } else {
          stored = nkms.write(where, label, in, length);
        }
        String used = label != null ? label : ObjectIndex.folderLabel(where);
        report(stored, used, length);
      } catch (IOException e) {
        throw new UserError(
            ExitCode.FAILED, "cannot read " + file + ": " + e.getMessage() + " (nothing stored)");
      }
    } finally {
      if (spool != null) {
        spool.close();
      }
    }
    return ExitCode.OK;
  }

  private void report(URI stored, String used, long length) {
    if (facade.output.json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("location", stored.toString());
      o.put("label", used);
      o.put("bytes", length);
      JsonOutput.print(spec.commandLine().getOut(), o);
    } else {
      spec.commandLine()
          .getOut()
          .println("wrote " + stored + " (" + length + " bytes, label " + used + ")");
    }
  }
}
