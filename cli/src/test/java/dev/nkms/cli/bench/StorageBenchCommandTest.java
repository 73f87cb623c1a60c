package dev.nkms.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nkms.app.bench.StorageBench;
import dev.nkms.cli.Main;
import dev.nkms.cli.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StorageBenchCommandTest {
  @TempDir Path dir;

  @Test
  void jsonHasTheDocumentedKeysAndTheChildHeap() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute("bench", "storage", "--size", "4MiB", "--dir", dir.toString(), "--json");
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    JsonNode json = dev.nkms.cli.JsonKeys.check("bench storage", out.toString());
    assertThat(json.get("bytes").asLong()).isEqualTo(4L << 20);
    assertThat(json.get("heap_limit_mib").asInt()).isEqualTo(256);
    assertThat(json.get("heap_within_limit").asBoolean()).isTrue();
    JsonNode file = json.get("backends").get(0);
    assertThat(file.get("backend").asText()).isEqualTo("file");
    for (String k :
        List.of(
            "plain_write_mb_per_s",
            "plain_read_mb_per_s",
            "sealed_write_mb_per_s",
            "sealed_read_mb_per_s",
            "write_ratio",
            "read_ratio",
            "heap_peak_mib")) {
      assertThat(file.get(k).asDouble()).as(k).isPositive();
    }
    assertThat(err.toString()).contains("bench: ", "-Xmx256m");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void peopleGetOneLinePerBackEndAndHearThatNoNodesAreInvolved() {
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute("bench", "storage", "--size", "1MiB", "--dir", dir.toString(), "--quiet");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("1 MiB per object", "-Xmx256m", "no nodes", "one retrieval round trip")
        .containsPattern(
            "(?m)^file  plain write .* MB/s .*sealed write .*heap peak .* of 256 MiB: OK$");
  }

  @Test
  void aHeapPeakPastTheLimitFails() {
    StorageBench.Result ok = result(255.9);
    StorageBench.Result over = result(256.5);
    assertThat(StorageBenchCommand.withinHeapLimit(List.of(ok))).isTrue();
    assertThat(StorageBenchCommand.withinHeapLimit(List.of(ok, over))).isFalse();
  }

  @Test
  void sizesAndBackEndsAreChecked() {
    assertThat(StorageBenchCommand.parseSize("1GiB")).isEqualTo(1L << 30);
    assertThat(StorageBenchCommand.parseSize("256MiB")).isEqualTo(256L << 20);
    assertThat(StorageBenchCommand.parseSize("500MB")).isEqualTo(500_000_000L);
    assertThat(StorageBenchCommand.parseSize("4096")).isEqualTo(4096);
    for (String bad : List.of("0", "-1MiB", "1TiB", "lots", "99999999999GiB")) {
      assertThatThrownBy(() -> StorageBenchCommand.parseSize(bad))
          .as(bad)
          .isInstanceOf(UserError.class);
    }
    assertThat(Main.run("bench", "storage", "--backends", "tape")).isEqualTo(2);
  }

  private static StorageBench.Result result(double heapPeakMib) {
    return new StorageBench.Result("file", 1, 1, 1, 1, 1, heapPeakMib, 256);
  }
}
