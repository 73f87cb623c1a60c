package dev.nkms.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.app.bench.NetworkBenchResult;
import dev.nkms.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

class NetworkBenchTest {
  /**
   * Three real node processes, tiny phases: checks the JSON contract and that the network is gone
   * afterwards.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void jsonHasExactlyTheNineKeysWithPositiveNumbersAndTheNetworkIsStopped() throws Exception {
    Set<Long> childrenBefore = children();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "bench",
                "network",
                "--json",
                "--nodes",
                "3",
                "--seconds",
                "0.3",
                "--min-samples",
                "1",
                "--threads",
                "2",
                "--reencrypt-seconds",
                "0.02");
    assertThat(code).as("exit code; stderr: %s", err).isZero();

    String stdout = out.toString();
    assertThat(stdout.strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(stdout);
    dev.nkms.cli.JsonKeys.check("bench network", stdout); // the keys docs/cli.md lists
    assertThat(json.isObject()).isTrue();
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(NetworkBenchResult.KEYS);
    assertThat(names).hasSize(9);
    for (String k : names) {
      assertThat(json.get(k).isNumber()).as(k).isTrue();
      assertThat(json.get(k).asDouble()).as(k).isPositive();
    }
    double target =
        0.70
            * Runtime.getRuntime().availableProcessors()
            * 1e6
            / json.get("reencrypt_us").asDouble();
    assertThat(json.get("throughput_target_per_s").asDouble())
        .isCloseTo(target, org.assertj.core.data.Offset.offset(target * 0.01 + 0.1));
    assertThat(json.get("retrieve_1_p99_ms").asDouble())
        .isGreaterThanOrEqualTo(json.get("retrieve_1_p50_ms").asDouble());

    String stderr = err.toString();
    assertThat(stderr).contains("bench: ", "network stopped (3 node processes)");
    Matcher dir = Pattern.compile("in (\\S*nkms-bench-network-\\S+)").matcher(stderr);
    assertThat(dir.find()).as("stderr names the network directory: %s", stderr).isTrue();
    assertThat(Files.exists(Path.of(dir.group(1))))
        .as("temporary network directory deleted")
        .isFalse();
    Set<Long> left = children();
    left.removeAll(childrenBefore);
    assertThat(left).as("node processes still running").isEmpty();
  }

  private static Set<Long> children() {
    Set<Long> pids = new HashSet<>();
    ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .forEach(h -> pids.add(h.pid()));
    return pids;
  }

  @Test
  void rejectsBadSettings() {
    assertThat(Main.run("bench", "network", "--seconds", "0")).isNotZero();
    assertThat(Main.run("bench", "network", "--nodes", "0")).isNotZero();
  }
}
