package dev.nkms.app.bench;

import dev.nkms.client.message.Enrico;
import dev.nkms.client.store.SealedObjects;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Write and read throughput through each storage back-end, sealed (Enrico seals into the store; the
 * owner's key opens it back, no nodes) next to a plain copy of the same bytes through the same
 * back-end, and the heap's peak while doing it — the figure that shows an object of any size
 * streams rather than sitting in memory.
 */
public final class StorageBench {

  /**
   * One back-end to measure: where the plain copy and the sealed object go ({@code ipfs:/} for both
   * on IPFS).
   */
  public record Target(String name, URI plain, URI sealed) {}

  /** MB/s is 10⁶ bytes of plaintext per second; heap peak over the four runs, in MiB. */
  public record Result(
      String backEnd,
      long bytes,
      double plainWriteMbPerS,
      double plainReadMbPerS,
      double sealedWriteMbPerS,
      double sealedReadMbPerS,
      double heapPeakMib,
      double heapMaxMib) {

    /** Sealed write MB/s over plain write MB/s: the share of the plain speed nkms keeps. */
    public double writeRatio() {
      return sealedWriteMbPerS / plainWriteMbPerS;
    }

    /** Sealed read MB/s over plain read MB/s. */
    public double readRatio() {
      return sealedReadMbPerS / plainReadMbPerS;
    }

    /** Whether the heap peak stayed within {@code limitMib}. */
    public boolean heapWithin(double limitMib) {
      return heapPeakMib <= limitMib;
    }
  }

  /** The untimed warm-up object's size (or the object's, if smaller). */
  static final long WARM_UP_BYTES = 8L << 20;

  private final Storage storage;
  private final Consumer<String> log;

  public StorageBench(Storage storage, Consumer<String> log) {
    this.storage = storage;
    this.log = log;
  }

  public List<Result> run(List<Target> targets, long bytes) throws Exception {
    List<Result> results = new ArrayList<>();
    SecretKey policy = SecretKey.random(RandomSource.secure());
    Enrico enrico = new Enrico(policy.publicKey(), RandomSource.secure());
    SealedObjects objects = new SealedObjects(storage);
    for (Target t : targets) {
      // Untimed: class loading, the JIT and a back-end's first connection would otherwise be
      // charged to whichever phase runs first. Other seeds, so no block is shared with the
      // measured objects (IPFS deduplicates blocks).
      long warmUp = Math.min(bytes, WARM_UP_BYTES);
      log.accept(
          "bench: " + t.name() + ": warm-up, " + warmUp + " bytes plain and sealed (untimed)");
      storage.delete(storage.put(t.plain(), new SeededStream(3, warmUp)));
      URI warmSealed = objects.write(t.sealed(), enrico, new SeededStream(4, warmUp), warmUp);
      readSealed(objects, warmSealed, policy, warmUp);
      storage.delete(warmSealed);

      resetPeaks();
      log.accept("bench: " + t.name() + ": plain copy of " + bytes + " bytes");
      long start = System.nanoTime();
      URI plainAt = storage.put(t.plain(), new SeededStream(1, bytes));
      double plainWrite = mbPerS(bytes, System.nanoTime() - start);
      start = System.nanoTime();
      try (InputStream in = storage.get(plainAt)) {
        drain(in, bytes);
      }
      double plainRead = mbPerS(bytes, System.nanoTime() - start);

      log.accept("bench: " + t.name() + ": sealed write and read of " + bytes + " bytes");
      start = System.nanoTime();
      URI sealedAt = objects.write(t.sealed(), enrico, new SeededStream(2, bytes), bytes);
      double sealedWrite = mbPerS(bytes, System.nanoTime() - start);
      start = System.nanoTime();
      readSealed(objects, sealedAt, policy, bytes);
      double sealedRead = mbPerS(bytes, System.nanoTime() - start);
      storage.delete(plainAt);
      storage.delete(sealedAt);
      results.add(
          new Result(
              t.name(),
              bytes,
              plainWrite,
              plainRead,
              sealedWrite,
              sealedRead,
              heapPeakBytes() / 1048576.0,
              Runtime.getRuntime().maxMemory() / 1048576.0));
    }
    return results;
  }

  /**
   * Alice's own read ({@code Nkms.readOwn}'s steps): her policy key opens the capsule, no nodes;
   * the plaintext is authenticated chunk by chunk and counted.
   */
  private static void readSealed(SealedObjects objects, URI at, SecretKey policy, long bytes)
      throws Exception {
    try (InputStream in = objects.open(at)) {
      MessageKit kit = SealedMessage.readHeader(in);
      byte[] dek = Umbral.decryptOriginal(policy, kit.capsule(), kit.encryptedDek());
      CountingSink out = new CountingSink();
      SealedMessage.decryptPayload(dek, kit, in, out);
      if (out.count != bytes) {
        throw new IllegalStateException("read back " + out.count + " of " + bytes + " bytes");
      }
    }
  }

  private static double mbPerS(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  private static void drain(InputStream in, long expected) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long n = 0;
    for (int r; (r = in.read(buf)) >= 0; ) {
      n += r;
    }
    if (n != expected) {
      throw new IllegalStateException("read back " + n + " of " + expected + " bytes");
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks: an upper bound on the heap in use at any one moment. */
  private static long heapPeakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Seeded pseudo-random bytes, generated as read: the data itself never sits in memory. */
  private static final class SeededStream extends InputStream {
    private final SplittableRandom random;
    private long left;

    SeededStream(long seed, long length) {
      this.random = new SplittableRandom(seed);
      this.left = length;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i += 8) {
        long r = random.nextLong();
        for (int j = 0; j < 8 && i + j < n; j++) {
          b[off + i + j] = (byte) (r >>> (8 * j));
        }
      }
      left -= n;
      return n;
    }
  }

  private static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
