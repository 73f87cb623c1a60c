package dev.nkms.cli.characters;

import dev.nkms.cli.UserError;
import dev.nkms.client.bob.Bob;
import dev.nkms.cli.chain.EvidenceFile;
import dev.nkms.client.bob.Retrieval;
import dev.nkms.client.bob.RetrievalException;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.client.network.Learner;
import dev.nkms.protocol.TreasureMap;
import dev.nkms.client.message.SealedMessage;
import dev.nkms.client.message.SealedMessageException;
import dev.nkms.client.transport.HttpsNodeClient;
import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms bob retrieve}: get cfrags from the policy's nodes, verify them, decrypt a sealed file. */
@Command(name = "bob", mixinStandardHelpOptions = true, description = "Retrieve and decrypt (recipient).",
    subcommands = {BobCommand.RetrieveCmd.class})
public final class BobCommand {

  @Command(name = "retrieve", mixinStandardHelpOptions = true,
      description = "Ask the policy's nodes (in parallel) to re-encrypt, verify every answer, decrypt FILE.")
  public static final class RetrieveCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true, description = "Bob's keystore.") Path keys;

    @Option(names = "--passphrase-file") Path passphraseFile;

    @Option(names = "--map", required = true, description = "Treasure map from Alice.") Path map;

    @Option(names = "--network", defaultValue = ClientNetwork.DEFAULT_DIR, description = "Network directory"
        + " (default " + ClientNetwork.DEFAULT_DIR + ").") Path network;

    @Option(names = "--in", required = true, description = "Sealed file from Enrico.") Path in;

    @Option(names = "--out", required = true) Path out;

    @Option(names = "--evidence-dir", defaultValue = ".nkms/bob/evidence", description = "Where evidence against"
        + " misbehaving nodes is written, for `nkms evidence submit` (default ${DEFAULT-VALUE}).") Path evidenceDir;

    @Override
    public Integer call() throws Exception {
      EncryptedTreasureMap treasureMap;
      try {
        treasureMap = EncryptedTreasureMap.fromBytes(Files.readAllBytes(map));
      } catch (NoSuchFileException e) {
        throw new UserError(2, "no such treasure map: " + map);
      } catch (WireFormatException e) {
        throw new UserError(2, map + " is not a treasure map: " + e.getMessage());
      }
      Learner learner = ClientNetwork.open(network);
      dev.nkms.client.keys.BobKeys bobKeys = Identity.bob(keys, passphraseFile);
      Bob bob = new Bob(bobKeys, learner, HttpsNodeClient.factory(),
          Clock.systemUTC(), RandomSource.secure(), RetrievalOptions.defaults());
      try {
        TreasureMap opened = bob.openTreasureMap(treasureMap);
        // Learn the map's nodes first; the retrieval then names any that stayed unknown.
        learner.awaitKnown(opened.destinations().keySet(), opened.threshold(), ClientNetwork.WAIT);
      } catch (RetrievalException e) {
        throw new UserError(1, e.getMessage());
      }
      Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
      try (InputStream i = new BufferedInputStream(Files.newInputStream(in))) {
        MessageKit kit = SealedMessage.readHeader(i);
        Retrieval retrieval = bob.retrieve(treasureMap, List.of(kit));
        retrieval.misbehavingNodes().forEach((node, why) ->
            spec.commandLine().getErr().println("warning: node " + node + " misbehaved and was dropped (" + why + ")"));
        keepEvidence(retrieval, bob.openTreasureMap(treasureMap), bobKeys.encryptingKey().publicKey());
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp))) {
          retrieval.decrypt(0, new Progress(i, kit.plaintextLength(), "decrypting"), o);
        }
      } catch (NoSuchFileException e) {
        throw new UserError(2, "no such file: " + in);
      } catch (RetrievalException e) {
        Files.deleteIfExists(tmp);
        throw new UserError(1, e.getMessage());
      } catch (SealedMessageException e) {
        Files.deleteIfExists(tmp);
        throw new UserError(1, in + ": " + e.getMessage());
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      spec.commandLine().getOut().println("decrypted → " + out + " (" + Files.size(out) + " bytes)");
      return 0;
    }
  
    /** Writes each cfrag-level piece of evidence as a file `nkms evidence submit` takes. */
    private void keepEvidence(Retrieval retrieval, TreasureMap map, dev.nkms.crypto.keys.PublicKey bobEncrypting)
        throws IOException {
      int n = 0;
      for (dev.nkms.client.bob.Evidence e : retrieval.evidence()) {
        if (e.cfrag().isEmpty()) {
          continue;
        }
        try {
          EvidenceFile f = EvidenceFile.of(e.node(), e.finding(), e.signedResponse(), e.capsule().get(),
              map.aliceVerifyingKey(), map.policyEncryptingKey(), bobEncrypting);
          Files.createDirectories(evidenceDir);
          Path file = evidenceDir.resolve("evidence-" + e.node().toHex().substring(2, 10) + "-"
              + System.currentTimeMillis() + "-" + (n++) + ".json");
          f.save(file);
          spec.commandLine().getErr().println("evidence against node " + e.node() + " written to " + file
              + " (submit it with `nkms evidence submit --file " + file + "`)");
        } catch (WireFormatException ex) {
          spec.commandLine().getErr().println("warning: evidence against " + e.node() + " not kept: " + ex.getMessage());
        }
      }
    }
}
}
