package dev.nkms.cli.facade;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.UserError;
import dev.nkms.cli.files.Inputs;
import dev.nkms.cli.files.OutputFile;
import dev.nkms.client.Nkms;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

/**
 * {@code nkms read}: a stored object's plaintext — as Bob with a treasure map ({@code --map}: the
 * policy's nodes re-encrypt), or as the Alice who wrote it (no nodes involved).
 */
@Command(
    name = "read",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch a stored object and decrypt it: with --map as Bob (m of the policy's nodes re-encrypt),"
          + " without it as the Alice who wrote it (the label from her object index, or --label).",
      "The plaintext goes to a temporary 0600 file beside --out, renamed only once all of it"
          + " decrypted and authenticated; an existing --out is refused unless --force."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms read file:/srv/nkms/medical/scan.pdf --map bob.map --keys bob.keys --out scan.pdf",
      "  nkms read s3://records/2030/scan.pdf --keys alice.keys --out - | less",
      "  nkms read file:/srv/nkms/medical/scan.pdf --keys alice.keys --out scan.pdf --force --json"
    })
public final class ReadCommand implements Callable<Integer> {
  /** A treasure map is a few kilobytes; this bounds what is read as one. */
  private static final int MAX_MAP = 1 << 20;

  @Spec CommandSpec spec;

  @Mixin FacadeOptions facade;

  @Parameters(
      index = "0",
      paramLabel = "URI",
      description = "The stored object: file:/path, s3://bucket/key or ipfs://CID.")
  String location;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "Where the plaintext goes (`-`: stdout); mode 0600.")
  Path out;

  @Option(
      names = "--map",
      paramLabel = "FILE",
      description = "The treasure map Alice gave you (from `nkms share`): read as Bob.")
  Path map;

  @Option(
      names = "--label",
      paramLabel = "LABEL",
      description =
          "Without --map: the label it is encrypted under, for an object not in this Alice's"
              + " index.")
  String label;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    URI where = FacadeOptions.location(location, "URI");
    if (map != null && label != null) {
      throw new UserError(
          ExitCode.USAGE, "--label is for Alice's own objects; with --map the map names the label");
    }
    if (Inputs.isStd(out) && facade.output.json) {
      throw new UserError(
          ExitCode.USAGE, "--json needs --out FILE: with --out - stdout carries the plaintext");
    }
    OutputFile.check(out, force, map, facade.keys);
    byte[] treasureMap = map == null ? null : Inputs.readAll(map, "treasure map", MAX_MAP);
    long bytes;
    try (Nkms nkms = facade.open();
        OutputFile o = OutputFile.create(out, OutputFile.Kind.SECRET, force, map, facade.keys)) {
      Counting counted = new Counting(o.stream());
      if (treasureMap != null) {
        nkms.read(where, treasureMap, counted);
      } else if (label != null) {
        nkms.readOwn(where, label, counted);
      } else {
        nkms.readOwn(where, counted);
      }
      counted.flush();
      o.commit();
      bytes = counted.count;
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UserError(
          ExitCode.FAILED,
          "reading " + where + " into " + out + " failed: " + why + " (nothing was kept)");
    }
    if (facade.output.json) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("location", where.toString());
      r.put("out", out.toString());
      r.put("bytes", bytes);
      JsonOutput.print(spec.commandLine().getOut(), r);
    } else if (Inputs.isStd(out)) {
      facade.output.info(spec.commandLine().getErr(), "read " + bytes + " bytes to stdout");
    } else {
      spec.commandLine().getOut().println("read " + where + " → " + out + " (" + bytes + " bytes)");
    }
    return ExitCode.OK;
  }

  /** Counts the plaintext bytes, for the report (stdout has no size to ask for). */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
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
