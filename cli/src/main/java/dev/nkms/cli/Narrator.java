package dev.nkms.cli;

import java.io.PrintWriter;

/** Readable, numbered narration for demos. */
public final class Narrator {
  private final PrintWriter out;
  private int step;

  Narrator(PrintWriter out) {
    this.out = out;
  }

  public void title(String text) {
    out.println(text);
    out.println("=".repeat(Math.min(text.length(), 100)));
    out.flush();
  }

  public void step(String text) {
    out.println();
    out.println((++step) + ". " + text);
    out.flush();
  }

  public void item(String text) {
    out.println("   • " + text);
    out.flush();
  }

  public void note(String text) {
    out.println("     " + text);
    out.flush();
  }

  public void done(String text) {
    out.println();
    out.println("✔ " + text);
    out.flush();
  }
}
