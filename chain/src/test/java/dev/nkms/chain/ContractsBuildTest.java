package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed web3j wrappers carry the bytecode of the contracts as they are now: a contract
 * edited without running {@code chain/generate-bindings} fails here (the tests would otherwise
 * deploy the stale bytecode).
 */
class ContractsBuildTest {

  static Path repoRoot() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("tools/chain/package.json"))
          && Files.isDirectory(d.resolve("chain"))) {
        return d;
      }
    }
    throw new IllegalStateException("no tools/chain above " + Path.of("").toAbsolutePath());
  }

  @Test
  void everyCommittedWrapperHoldsTheFreshlyCompiledBytecode(@TempDir Path out) throws Exception {
    Path root = repoRoot();
    Process p =
        new ProcessBuilder("node", root.resolve("chain/compile.js").toString(), out.toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("compile.js finished").isTrue();
    assertThat(p.exitValue()).as("compile.js failed:\n%s", log).isZero();

    List<String> compiled = names(out, ".bin");
    List<String> wrappers =
        names(root.resolve("chain/src/generated/java/dev/nkms/chain/contracts"), ".java");
    assertThat(compiled).isNotEmpty().contains("StakingEscrow", "NkmsToken");
    assertThat(wrappers).as("one wrapper per compiled contract").isEqualTo(compiled);
    for (String name : compiled) {
      String fresh = Files.readString(out.resolve(name + ".bin")).trim();
      String committed =
          (String) Class.forName("dev.nkms.chain.contracts." + name).getField("BINARY").get(null);
      assertThat(committed).as("%s: run chain/generate-bindings", name).isEqualTo(fresh);
    }
  }

  private static List<String> names(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .sorted()
          .toList();
    }
  }
}
