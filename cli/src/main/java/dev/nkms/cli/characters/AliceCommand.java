package dev.nkms.cli.characters;

import dev.nkms.client.alice.PolicyLifecycle;
import picocli.CommandLine.Command;

/**
 * {@code nkms alice grant|revoke|renew|policies|policy-key|decrypt}: the data owner, one class per
 * subcommand. Every transition of a policy goes through {@link PolicyLifecycle}, which keeps
 * Alice's records in {@code --store} saying what the nodes said.
 */
@Command(
    name = "alice",
    mixinStandardHelpOptions = true,
    description = "Grant, revoke and renew access (data owner).",
    subcommands = {
      AliceGrant.class,
      AliceRevoke.class,
      AliceRenew.class,
      AlicePolicies.class,
      AlicePolicyKey.class,
      AliceDecrypt.class
    },
    footerHeading = "%nExamples:%n",
    footer = {"  nkms alice grant --help", "  nkms alice policies"})
public final class AliceCommand {
  private AliceCommand() {}
}
