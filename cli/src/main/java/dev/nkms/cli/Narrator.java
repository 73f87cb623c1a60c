package dev.nkms.cli;

import java.io.PrintWriter;

/** Readable, numbered narration for demos. */
final class Narrator {
  private final PrintWriter out;
  private int step;

  Narrator(PrintWriter out) {
    this.out = out;
  }

  void title(String text) {
    out.println(text);
    out.println("=".repeat(Math.min(text.length(), 100)));
    out.flush();
  }

  void step(String text) {
    out.println();
    out.println((++step) + ". " + text);
    out.flush();
  }

  void item(String text) {
    out.println("   • " + text);
    out.flush();
  }

  void note(String text) {
    out.println("     " + text);
    out.flush();
  }

  void done(String text) {
    out.println();
    out.println("✔ " + text);
    out.flush();
  }
}
