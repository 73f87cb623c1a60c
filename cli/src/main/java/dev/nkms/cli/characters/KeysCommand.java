package dev.nkms.cli.characters;

import dev.nkms.client.keys.BobCard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms keys generate|show}. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create and inspect a person's keys.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Show.class})
public final class KeysCommand {

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Create NAME.keys (encrypted, mode 0600) and NAME.card (public; give it to people who grant you"
          + " access).")
  public static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "NAME.keys", description = "Keystore file to create.")
    Path keystore;

    @Option(names = "--passphrase-file") Path passphraseFile;

    @Override
    public Integer call() throws Exception {
      BobCard card = Identity.generate(keystore, passphraseFile);
      Path cardFile = cardPath(keystore);
      Files.writeString(cardFile, card.toHex() + "\n", StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("keys:  " + keystore + " (encrypted)");
      spec.commandLine().getOut().println("card:  " + cardFile + " (public)");
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the public keys in a keystore.")
  public static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true) Path keystore;

    @Option(names = "--passphrase-file") Path passphraseFile;

    @Override
    public Integer call() {
      var alice = Identity.alice(keystore, passphraseFile);
      var bob = Identity.bob(keystore, passphraseFile);
      spec.commandLine().getOut().println("as Alice: verifying key " + alice.verifyingKey().toHex());
      spec.commandLine().getOut().println("as Bob:   verifying key " + bob.card().verifyingKey().toHex());
      spec.commandLine().getOut().println("          encrypting key " + bob.card().encryptingKey().toHex());
      spec.commandLine().getOut().println("card:     " + bob.card().toHex());
      return 0;
    }
  }

  static Path cardPath(Path keystore) {
    String name = keystore.getFileName().toString();
    String base = name.endsWith(".keys") ? name.substring(0, name.length() - 5) : name;
    return keystore.resolveSibling(base + ".card");
  }
}
