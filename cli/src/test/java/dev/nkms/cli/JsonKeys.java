package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --json} keys as docs/cli.md's "JSON output" table documents them, and the check that a
 * command's output is one JSON document with exactly those keys. The table's notation: {@code
 * `key`} a key; {@code [ … ]} keys present only in the case named; {@code `key` (… each: …)} the
 * keys of each element of a list (or each value of an object); other parenthesized text is prose. A
 * row starting "list, each:" documents a list.
 */
public final class JsonKeys {
  /** The keys of one JSON object (or of each element, for a list). */
  public record Spec(
      boolean list, Set<String> required, Set<String> optional, Map<String, Spec> nested) {}

  private static final Path DOC = locate();
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonKeys() {}

  /**
   * Every documented command, as its row names it ({@code "alice grant"}, {@code "rewards
   * --claim"}).
   */
  public static Map<String, Spec> documented() {
    Map<String, Spec> rows = new LinkedHashMap<>();
    boolean inSection = false;
    try {
      for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
        if (line.startsWith("## ")) {
          inSection = line.equals("## JSON output");
        } else if (inSection && line.startsWith("| `")) {
          int cut = line.indexOf(" | ");
          String command = line.substring(3, line.indexOf('`', 3));
          String keys = line.substring(cut + 3, line.lastIndexOf(" |"));
          rows.put(command, parse(keys));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /**
   * Fails unless {@code stdout} is one JSON document with exactly the keys docs/cli.md lists for
   * {@code command}.
   */
  public static JsonNode check(String command, String stdout) {
    Spec spec = documented().get(command);
    assertThat(spec).as("docs/cli.md documents the --json keys of `%s`", command).isNotNull();
    assertThat(stdout.strip().lines().count())
        .as("one JSON line from %s: %s", command, stdout)
        .isEqualTo(1);
    JsonNode doc;
    try {
      doc = JSON.readTree(stdout);
    } catch (IOException e) {
      throw new AssertionError(command + " --json printed no JSON: " + stdout, e);
    }
    verify(command, doc, spec);
    return doc;
  }

  static void verify(String where, JsonNode node, Spec spec) {
    if (spec.list) {
      assertThat(node.isArray()).as("%s is a list: %s", where, node).isTrue();
      node.forEach(
          element ->
              verify(
                  where + "[]",
                  element,
                  new Spec(false, spec.required, spec.optional, spec.nested)));
      return;
    }
    assertThat(node.isObject()).as("%s is an object: %s", where, node).isTrue();
    Set<String> keys = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    Set<String> allowed = new LinkedHashSet<>(spec.required);
    allowed.addAll(spec.optional);
    assertThat(keys)
        .as("%s: the keys documented in docs/cli.md", where)
        .containsAll(spec.required)
        .isSubsetOf(allowed);
    spec.nested.forEach(
        (name, inner) -> {
          JsonNode value = node.get(name);
          if (value != null && value.isContainerNode()) {
            value.forEach(v -> verify(where + "." + name, v, inner));
          }
        });
  }

  /** Parses one keys cell of the table. */
  static Spec parse(String cell) {
    String text = cell.strip();
    boolean list = text.startsWith("list, each:");
    if (list) {
      text = text.substring("list, each:".length());
    }
    Set<String> required = new LinkedHashSet<>();
    Set<String> optional = new LinkedHashSet<>();
    Map<String, Spec> nested = new LinkedHashMap<>();
    int brackets = 0;
    String last = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '`') {
        int end = text.indexOf('`', i + 1);
        String name = text.substring(i + 1, end);
        if (name.matches("[a-z0-9_]+")) {
          (brackets > 0 ? optional : required).add(name);
          last = name;
        }
        i = end;
      } else if (c == '[') {
        brackets++;
      } else if (c == ']') {
        brackets--;
      } else if (c == '(') {
        int end = closing(text, i);
        String inner = text.substring(i + 1, end);
        int each = inner.indexOf("each:");
        if (each >= 0 && last != null) {
          nested.put(last, parse(inner.substring(each + "each:".length())));
        }
        i = end;
      }
    }
    return new Spec(list, required, optional, nested);
  }

  private static int closing(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced parentheses in docs/cli.md: " + text);
  }

  /** docs/cli.md from the module directory (where surefire runs) or the repository root. */
  private static Path locate() {
    for (Path p : List.of(Path.of("../docs/cli.md"), Path.of("docs/cli.md"))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("docs/cli.md not found from " + Path.of("").toAbsolutePath());
  }

  /** The rows' command names, for checks over all of them. */
  public static List<String> commands() {
    return new ArrayList<>(documented().keySet());
  }
}
