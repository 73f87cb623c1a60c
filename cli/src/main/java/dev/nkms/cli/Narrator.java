package dev.nkms.cli;

import java.io.PrintWriter;

/**
 * Readable, numbered narration for demos; with --quiet only the outcome ({@link #done}) is printed.
 */
public final class Narrator {
  private final PrintWriter out;
  private final boolean quiet;
  private int step;

  Narrator(PrintWriter out) {
    this(out, false);
  }

  Narrator(PrintWriter out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  public void title(String text) {
    if (quiet) {
      return;
    }
    out.println(text);
    out.println("=".repeat(Math.min(text.length(), 100)));
    out.flush();
  }

  public void step(String text) {
    if (quiet) {
      ++step;
      return;
    }
    out.println();
    out.println((++step) + ". " + text);
    out.flush();
  }

  public void item(String text) {
    if (quiet) {
      return;
    }
    out.println("   • " + text);
    out.flush();
  }

  public void note(String text) {
    if (quiet) {
      return;
    }
    out.println("     " + text);
    out.flush();
  }

  public void done(String text) {
    if (!quiet) {
      out.println();
    }
    out.println("✔ " + text);
    out.flush();
  }
}
