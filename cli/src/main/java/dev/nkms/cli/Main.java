package dev.nkms.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nkms} command. Subcommands are thin: they parse, call the domain modules, and print.
 */
@Command(
    name = "nkms",
    mixinStandardHelpOptions = true,
    version = "nkms 0.1.0",
    description = {
      "Decentralized key management with Umbral threshold proxy re-encryption.",
      "A keystore's passphrase comes from NKMS_PASSPHRASE or from the file a command's passphrase option names."
          + " Exit codes: 0 ok, 1 refused or failed,"
          + " 2 usage or input error, 3 network or chain unreachable, 4 done in part (run again), 70 a bug;"
          + " see docs/cli.md."
    },
    subcommands = {
      DemoCommand.class,
      dev.nkms.cli.node.NodeCommand.class,
      dev.nkms.cli.network.NetworkCommand.class,
      dev.nkms.cli.characters.KeysCommand.class,
      dev.nkms.cli.characters.AliceCommand.class,
      dev.nkms.cli.characters.EnricoCommand.class,
      dev.nkms.cli.characters.BobCommand.class,
      dev.nkms.cli.facade.WriteCommand.class,
      dev.nkms.cli.facade.ReadCommand.class,
      dev.nkms.cli.facade.DeleteCommand.class,
      dev.nkms.cli.facade.ShareCommand.class,
      dev.nkms.cli.facade.ObjectsCommand.class,
      dev.nkms.cli.facade.PolicyCommand.class,
      dev.nkms.cli.chain.ChainCommand.class,
      dev.nkms.cli.chain.StakeCommand.class,
      dev.nkms.cli.chain.RewardsCommand.class,
      dev.nkms.cli.chain.EvidenceCommand.class,
      DevCommand.class,
      DaemonCommand.class,
      BenchCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms demo",
      "  nkms network up --nodes 5",
      "  nkms network status",
      "  nkms alice --help"
    })
public final class Main implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // A node logs what it does (to its log file); a client command prints its own results and only
    // warnings besides.
    boolean node = args.length >= 2 && args[0].equals("node") && args[1].equals("run");
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", node ? "info" : "warn");
    }
    System.exit(run(args));
  }

  /**
   * The {@code nkms} command line as users get it: usage errors as one line and exit 2 ({@link
   * UsageErrors}), failures as one line and an {@link ExitCode} ({@link CleanErrors}). {@link #run}
   * and the tests' runner both build it here, so tests see what users see.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(new CleanErrors())
        .setParameterExceptionHandler(new UsageErrors());
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** {@code nkms} alone: the usage, on stderr, and exit 2 (nothing was asked for). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
