package dev.nkms.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The output options every command takes ({@code @Mixin OutputOptions output;}): {@code --quiet}
 * (results and errors only), {@code --verbose} (the detail behind an error), {@code --json} (the
 * result as one JSON document on stdout, for scripts; a command without data to print ignores it).
 * Progress is drawn only on a terminal and never with --quiet or --json.
 */
public final class OutputOptions {
  @Option(
      names = {"-q", "--quiet"},
      description = "Print only results and errors: no progress, no advice.")
  public boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "On failure, also print the details (each node's answer).")
  public boolean verbose;

  @Option(names = "--json", description = "Print the result as JSON on stdout, for scripts.")
  public boolean json;

  /**
   * Whether progress may be drawn: stderr is a terminal and neither --quiet nor --json was given.
   */
  public boolean progress() {
    return !quiet && !json && System.console() != null;
  }

  /** Prints an informational line to {@code err} unless --quiet or --json. */
  public void info(PrintWriter err, String line) {
    if (!quiet && !json) {
      err.println(line);
    }
  }
}
