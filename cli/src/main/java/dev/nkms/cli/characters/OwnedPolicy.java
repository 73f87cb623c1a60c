package dev.nkms.cli.characters;

import static dev.nkms.cli.characters.AliceSupport.DEFAULT_STORE;
import static dev.nkms.cli.characters.AliceSupport.KEYS_HELP;
import static dev.nkms.cli.characters.AliceSupport.STORE_HELP;
import static dev.nkms.cli.characters.AliceSupport.alice;
import static dev.nkms.cli.characters.AliceSupport.open;
import static dev.nkms.cli.characters.AliceSupport.policyFile;

import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyLifecycle;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.network.learning.NodeDirectory;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * The options naming one of Alice's policies and the keystore that owns it, for revoke and renew.
 */
final class OwnedPolicy {
  @Option(names = "--keys", required = true, description = KEYS_HELP)
  Path keys;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = dev.nkms.cli.Passphrases.HELP)
  Path passphraseFile;

  @Option(
      names = "--policy",
      required = true,
      description = "The policy record file, or its policy id (looked" + " up in --store).")
  String policy;

  @Option(names = "--store", defaultValue = DEFAULT_STORE, description = STORE_HELP)
  Path store;

  private PolicyLifecycle lifecycle;

  /** The lifecycle over the record's own directory, with this keystore's Alice. */
  PolicyLifecycle lifecycle() {
    if (lifecycle == null) {
      Path file = policyFile(policy, store);
      lifecycle =
          new PolicyLifecycle(
              alice(keys, passphraseFile, NodeDirectory.empty()),
              new PolicyBook(file.toAbsolutePath().getParent()),
              Clock.systemUTC());
    }
    return lifecycle;
  }

  /** The record, checked to belong to this keystore's Alice before any node is asked. */
  PolicyRecord record() {
    return open(lifecycle(), policyFile(policy, store));
  }
}
