package dev.nkms.cli.characters;

import static dev.nkms.cli.characters.AliceSupport.KEYS_HELP;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms alice policy-key}: the key Enrico encrypts a label's data to. */
@Command(
    name = "policy-key",
    mixinStandardHelpOptions = true,
    description = "Print a label's policy encrypting key (what Enrico encrypts to).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms alice policy-key --keys alice.keys --label medical",
      "  nkms alice policy-key --keys alice.keys --label medical --json"
    })
public final class AlicePolicyKey implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--keys", required = true, description = KEYS_HELP)
  Path keys;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = dev.nkms.cli.Passphrases.HELP)
  Path passphraseFile;

  @Option(names = "--label", required = true, description = "The label.")
  String label;

  @Override
  public Integer call() {
    String key = Identity.alice(keys, passphraseFile).policyEncryptingKey(label).toHex();
    if (output.json) {
      JsonOutput.print(spec.commandLine().getOut(), Map.of("label", label, "policy_key", key));
    } else {
      spec.commandLine().getOut().println(key);
    }
    return ExitCode.OK;
  }
}
