package dev.nkms.cli;

/**
 * The exit codes a script can rely on; listed for users in docs/cli.md. Every command returns one
 * of these and no other.
 */
public final class ExitCode {
  /** It worked. */
  public static final int OK = 0;

  /** The operation was refused or failed (a node, Bob's check, a decryption said no). */
  public static final int FAILED = 1;

  /**
   * Usage or input error: a bad option, a missing, unreadable or malformed file. Nothing was
   * changed.
   */
  public static final int USAGE = 2;

  /** A service it needs is unreachable: the network's nodes, the chain. Start it and retry. */
  public static final int UNREACHABLE = 3;

  /**
   * It took effect only in part (some nodes did not confirm, or a node is down); run it again to
   * finish.
   */
  public static final int INCOMPLETE = 4;

  /** A bug in nkms: please report it with the --verbose output. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
