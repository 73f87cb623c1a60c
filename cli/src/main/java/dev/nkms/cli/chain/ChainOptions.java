package dev.nkms.cli.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.Deployment;
import dev.nkms.chain.DevChain;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Option;

/**
 * {@code --chain FILE} and the account to act as ({@code --account N} on the dev chain, or {@code
 * --eth-key}).
 */
public final class ChainOptions {
  public static final Path DEFAULT_DEPLOYMENT = Path.of(".nkms", "chain", "deployment.json");

  @Option(
      names = "--chain",
      paramLabel = "FILE",
      description =
          "The contracts' deployment file (default: .nkms/chain/deployment.json, written by `nkms chain dev`).")
  Path deploymentFile;

  @Option(
      names = "--account",
      paramLabel = "N",
      description =
          "Act as dev-chain account N (0 deployer, 1..19 node operators, 20 Alice, 21 Bob, 22 investigator).")
  Integer account;

  @Option(
      names = "--eth-key",
      paramLabel = "FILE",
      description = "File (0600) with the hex secret key to act as.")
  Path ethKey;

  /** Whether --chain was given (a node runs on chain only when asked to). */
  public boolean given() {
    return deploymentFile != null;
  }

  public Path deploymentFile() {
    return deploymentFile != null ? deploymentFile : DEFAULT_DEPLOYMENT;
  }

  public Deployment deployment() {
    Path f = deploymentFile();
    if (!Files.exists(f)) {
      throw new UserError(
          ExitCode.USAGE,
          "no deployment file "
              + f
              + "; start a dev chain with `./nkms chain dev`"
              + " or pass --chain FILE");
    }
    try {
      return Deployment.load(f);
    } catch (ChainException e) {
      throw new UserError(
          ExitCode.USAGE,
          f + " is not a deployment file; `./nkms chain dev` writes one, or pass" + " --chain FILE",
          java.util.List.of(e.getMessage()));
    }
  }

  public Chain connect() {
    Deployment d = deployment();
    try {
      return Chain.connect(d.url());
    } catch (ChainException e) {
      throw new UserError(
          ExitCode.UNREACHABLE,
          "the chain at " + d.url() + " does not answer; start it with" + " `./nkms chain dev`",
          java.util.List.of(e.getMessage()));
    }
  }

  /** Whether --account or --eth-key was given. */
  public boolean namesAnAccount() {
    return account != null || ethKey != null;
  }

  /** The account to act as, or dev account {@code fallback} when neither option is given. */
  public Credentials credentials(int fallback) {
    return ethKey != null ? load(ethKey) : DevChain.account(account != null ? account : fallback);
  }

  /** The account to act as; one of the options must name it. */
  public Credentials credentials() {
    if (ethKey == null && account == null) {
      throw new UserError(
          ExitCode.USAGE, "name the account to act as: --account N (dev chain) or --eth-key FILE");
    }
    return credentials(0);
  }

  static Credentials load(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.stream()
          .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
        throw new UserError(
            ExitCode.USAGE,
            file + " holds a secret key but is readable by others; chmod 600 " + file);
      }
      String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!hex.matches("(0x)?[0-9a-fA-F]{64}")) {
        throw new UserError(
            ExitCode.USAGE, file + ": expected 64 hex digits (an Ethereum secret key)");
      }
      return Credentials.create(hex);
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
