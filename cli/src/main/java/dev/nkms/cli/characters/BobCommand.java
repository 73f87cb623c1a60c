package dev.nkms.cli.characters;

import dev.nkms.app.chain.EvidenceFile;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.Passphrases;
import dev.nkms.cli.UserError;
import dev.nkms.cli.files.Inputs;
import dev.nkms.cli.files.OutputFile;
import dev.nkms.client.bob.Bob;
import dev.nkms.client.bob.Retrieval;
import dev.nkms.client.bob.RetrievalException;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.client.connect.ClientNetwork;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.TreasureMap;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.protocol.message.SealedMessageException;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms bob retrieve}: get cfrags from the policy's nodes, verify them, decrypt a sealed
 * file.
 */
@Command(
    name = "bob",
    mixinStandardHelpOptions = true,
    description = "Retrieve and decrypt (recipient).",
    subcommands = {BobCommand.RetrieveCmd.class},
    footerHeading = "%nExamples:%n",
    footer = {"  nkms bob retrieve --keys bob.keys --map bob.map --in x.pdf.nkms --out x.pdf"})
public final class BobCommand {

  @Command(
      name = "retrieve",
      mixinStandardHelpOptions = true,
      description = {
        "Ask the policy's nodes (in parallel) to re-encrypt, verify every answer, decrypt the sealed file.",
        "The plaintext is written to a temporary file (mode 0600) and renamed to --out only when whole; it is never"
            + " left half-written, even when interrupted. The keystore's passphrase comes from --passphrase-file,"
            + " else from NKMS_PASSPHRASE, else from a prompt."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms bob retrieve --keys bob.keys --map bob.map --in x.pdf.nkms --out x.pdf",
        "  NKMS_PASSPHRASE=... nkms bob retrieve --keys bob.keys --map bob.map \\",
        "      --in - --out - < x.pdf.nkms > x.pdf",
        "  nkms bob retrieve --keys bob.keys --map bob.map --in x.nkms --out x --json"
      })
  public static final class RetrieveCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--keys",
        required = true,
        paramLabel = "NAME.keys",
        description = "Bob's keystore.")
    Path keys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = Passphrases.HELP)
    Path passphraseFile;

    @Option(
        names = "--map",
        required = true,
        paramLabel = "FILE",
        description = "Treasure map from Alice (`-`:" + " stdin).")
    Path map;

    @Option(
        names = "--network",
        defaultValue = dev.nkms.client.connect.NetworkDirectory.DEFAULT,
        paramLabel = "DIR",
        description = "Network directory (default: ${DEFAULT-VALUE}).")
    Path network;

    @Option(
        names = "--in",
        required = true,
        paramLabel = "FILE",
        description = "Sealed file from Enrico (`-`:" + " stdin).")
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

    @Option(
        names = "--evidence-dir",
        defaultValue = ".nkms/bob/evidence",
        paramLabel = "DIR",
        description =
            "Where"
                + " evidence against misbehaving nodes is written, for `nkms evidence submit` (default: ${DEFAULT-VALUE}).")
    Path evidenceDir;

    @Override
    public Integer call() throws Exception {
      if (Inputs.isStd(map) && Inputs.isStd(in)) {
        throw new UserError(
            ExitCode.USAGE, "--map and --in cannot both be - (stdin); give one of them as a file");
      }
      if (Inputs.isStd(out) && output.json) {
        throw new UserError(
            ExitCode.USAGE, "--json needs --out FILE: with --out - stdout carries the plaintext");
      }
      // Every refusal about the output comes before anything is read or written.
      OutputFile.check(out, force, in, map, keys, passphraseFile);
      if (!Inputs.isStd(in)) {
        Inputs.check(in, "sealed file");
      }
      EncryptedTreasureMap treasureMap;
      byte[] mapBytes = Inputs.readAll(map, "treasure map", EncryptedTreasureMap.MAX_SIZE);
      try {
        treasureMap = EncryptedTreasureMap.fromBytes(mapBytes);
      } catch (dev.nkms.protocol.wire.UnsupportedVersionException e) {
        if (e.looksNewer(mapBytes, EncryptedTreasureMap::fromBytes)) {
          throw new UserError(
              ExitCode.USAGE,
              map + " was made by a newer nkms; upgrade nkms to open it",
              List.of(e.getMessage()));
        }
        throw new UserError(
            ExitCode.USAGE,
            map + " is a damaged treasure map (or not a treasure map at all)",
            List.of(e.getMessage()));
      } catch (WireFormatException e) {
        throw new UserError(
            ExitCode.USAGE,
            map + " is a damaged treasure map (or not a treasure map at all)",
            List.of(e.getMessage()));
      }
      // The keystore is checked (and opened) before any node is asked anything.
      dev.nkms.protocol.keys.BobKeys bobKeys = Identity.bob(keys, passphraseFile);
      TreasureMap opened;
      try {
        // Opened with no network at all: a map that is not for these keys is found out locally.
        opened =
            new Bob(
                    bobKeys,
                    dev.nkms.network.learning.NodeDirectory.empty(),
                    HttpsNodeClient.factory(),
                    Clock.systemUTC(),
                    RandomSource.secure(),
                    RetrievalOptions.defaults())
                .openTreasureMap(treasureMap);
      } catch (RetrievalException e) {
        throw SealedFiles.mapError(map, keys, e);
      }
      try (InputStream i = new BufferedInputStream(Inputs.open(in, "sealed file"), 1 << 16)) {
        MessageKit kit;
        try {
          kit = SealedMessage.readHeader(i);
        } catch (SealedMessageException e) {
          throw SealedFiles.error(in, e);
        }
        Learner learner = ClientNetwork.open(network);
        Bob bob =
            new Bob(
                bobKeys,
                learner,
                HttpsNodeClient.factory(),
                Clock.systemUTC(),
                RandomSource.secure(),
                RetrievalOptions.defaults());
        Retrieval retrieval;
        try {
          // Learn the map's nodes first; the retrieval then names any that stayed unknown.
          learner.awaitKnown(
              opened.destinations().keySet(), opened.threshold(), ClientNetwork.WAIT);
          retrieval = bob.retrieve(treasureMap, List.of(kit));
        } catch (RetrievalException e) {
          throw new UserError(ExitCode.FAILED, e.getMessage());
        }
        retrieval
            .misbehavingNodes()
            .forEach(
                (node, why) ->
                    spec.commandLine()
                        .getErr()
                        .println(
                            "warning: node "
                                + node.toHex()
                                + " misbehaved and was dropped ("
                                + why
                                + ")"));
        keepEvidence(retrieval, opened, bobKeys.encryptingKey().publicKey());
        try (OutputFile o = OutputFile.create(out, OutputFile.Kind.SECRET, force, in, map, keys)) {
          retrieval.decrypt(
              0,
              new Progress(
                  i,
                  Inputs.isStd(in) ? -1 : kit.plaintextLength(),
                  "decrypting",
                  output.progress() ? spec.commandLine().getErr() : null),
              o.stream());
          o.commit();
        } catch (SealedMessageException e) {
          throw SealedFiles.error(in, e);
        }
        report(kit.plaintextLength());
      } catch (IOException e) {
        throw SealedFiles.ioError(in, out, e);
      }
      return ExitCode.OK;
    }

    private void report(long bytes) {
      if (output.json) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("out", out.toString());
        r.put("bytes", bytes);
        JsonOutput.print(spec.commandLine().getOut(), r);
      } else if (Inputs.isStd(out)) {
        output.info(spec.commandLine().getErr(), "decrypted " + bytes + " bytes to stdout");
      } else if (!output.quiet) {
        spec.commandLine().getOut().println("decrypted → " + out + " (" + bytes + " bytes)");
      }
    }

    /** Writes each cfrag-level piece of evidence as a file `nkms evidence submit` takes. */
    private void keepEvidence(
        Retrieval retrieval, TreasureMap map, dev.nkms.crypto.keys.PublicKey bobEncrypting)
        throws IOException {
      int n = 0;
      for (dev.nkms.client.bob.Evidence e : retrieval.evidence()) {
        if (e.cfrag().isEmpty()) {
          continue;
        }
        try {
          EvidenceFile f =
              EvidenceFile.of(
                  e.node(),
                  e.finding(),
                  e.signedResponse(),
                  e.capsule().get(),
                  map.aliceVerifyingKey(),
                  map.policyEncryptingKey(),
                  bobEncrypting);
          Files.createDirectories(evidenceDir);
          Path file =
              evidenceDir.resolve(
                  "evidence-"
                      + e.node().toHex().substring(2, 10)
                      + "-"
                      + System.currentTimeMillis()
                      + "-"
                      + (n++)
                      + ".json");
          f.save(file);
          spec.commandLine()
              .getErr()
              .println(
                  "evidence against node "
                      + e.node().toHex()
                      + " written to "
                      + file
                      + " (submit it with `nkms evidence submit --file "
                      + file
                      + "`)");
        } catch (WireFormatException ex) {
          spec.commandLine()
              .getErr()
              .println(
                  "warning: evidence against "
                      + e.node().toHex()
                      + " not kept: "
                      + ex.getMessage());
        }
      }
    }
  }
}
