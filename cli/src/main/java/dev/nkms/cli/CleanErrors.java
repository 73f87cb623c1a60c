package dev.nkms.cli;

import dev.nkms.client.NkmsException;
import picocli.CommandLine;

/**
 * One clear line on stderr and an exit code from {@link ExitCode} instead of a stack trace. {@link
 * UserError}s are expected failures (bad input, failed checks) and print their details only with
 * {@code --verbose}; anything else is a bug and says so.
 */
final class CleanErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    boolean verbose = verbose(parsed);
    if (ex instanceof NkmsException) {
      ex = UserError.from((NkmsException) ex);
    }
    if (ex instanceof dev.nkms.node.http.PortInUseException) {
      ex = new UserError(ExitCode.USAGE, ex.getMessage() + " (--port)");
    }
    if (ex instanceof UserError) {
      UserError e = (UserError) ex;
      boolean hidden = !verbose && !e.details().isEmpty();
      cmd.getErr()
          .println("nkms: " + e.getMessage() + (hidden ? " (--verbose shows the details)" : ""));
      if (verbose) {
        e.details().forEach(d -> cmd.getErr().println("  " + d));
      }
      cmd.getErr().flush();
      return e.exitCode;
    }
    cmd.getErr()
        .println(
            "nkms: internal error (a bug in nkms; please report it with the --verbose output): "
                + ex.getClass().getSimpleName());
    if (verbose) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return ExitCode.INTERNAL;
  }

  private static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
