package dev.nkms.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Java {@code toString} looks like when it reaches a user: a record or a hand-written class
 * dump ({@code Name[...]}), an {@code Optional}, a map or a list of node addresses, {@code
 * Object.toString}'s identity hash, an exception printed as itself. The CLI prints deliberate text
 * instead; {@link CliRunner} checks every output the tests see against these shapes.
 */
public final class OutputShapes {
  private record Shape(String what, Pattern pattern) {}

  private static final List<Shape> SHAPES =
      List.of(
          new Shape(
              "a record's or object's toString (Name[…])", Pattern.compile("\\b[A-Z][a-z]\\w*\\[")),
          new Shape("an Optional", Pattern.compile("\\bOptional(\\[|\\.empty)")),
          new Shape("a Map's toString ({key=…})", Pattern.compile("\\{\\w+=")),
          new Shape(
              "a collection of hex values ([0x…, …])",
              Pattern.compile("\\[0x[0-9a-fA-F]+(, |\\])")),
          new Shape("Object.toString (…@hash)", Pattern.compile("\\w@[0-9a-f]{6,}\\b")),
          new Shape(
              "an exception's toString",
              Pattern.compile("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error)\\b")));

  private OutputShapes() {}

  /**
   * The first toString shape in {@code text}, described with the line it is on; empty when there is
   * none.
   */
  public static java.util.Optional<String> find(String text) {
    for (Shape s : SHAPES) {
      Matcher m = s.pattern.matcher(text);
      if (m.find()) {
        int start = text.lastIndexOf('\n', m.start()) + 1;
        int end = text.indexOf('\n', m.end());
        return java.util.Optional.of(
            s.what + " in: " + text.substring(start, end < 0 ? text.length() : end));
      }
    }
    return java.util.Optional.empty();
  }

  /** Fails when {@code text} (what a command printed on {@code stream}) holds a toString shape. */
  public static void check(String stream, String text) {
    find(text)
        .ifPresent(
            found -> {
              throw new AssertionError(
                  "the CLI printed "
                      + found
                      + "\n(on "
                      + stream
                      + "; print deliberate text instead)");
            });
  }
}
