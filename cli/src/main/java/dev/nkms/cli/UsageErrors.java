package dev.nkms.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A usage error (unknown option or command, a missing or bad value) as one line on stderr, {@code
 * nkms: <what is wrong>; see 'nkms <command> --help'}, and exit {@link ExitCode#USAGE}; no usage
 * dump unless {@code --verbose}.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    CommandSpec spec = cmd.getCommandSpec();
    cmd.getErr()
        .println("nkms: " + describe(ex, spec) + "; see '" + spec.qualifiedName() + " --help'");
    List<String> given = Arrays.asList(args);
    if (given.contains("--verbose") || given.contains("-v")) {
      cmd.usage(cmd.getErr());
    }
    cmd.getErr().flush();
    return ExitCode.USAGE;
  }

  static String describe(CommandLine.ParameterException ex, CommandSpec spec) {
    if (ex instanceof CommandLine.UnmatchedArgumentException) {
      CommandLine.UnmatchedArgumentException u = (CommandLine.UnmatchedArgumentException) ex;
      List<String> unmatched = u.getUnmatched();
      String first = unmatched.isEmpty() ? "?" : unmatched.get(0);
      String what;
      if (first.startsWith("-") && first.length() > 1) {
        what = "unknown option '" + first + "'";
      } else if (!spec.subcommands().isEmpty()) {
        what =
            "unknown command '"
                + first
                + "' ("
                + spec.qualifiedName()
                + " has: "
                + String.join(", ", spec.subcommands().keySet())
                + ")";
      } else {
        what = "unexpected argument '" + first + "'";
      }
      List<String> suggestions = u.getSuggestions();
      if (!suggestions.isEmpty() && !spec.subcommands().containsKey(first)) {
        what +=
            "; did you mean "
                + suggestions.stream()
                    .limit(3)
                    .map(s -> "'" + s + "'")
                    .collect(Collectors.joining(" or "))
                + "?";
      }
      return what;
    }
    if (ex instanceof CommandLine.MissingParameterException) {
      List<ArgSpec> missing = ((CommandLine.MissingParameterException) ex).getMissing();
      if (missing != null && !missing.isEmpty()) {
        String names = missing.stream().map(UsageErrors::name).collect(Collectors.joining(", "));
        boolean options = missing.stream().allMatch(ArgSpec::isOption);
        return "missing "
            + (options ? "required option" : "required argument")
            + (missing.size() > 1 ? "s " : " ")
            + names;
      }
    }
    String message = String.valueOf(ex.getMessage());
    if (message.startsWith("Missing required subcommand")) {
      return "'"
          + spec.qualifiedName()
          + "' needs a command: "
          + String.join(", ", spec.subcommands().keySet());
    }
    String oneLine = message.lines().findFirst().orElse(message).strip();
    return oneLine.isEmpty()
        ? "bad arguments"
        : oneLine.substring(0, 1).toLowerCase(Locale.ROOT) + oneLine.substring(1);
  }

  private static String name(ArgSpec arg) {
    if (arg instanceof OptionSpec) {
      OptionSpec o = (OptionSpec) arg;
      return o.longestName() + (o.arity().max > 0 ? " " + o.paramLabel() : "");
    }
    return ((PositionalParamSpec) arg).paramLabel();
  }
}
