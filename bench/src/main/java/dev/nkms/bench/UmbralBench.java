package dev.nkms.bench;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
 * The Umbral operations of {@code nkms bench crypto} (and of the reference harness) as JMH
 * benchmarks: random keys, both kfrag flags true, a 13-byte message, 2-of-3 and 10-of-20 policies.
 * {@link #encrypt1MiB} is the DEM row (MB/s = 1 048 576 / time in µs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UmbralBench {
  static final byte[] SHORT_MESSAGE = "peace at dawn".getBytes(StandardCharsets.UTF_8);

  SecretKey aliceSk;
  PublicKey alicePk;
  SecretKey bobSk;
  PublicKey bobPk;
  Signer signer;
  PublicKey verifyingPk;
  byte[] bigMessage;
  Capsule capsule;
  byte[] capsuleBytes;
  byte[] ciphertext;
  VerifiedKeyFrag kfrag;
  byte[] kfragBytes;
  byte[] cfragBytes;
  List<VerifiedCapsuleFrag> two;
  List<VerifiedCapsuleFrag> ten;

  @Setup
  public void setup() throws Exception {
    aliceSk = SecretKey.random();
    alicePk = aliceSk.publicKey();
    bobSk = SecretKey.random();
    bobPk = bobSk.publicKey();
    signer = new Signer(SecretKey.random());
    verifyingPk = signer.verifyingKey();
    bigMessage = new byte[1 << 20];
    new SecureRandom().nextBytes(bigMessage);
    Umbral.Encrypted enc = Umbral.encrypt(alicePk, SHORT_MESSAGE);
    capsule = enc.capsule();
    capsuleBytes = capsule.toBytes();
    ciphertext = enc.ciphertext();
    List<VerifiedKeyFrag> kfrags3 = Umbral.generateKFrags(aliceSk, bobPk, signer, 2, 3, true, true);
    List<VerifiedKeyFrag> kfrags20 =
        Umbral.generateKFrags(aliceSk, bobPk, signer, 10, 20, true, true);
    kfrag = kfrags3.get(0);
    kfragBytes = kfrag.toBytes();
    List<VerifiedCapsuleFrag> c3 = new ArrayList<>();
    for (VerifiedKeyFrag k : kfrags3) {
      c3.add(Umbral.reencrypt(capsule, k));
    }
    List<VerifiedCapsuleFrag> c20 = new ArrayList<>();
    for (VerifiedKeyFrag k : kfrags20) {
      c20.add(Umbral.reencrypt(capsule, k));
    }
    cfragBytes = c3.get(0).toBytes();
    two = List.copyOf(c3.subList(0, 2));
    ten = List.copyOf(c20.subList(0, 10));
    // Fail the run rather than time a broken fixture.
    if (!java.util.Arrays.equals(
        Umbral.decryptReencrypted(bobSk, alicePk, capsule, ten, ciphertext), SHORT_MESSAGE)) {
      throw new IllegalStateException("fixture does not round-trip");
    }
  }

  @Benchmark
  public Umbral.Encrypted encrypt() {
    return Umbral.encrypt(alicePk, SHORT_MESSAGE);
  }

  @Benchmark
  public byte[] decryptOriginal() throws Exception {
    return Umbral.decryptOriginal(aliceSk, capsule, ciphertext);
  }

  @Benchmark
  public List<VerifiedKeyFrag> generateKFrags2of3() {
    return Umbral.generateKFrags(aliceSk, bobPk, signer, 2, 3, true, true);
  }

  @Benchmark
  public List<VerifiedKeyFrag> generateKFrags10of20() {
    return Umbral.generateKFrags(aliceSk, bobPk, signer, 10, 20, true, true);
  }

  /** KeyFrag.fromBytes + verify, like the reference (whose verify consumes the object). */
  @Benchmark
  public VerifiedKeyFrag verifyKFrag() throws Exception {
    return KeyFrag.fromBytes(kfragBytes).verify(verifyingPk, alicePk, bobPk);
  }

  @Benchmark
  public VerifiedCapsuleFrag reencrypt() {
    return Umbral.reencrypt(capsule, kfrag);
  }

  /** CapsuleFrag.fromBytes + verify. */
  @Benchmark
  public VerifiedCapsuleFrag verifyCFrag() throws Exception {
    return CapsuleFrag.fromBytes(cfragBytes).verify(capsule, verifyingPk, alicePk, bobPk);
  }

  @Benchmark
  public byte[] decryptReencrypted2() throws Exception {
    return Umbral.decryptReencrypted(bobSk, alicePk, capsule, two, ciphertext);
  }

  @Benchmark
  public byte[] decryptReencrypted10() throws Exception {
    return Umbral.decryptReencrypted(bobSk, alicePk, capsule, ten, ciphertext);
  }

  /** The DEM row: Umbral.encrypt of 1 MiB; MB/s = 1.048576 / (µs/op) × 10⁶. */
  @Benchmark
  public Umbral.Encrypted encrypt1MiB() {
    return Umbral.encrypt(alicePk, bigMessage);
  }

  /** Parsing alone (includes the capsule self-check s·G = V + h·E). */
  @Benchmark
  public Capsule capsuleFromBytes() throws Exception {
    return Capsule.fromBytes(capsuleBytes);
  }

  /** Parsing alone: 7 point decompressions. */
  @Benchmark
  public CapsuleFrag capsuleFragFromBytes() throws Exception {
    return CapsuleFrag.fromBytes(cfragBytes);
  }

  /** Parsing alone: 3 point decompressions (U, precursor, commitment) and 2 signatures. */
  @Benchmark
  public KeyFrag keyFragFromBytes() throws Exception {
    return KeyFrag.fromBytes(kfragBytes);
  }
}
