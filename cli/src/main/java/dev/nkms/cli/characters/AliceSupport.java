package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyLifecycle;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.client.alice.PolicyRefused;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the {@code alice} subcommands share: option help, the keystore's Alice, {@code --policy}
 * lookup, and the CLI's word for a refused transition.
 */
final class AliceSupport {
  static final String DEFAULT_STORE = ".nkms/alice";
  static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);
  static final String KEYS_HELP =
      "Alice's keystore (its passphrase: --passphrase-file, else NKMS_PASSPHRASE, else"
          + " a prompt).";
  static final String STORE_HELP =
      "Where Alice keeps her policy records (default: ${DEFAULT-VALUE}).";

  private AliceSupport() {}

  static Alice alice(Path keys, Path passphraseFile, NodeDirectory directory) {
    AliceKeys k = Identity.alice(keys, passphraseFile);
    return new Alice(
        k,
        directory,
        HttpsNodeClient.factory(),
        Clock.systemUTC(),
        RandomSource.secure(),
        NODE_TIMEOUT);
  }

  static List<NodeAddress> addresses(List<String> hex, String option) {
    List<NodeAddress> out = new ArrayList<>();
    for (String h : hex) {
      try {
        out.add(NodeAddress.fromHex(h.strip()));
      } catch (WireFormatException e) {
        throw new UserError(ExitCode.USAGE, option + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** `--policy` takes a record file, or a policy id (32 hex digits) looked up in the store. */
  static Path policyFile(String policy, Path store) {
    if (policy.matches("[0-9a-f]{32}") && !Files.exists(Path.of(policy))) {
      try {
        return new PolicyBook(store).fileOf(Hrac.fromHex(policy));
      } catch (WireFormatException e) {
        throw new IllegalStateException("checked by the pattern", e);
      }
    }
    return Path.of(policy);
  }

  static PolicyRecord open(PolicyLifecycle lifecycle, Path file) {
    try {
      return lifecycle.open(file);
    } catch (NoSuchFileException e) {
      throw new UserError(
          ExitCode.USAGE, "no policy record at " + file + " (see `nkms alice policies`)");
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
    } catch (MalformedInputException e) {
      throw new UserError(
          ExitCode.USAGE,
          file + " is not an nkms policy record (or it is damaged)",
          List.of(e.getMessage()));
    } catch (PolicyRefused e) {
      throw refused(e);
    }
  }

  /**
   * The CLI's word for a refused transition: one line with what to do, each node's answer behind
   * --verbose.
   */
  static UserError refused(PolicyRefused e) {
    String advice =
        switch (e.kind()) {
          case ALREADY_GRANTED ->
              e.record()
                  .map(
                      r ->
                          "; renew it (`nkms alice renew --policy "
                              + r.hrac().toHex()
                              + " --expires …`) or revoke it first")
                  .orElse("");
          case PAYMENT_REQUIRED ->
              "; the network's nodes take only paid policies: grant again with --pay ETH";
          case GRANT_FAILED ->
              "; grant again (a new attempt starts afresh), with fewer nodes (-n) if some are down";
          default -> "";
        };
    int code = e.kind() == PolicyRefused.Kind.WRONG_ALICE ? ExitCode.USAGE : ExitCode.FAILED;
    return new UserError(code, e.getMessage() + advice, e.details());
  }

  /** One detail line per node, for --verbose. */
  static List<String> details(Map<NodeAddress, String> perNode) {
    List<String> out = new ArrayList<>();
    perNode.forEach((node, why) -> out.add("node " + node.toHex() + ": " + why));
    return out;
  }
}
