package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.Passphrases;
import dev.nkms.cli.UserError;
import dev.nkms.cli.files.Inputs;
import dev.nkms.cli.files.OutputFile;
import dev.nkms.crypto.keystore.KeystoreException;
import dev.nkms.protocol.keys.BobCard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms keys generate|show}. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create and inspect a person's keys.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Show.class},
    footerHeading = "%nExamples:%n",
    footer = {"  nkms keys generate --out bob.keys", "  nkms keys show --keys bob.keys"})
public final class KeysCommand {

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Create NAME.keys (encrypted, mode 0600) and NAME.card (public; give it to people who grant you"
            + " access).",
        "Refuses to replace an existing keystore or card unless --force: a keystore overwritten is a key lost. The"
            + " new passphrase comes from --passphrase-file, else from NKMS_PASSPHRASE, else from a prompt (asked"
            + " twice)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms keys generate --out bob.keys                 (asks for the passphrase)",
        "  NKMS_PASSPHRASE=... nkms keys generate --out ci.keys --json"
      })
  public static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "NAME.keys",
        description = "Keystore file to create; the" + " card goes beside it as NAME.card.")
    Path keystore;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = Passphrases.HELP)
    Path passphraseFile;

    @Option(
        names = "--force",
        description =
            "Replace an existing keystore and card (without it, they are refused):"
                + " the keys in the replaced keystore are lost for good.")
    boolean force;

    @Override
    public Integer call() throws Exception {
      if (Inputs.isStd(keystore)) {
        throw new UserError(ExitCode.USAGE, "--out must name a keystore file (NAME.keys), not -");
      }
      Path cardFile = cardPath(keystore);
      // Both files are checked before either is written: no keystore without its card, nothing
      // replaced by accident.
      OutputFile.check(keystore, force, passphraseFile);
      OutputFile.check(cardFile, force, passphraseFile);
      BobCard card;
      try {
        card = Identity.generate(keystore, passphraseFile);
      } catch (KeystoreException e) {
        throw new UserError(ExitCode.USAGE, e.getMessage());
      }
      OutputFile.write(
          cardFile,
          OutputFile.Kind.PUBLIC,
          force,
          (card.toHex() + "\n").getBytes(StandardCharsets.UTF_8));
      if (output.json) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("keys", keystore.toString());
        r.put("card", cardFile.toString());
        r.put("card_hex", card.toHex());
        r.put("bob_verifying_key", card.verifyingKey().toHex());
        r.put("bob_encrypting_key", card.encryptingKey().toHex());
        JsonOutput.print(spec.commandLine().getOut(), r);
      } else if (!output.quiet) {
        spec.commandLine().getOut().println("keys:  " + keystore + " (encrypted, mode 0600)");
        spec.commandLine().getOut().println("card:  " + cardFile + " (public)");
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print the public keys in a keystore.",
        "The passphrase comes from --passphrase-file, else from NKMS_PASSPHRASE, else from a prompt."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms keys show --keys bob.keys",
        "  NKMS_PASSPHRASE=... nkms keys show --keys bob.keys --json"
      })
  public static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--keys",
        required = true,
        paramLabel = "NAME.keys",
        description = "The keystore.")
    Path keystore;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = Passphrases.HELP)
    Path passphraseFile;

    @Override
    public Integer call() throws Exception {
      Identity.Keys keys = Identity.both(keystore, passphraseFile);
      var alice = keys.alice();
      var bob = keys.bob();
      if (output.json) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("alice_verifying_key", alice.verifyingKey().toHex());
        r.put("bob_verifying_key", bob.card().verifyingKey().toHex());
        r.put("bob_encrypting_key", bob.card().encryptingKey().toHex());
        r.put("card_hex", bob.card().toHex());
        JsonOutput.print(spec.commandLine().getOut(), r);
        return ExitCode.OK;
      }
      spec.commandLine()
          .getOut()
          .println("as Alice: verifying key " + alice.verifyingKey().toHex());
      spec.commandLine()
          .getOut()
          .println("as Bob:   verifying key " + bob.card().verifyingKey().toHex());
      spec.commandLine()
          .getOut()
          .println("          encrypting key " + bob.card().encryptingKey().toHex());
      spec.commandLine().getOut().println("card:     " + bob.card().toHex());
      return ExitCode.OK;
    }
  }

  static Path cardPath(Path keystore) {
    String name = keystore.getFileName().toString();
    String base = name.endsWith(".keys") ? name.substring(0, name.length() - 5) : name;
    return keystore.resolveSibling(base + ".card");
  }
}
