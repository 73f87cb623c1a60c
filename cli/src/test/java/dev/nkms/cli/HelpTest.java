package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command's help, checked the way a user reads it: each option and positional is described,
 * an option with a default shows it, each runnable command has an Examples section, a command that
 * reads a keystore says where its passphrase comes from, and the help mentions no option that does
 * not exist (a mention after {@code nkms <command>} is checked against that command) and hides none
 * that does. One test per command, so a failure names the command.
 */
class HelpTest {
  private static final Pattern LONG_OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

  /**
   * "nkms" or "./nkms" followed by words: a mention of a command (resolved as far as the words name
   * one).
   */
  private static final Pattern COMMAND_MENTION =
      Pattern.compile("(?<![\\w/.-])(?:\\./)?nkms((?:\\s+[a-z][a-z0-9-]*)*)");

  @TestFactory
  Stream<DynamicTest> everyCommandDocumentsItself() {
    CommandLine root = Main.commandLine();
    return commands(root).stream()
        .map(
            cl ->
                DynamicTest.dynamicTest(
                    cl.getCommandSpec().qualifiedName(),
                    () -> {
                      List<String> problems = problems(root, cl);
                      assertThat(problems).as(cl.getCommandSpec().qualifiedName()).isEmpty();
                    }));
  }

  @Test
  void theCheckFindsWhatItLooksFor() {
    @CommandLine.Command(name = "bad", footer = "  nkms bad --nope")
    class Bad implements Runnable {
      @CommandLine.Option(names = "--undescribed")
      String undescribed;

      @CommandLine.Option(
          names = "--hidden-default",
          defaultValue = "7",
          description = "No default shown.")
      int hiddenDefault;

      @CommandLine.Parameters(paramLabel = "FILE")
      String file;

      @CommandLine.Option(names = "--passphrase-file", description = "A file.")
      String passphraseFile;

      @Override
      public void run() {}
    }
    CommandLine bad = new CommandLine(new Bad());
    List<String> problems = problems(bad, bad);
    assertThat(problems).hasSize(6);
    assertThat(String.join("\n", problems))
        .contains("--undescribed has no description")
        .contains("--hidden-default does not show its default 7")
        .contains("positional FILE has no description")
        .contains("no Examples section")
        .contains("mentions --nope, which 'bad' does not have")
        .contains("its help does not say the passphrase comes from NKMS_PASSPHRASE");
  }

  /** What is wrong with {@code cl}'s help; {@code root} resolves mentions of other commands. */
  static List<String> problems(CommandLine root, CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    List<String> problems = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (blank(o.description())) {
        problems.add("option " + o.longestName() + " has no description");
      }
      String shown = defaultOf(o);
      String text = String.join(" ", o.description());
      if (shown != null && !text.contains("${DEFAULT-VALUE}") && !text.contains(shown)) {
        problems.add("option " + o.longestName() + " does not show its default " + shown);
      }
      if (o.hidden()) {
        problems.add("option " + o.longestName() + " is hidden from the help");
      }
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (blank(p.description())) {
        problems.add("positional " + p.paramLabel() + " has no description");
      }
    }
    Object command = spec.userObject();
    boolean runnable = command instanceof Runnable || command instanceof Callable;
    if (runnable
        && (spec.usageMessage().footer().length == 0
            || !spec.usageMessage().footerHeading().contains("Examples"))) {
      problems.add("no Examples section (footerHeading \"%nExamples:%n\" and a footer)");
    }
    String help = helpWithoutCommandList(cl);
    Set<String> own = names(spec);
    if (own.contains("--passphrase-file") && !help.contains("NKMS_PASSPHRASE")) {
      problems.add(
          "reads a keystore but its help does not say the passphrase comes from NKMS_PASSPHRASE or"
              + " --passphrase-file");
    }
    for (String name : own) {
      if (name.startsWith("--") && !help.contains(name)) {
        problems.add("its help omits " + name);
      }
    }
    for (String line : help.split("\n")) {
      problems.addAll(mentions(root, cl, line));
    }
    return problems;
  }

  /** Long options on one line that the command they refer to does not have. */
  private static List<String> mentions(CommandLine root, CommandLine self, String line) {
    List<String> problems = new ArrayList<>();
    // Segments: text before the first "nkms …" mention belongs to this command, each mention's text
    // to its command
    // until a backtick, the next mention or the end of the line.
    List<int[]> cuts = new ArrayList<>();
    List<CommandLine> owners = new ArrayList<>();
    cuts.add(new int[] {0});
    owners.add(self);
    Matcher m = COMMAND_MENTION.matcher(line);
    while (m.find()) {
      CommandLine target = root;
      for (String word : m.group(1).trim().split("\\s+")) {
        CommandLine sub = word.isEmpty() ? null : target.getSubcommands().get(word);
        if (sub == null) {
          break;
        }
        target = sub;
      }
      if (target == root && root != self) {
        continue; // "nkms" in prose, not a command: the text stays this command's
      }
      cuts.add(new int[] {m.start()});
      owners.add(target);
    }
    for (int i = 0; i < cuts.size(); i++) {
      int start = cuts.get(i)[0];
      int end = i + 1 < cuts.size() ? cuts.get(i + 1)[0] : line.length();
      String segment = line.substring(start, end);
      if (i > 0) {
        int tick = segment.indexOf('`');
        segment = tick >= 0 ? segment.substring(0, tick) : segment;
      }
      CommandLine owner = owners.get(i);
      Set<String> known = names(owner.getCommandSpec());
      Matcher o = LONG_OPTION.matcher(segment);
      while (o.find()) {
        if (!known.contains(o.group())) {
          problems.add(
              "its help mentions "
                  + o.group()
                  + ", which '"
                  + owner.getCommandSpec().qualifiedName()
                  + "' does not have: "
                  + line.strip());
        }
      }
    }
    return problems;
  }

  private static String helpWithoutCommandList(CommandLine cl) {
    CommandLine.Help help = cl.getHelp();
    Map<String, CommandLine.IHelpSectionRenderer> sections =
        new LinkedHashMap<>(cl.getHelpSectionMap());
    StringBuilder sb = new StringBuilder();
    for (String key : cl.getHelpSectionKeys()) {
      if (key.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST)
          || key.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING)) {
        continue; // each subcommand's description is checked in its own help
      }
      CommandLine.IHelpSectionRenderer r = sections.get(key);
      if (r != null) {
        sb.append(r.render(help));
      }
    }
    return sb.toString();
  }

  private static Set<String> names(CommandSpec spec) {
    Set<String> names = new TreeSet<>();
    spec.options().forEach(o -> names.addAll(List.of(o.names())));
    return names;
  }

  /**
   * The default a user would want to see: a declared default, or a field's initial value (not a
   * flag's false).
   */
  private static String defaultOf(OptionSpec o) {
    if (o.required() || o.arity().max == 0) {
      return null;
    }
    if (o.defaultValue() != null) {
      return o.defaultValue();
    }
    Object initial = o.initialValue();
    if (initial == null || (initial instanceof Collection && ((Collection<?>) initial).isEmpty())) {
      return null;
    }
    return String.valueOf(initial);
  }

  private static boolean blank(String[] description) {
    return description.length == 0 || String.join("", description).isBlank();
  }

  private static List<CommandLine> commands(CommandLine cl) {
    List<CommandLine> all = new ArrayList<>();
    all.add(cl);
    for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
      all.addAll(commands(sub));
    }
    return all;
  }
}
