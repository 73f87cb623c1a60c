package dev.nkms.bench;

import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.registry.OperatorAddress;
import dev.nkms.registry.SamplingRules;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeWeightedSampler;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stake-weighted selection of 30 nodes among 100,000 ({@link StakeWeightedSampler}), the sampler
 * built once in {@link #setup}: plain ({@link #sample30}), with a cap of one node per operator (two
 * nodes per operator here), and with one node holding 99.99 % of the stake (the exact fallback: a
 * 100,000-entry Fenwick tree per draw). Stakes are random between 40,000 and 400,000 tokens of 18
 * decimals (about 2^75 each, so the weights are shifted). Randomness is {@link
 * RandomSource#secure()}, as in production. {@link #build} is the one-time cost per stake snapshot,
 * from a snapshot in node order as registries give it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SamplingBench {
  static final int NODES = 100_000;
  static final BigInteger TOKEN = BigInteger.TEN.pow(18);

  List<Stake> snapshot;
  StakeWeightedSampler sampler;
  StakeWeightedSampler whaleSampler;
  SamplingRules onePerOperator;
  RandomSource random;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(42);
    snapshot = new ArrayList<>(NODES);
    List<Stake> whale = new ArrayList<>(NODES);
    Instant lock = Instant.parse("2031-01-01T00:00:00Z");
    OperatorAddress operator = null;
    for (int i = 0; i < NODES; i++) {
      byte[] a = new byte[20];
      r.nextBytes(a);
      ByteBuffer.wrap(a).putInt(16, i); // distinct addresses, random order
      if (i % 2 == 0) { // random addresses, like real (hash-derived) ones; two nodes per operator
        byte[] o = new byte[20];
        r.nextBytes(o);
        operator = OperatorAddress.of(o);
      }
      BigInteger amount = BigInteger.valueOf(40_000 + r.nextInt(360_000)).multiply(TOKEN);
      snapshot.add(new Stake(operator, NodeAddress.of(a), amount, lock));
      whale.add(
          new Stake(
              operator,
              NodeAddress.of(a),
              i == 0 ? amount.multiply(BigInteger.valueOf(2_200_000_000L)) : amount,
              lock));
    }
    // Registries hand out stakes in node order (StakeRegistry.eligible); the sampler's sort is then
    // a linear pass.
    snapshot.sort(java.util.Comparator.comparing(Stake::node));
    sampler = new StakeWeightedSampler(snapshot);
    whaleSampler = new StakeWeightedSampler(whale);
    onePerOperator = SamplingRules.DEFAULT.withMaxPerOperator(1);
    random = RandomSource.secure();
  }

  @Benchmark
  public List<Stake> sample30() throws Exception {
    return sampler.sample(30, SamplingRules.DEFAULT, random);
  }

  @Benchmark
  public List<Stake> sample30OnePerOperator() throws Exception {
    return sampler.sample(30, onePerOperator, random);
  }

  @Benchmark
  public List<Stake> sample30Whale() throws Exception {
    return whaleSampler.sample(30, SamplingRules.DEFAULT, random);
  }

  @Benchmark
  public StakeWeightedSampler build() {
    return new StakeWeightedSampler(snapshot);
  }
}
