package dev.nkms.cli;

import picocli.CommandLine;

/**
 * One clear line on stderr and a non-zero exit instead of a stack trace. {@link UserError}s are expected failures
 * (bad input, failed checks); anything else is a bug and says so.
 */
final class CleanErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (ex instanceof UserError) {
      cmd.getErr().println("nkms: " + ex.getMessage());
      return ((UserError) ex).exitCode;
    }
    cmd.getErr().println("nkms: internal error: " + ex);
    return 70;
  }
}
