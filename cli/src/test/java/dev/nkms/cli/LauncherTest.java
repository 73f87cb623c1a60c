package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real {@code nkms} launcher script, run by bash in a copy of the repository's layout where the
 * CLI is already built and tools/chain, tools/s3 and tools/ipfs have no node_modules: {@code java}
 * and {@code npm} on its PATH are stand-ins that record how they were called. A chain command
 * installs the dev chain (npm ci), {@code demo app} the S3 server and the IPFS daemon; asking for
 * help or the version never does.
 */
class LauncherTest {
  @TempDir Path root;
  private Path calls;

  @BeforeEach
  void layout() throws IOException {
    Path script = Path.of("..", "nkms").toAbsolutePath().normalize();
    assertThat(script).as("the launcher at the repository root").isRegularFile();
    Files.copy(script, root.resolve("nkms"));
    Files.createDirectories(root.resolve("cli/target/lib"));
    Files.writeString(root.resolve("cli/target/nkms-cli.jar"), "stand-in", StandardCharsets.UTF_8);
    Files.writeString(
        root.resolve("cli/target/.nkms-build-stamp"), "", StandardCharsets.UTF_8); // built: no mvn
    Files.createDirectories(root.resolve("tools/chain"));
    Files.createDirectories(root.resolve("tools/s3"));
    Files.createDirectories(root.resolve("tools/ipfs"));
    calls = root.resolve("calls");
    Path bin = Files.createDirectories(root.resolve("bin"));
    stub(
        bin.resolve("java"),
        "#!/usr/bin/env bash\n"
            + "[[ \"$1 $2\" == '--enable-native-access=ALL-UNNAMED -version' ]] && exit 0\n"
            + "echo \"java $*\" >> \""
            + calls
            + "\"\n");
    stub(
        bin.resolve("npm"),
        "#!/usr/bin/env bash\n"
            + "echo \"npm $* in $PWD\" >> \""
            + calls
            + "\"\n"
            + "mkdir -p node_modules/ganache && echo '{}' > node_modules/ganache/package.json\n"
            + "mkdir -p node_modules/s3rver node_modules/ipfs\n");
    stub(bin.resolve("mvn"), "#!/usr/bin/env bash\necho \"mvn $*\" >> \"" + calls + "\"\n");
  }

  @ParameterizedTest(name = "nkms {0} → npm ci: {1}")
  @CsvSource({
    "chain dev --help, false",
    "chain dev -h, false",
    "chain --help, false",
    "demo --chain --help, false",
    "--version, false",
    "chain -V, false",
    "network up --chain x.json --help, false",
    "network status, false",
    "chain dev, true",
    "demo --chain, true",
    "network up --nodes 3 --chain .nkms/chain/deployment.json, true"
  })
  void installsTheDevChainOnlyForAChainCommandThatRuns(String arguments, boolean installs)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("nkms").toString()));
    command.addAll(List.of(arguments.split(" ")));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
    pb.environment().remove("NKMS_CHAIN_TOOLS");
    pb.environment().remove("NKMS_TOOLS");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();

    List<String> seen =
        Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
    assertThat(seen)
        .as("no build: the CLI is built and nothing changed")
        .noneMatch(l -> l.startsWith("mvn"));
    assertThat(seen)
        .as("java runs the CLI with the arguments as given")
        .anyMatch(l -> l.startsWith("java ") && l.endsWith("dev.nkms.cli.Main " + arguments));
    if (installs) {
      assertThat(seen)
          .as(output)
          .contains(
              "npm ci --no-audit --no-fund --loglevel=error in " + root.resolve("tools/chain"));
      assertThat(root.resolve("tools/chain/node_modules/ganache/package.json")).isRegularFile();
    } else {
      assertThat(seen).as(output).noneMatch(l -> l.startsWith("npm"));
      assertThat(root.resolve("tools/chain/node_modules")).doesNotExist();
    }
  }

  @ParameterizedTest(name = "nkms {0} → installs s3rver and js-ipfs: {1}")
  @CsvSource({
    "demo app --help, false",
    "demo app -h, false",
    "demo app -V, false",
    "demo --help, false",
    "demo, false",
    "demo umbral, false",
    "demo app, true",
    "demo app --quiet, true"
  })
  void installsTheAppDemoServersOnlyForTheAppDemoThatRuns(String arguments, boolean installs)
      throws Exception {
    String output = launch(arguments);
    List<String> seen =
        Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
    if (installs) {
      assertThat(seen)
          .as(output)
          .contains("npm ci --no-audit --no-fund --loglevel=error in " + root.resolve("tools/s3"))
          .contains(
              "npm install --no-save --no-audit --no-fund --loglevel=error in "
                  + root.resolve("tools/ipfs"));
      Files.delete(calls);
      launch(arguments);
      assertThat(Files.readAllLines(calls, StandardCharsets.UTF_8))
          .as("installed once: the second run only runs java")
          .noneMatch(l -> l.startsWith("npm"));
    } else {
      assertThat(seen).as(output).noneMatch(l -> l.startsWith("npm"));
      assertThat(root.resolve("tools/s3/node_modules")).doesNotExist();
    }
    assertThat(root.resolve("tools/chain/node_modules")).doesNotExist();
  }

  private String launch(String arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("nkms").toString()));
    command.addAll(List.of(arguments.split(" ")));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
    pb.environment().remove("NKMS_CHAIN_TOOLS");
    pb.environment().remove("NKMS_TOOLS");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  private static void stub(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
