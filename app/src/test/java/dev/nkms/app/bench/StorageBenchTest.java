package dev.nkms.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.storage.Storage;
import dev.nkms.storage.StorageSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageBenchTest {
  @TempDir Path dir;

  @Test
  void measuresEveryPhaseAndLeavesNothingBehind() throws Exception {
    List<String> log = new ArrayList<>();
    try (Storage storage = Storage.load(StorageSettings.none())) {
      List<StorageBench.Result> results =
          new StorageBench(storage, log::add)
              .run(
                  List.of(
                      new StorageBench.Target(
                          "file", dir.resolve("plain").toUri(), dir.resolve("sealed").toUri())),
                  3_000_003);
      assertThat(results)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.backEnd()).isEqualTo("file");
                assertThat(r.plainWriteMbPerS()).isPositive();
                assertThat(r.plainReadMbPerS()).isPositive();
                assertThat(r.sealedWriteMbPerS()).isPositive();
                assertThat(r.sealedReadMbPerS()).isPositive();
                assertThat(r.heapPeakMib()).isPositive().isLessThanOrEqualTo(r.heapMaxMib());
              });
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.toList()).isEmpty();
    }
    assertThat(log).hasSize(2);
  }

  /**
   * An object four times the heap goes through a JVM with a 64 MiB heap: if any step held the
   * object whole, the child would die of OutOfMemoryError and exit non-zero.
   */
  @Test
  void anObjectLargerThanTheHeapStreamsThroughEveryStep() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                StorageBenchMain.class.getName(),
                dir.toString(),
                String.valueOf(256L * 1024 * 1024))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String output = Files.readString(dir.resolve("child.log"));
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("heap_max_mib=").doesNotContain("OutOfMemoryError");
    assertThat(new File(dir.toFile(), "plain")).doesNotExist();
  }
}
