package dev.nkms.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nkms} command. Subcommands are thin: they parse, call the domain modules, and print. */
@Command(name = "nkms", mixinStandardHelpOptions = true, version = "nkms 0.1.0",
    description = "Decentralized key management with Umbral threshold proxy re-encryption.",
    subcommands = {DemoCommand.class, dev.nkms.cli.node.NodeCommand.class, dev.nkms.cli.network.NetworkCommand.class,
        dev.nkms.cli.characters.KeysCommand.class, dev.nkms.cli.characters.AliceCommand.class,
        dev.nkms.cli.characters.EnricoCommand.class, dev.nkms.cli.characters.BobCommand.class,
        dev.nkms.cli.chain.ChainCommand.class, dev.nkms.cli.chain.StakeCommand.class,
        dev.nkms.cli.chain.RewardsCommand.class, dev.nkms.cli.chain.EvidenceCommand.class, DevCommand.class,
        BenchCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // A node logs what it does (to its log file); a client command prints its own results and only warnings besides.
    boolean node = args.length >= 2 && args[0].equals("node") && args[1].equals("run");
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", node ? "info" : "warn");
    }
    System.exit(run(args));
  }

  public static int run(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(new CleanErrors())
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
