package dev.nkms.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.storage.Storage;
import dev.nkms.storage.StorageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    assertThat(log).hasSize(3);
  }

  /**
   * An object four times the heap goes through a child JVM with a 64 MiB heap (the launcher the CLI
   * uses): if any step held the object whole, the child would die of OutOfMemoryError, exit
   * non-zero, and {@link StorageBenchChild#run} would throw. Its heap peak must stay within that
   * heap too.
   */
  @Test
  void anObjectLargerThanTheHeapStreamsThroughEveryStep() throws Exception {
    List<String> log = new ArrayList<>();
    StorageBench.Result r =
        StorageBenchChild.run(
            new StorageBench.Target(
                "file", dir.resolve("plain").toUri(), dir.resolve("sealed").toUri()),
            256L * 1024 * 1024,
            Map.of(),
            64,
            log::add);
    assertThat(r.bytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(r.heapMaxMib()).as("%s", log).isLessThanOrEqualTo(64);
    assertThat(r.heapWithin(64)).as("heap peak %s MiB", r.heapPeakMib()).isTrue();
    assertThat(r.sealedReadMbPerS()).isPositive();
    assertThat(log).noneMatch(l -> l.contains("OutOfMemoryError"));
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  /** A child JVM that fails (here: a heap too small to start) is a failure, not a result. */
  @Test
  void aChildThatFailsIsAFailureNotAResult() {
    assertThatThrownBy(
            () ->
                StorageBenchChild.run(
                    new StorageBench.Target(
                        "file", dir.resolve("plain").toUri(), dir.resolve("sealed").toUri()),
                    1024,
                    Map.of(),
                    1,
                    l -> {}))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("exited");
  }
}
