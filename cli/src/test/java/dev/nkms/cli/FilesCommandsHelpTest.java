package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help of bob, enrico, keys and alice decrypt: every option says what it does and, where it has
 * a default, shows it; each command has Examples; where a keystore is read the help says where the
 * passphrase comes from; the output options are there.
 */
class FilesCommandsHelpTest {
  @ParameterizedTest(name = "nkms {0} --help")
  @ValueSource(
      strings = {"bob retrieve", "enrico encrypt", "keys generate", "keys show", "alice decrypt"})
  void everyOptionIsDocumented(String command) {
    CommandLine cmd = new CommandLine(new Main());
    for (String name : command.split(" ")) {
      cmd = cmd.getSubcommands().get(name);
    }
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      String help = String.join(" ", o.description());
      assertThat(help).as(command + " " + o.longestName()).isNotBlank();
      if (o.defaultValue() != null && !o.arity().isUnspecified() && o.arity().max() > 0) {
        assertThat(help)
            .as(command + " " + o.longestName() + " shows its default")
            .contains("${DEFAULT-VALUE}");
      }
    }
    List<String> names =
        cmd.getCommandSpec().options().stream().map(OptionSpec::longestName).toList();
    assertThat(names).contains("--quiet", "--verbose", "--json");
    CliRunner help = CliRunner.run((command + " --help").split(" "));
    assertThat(help.exitCode).isZero();
    assertThat(help.out).contains("Examples:").contains("  nkms " + command.split(" ")[0]);
    if (names.contains("--keys") || names.contains("--passphrase-file")) {
      assertThat(help.out.replaceAll("\\s+", " ")).as(help.out).contains("NKMS_PASSPHRASE");
    }
    if (names.contains("--out")) {
      assertThat(help.out).contains("--force");
    }
  }
}
