package dev.nkms.app.bench;

import dev.nkms.storage.Storage;
import dev.nkms.storage.StorageSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link StorageBenchTest}: one file: run of the given size in the given
 * directory.
 */
public final class StorageBenchMain {
  private StorageBenchMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long bytes = Long.parseLong(args[1]);
    try (Storage storage = Storage.load(StorageSettings.none())) {
      StorageBench.Result r =
          new StorageBench(storage, System.out::println)
              .run(
                  List.of(
                      new StorageBench.Target(
                          "file", dir.resolve("plain").toUri(), dir.resolve("sealed").toUri())),
                  bytes)
              .get(0);
      System.out.println(
          "sealed_write_mb_per_s="
              + r.sealedWriteMbPerS()
              + " heap_peak_mib="
              + r.heapPeakMib()
              + " heap_max_mib="
              + r.heapMaxMib());
    }
  }
}
