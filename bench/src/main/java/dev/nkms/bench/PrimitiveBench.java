package dev.nkms.bench;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.ec.Backends;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.ec.Secp256k1Backend;
import dev.nkms.crypto.ec.SecretMultiplier;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.HedgedRfc6979;
import dev.nkms.crypto.primitives.Hkdf;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.crypto.primitives.XChaCha20Poly1305;
import java.nio.charset.StandardCharsets;
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
 * The primitives under the Umbral operations, for the cost model in BENCHMARKS.md: one fixed-base
 * multiply ({@link #mulG}), one variable-base multiply by a public scalar ({@link #mulPublic},
 * libsecp256k1's tweak-mul through JNI on the native back-end), one blinded secret multiply ({@link
 * #mulSecret}), a point addition, a decompression, ECDSA sign and verify, and the small Java-side
 * costs (blinding, inversion, hashing, HKDF, DEM). Scalars and points cycle through 256 random
 * values so that a variable-time multiply is timed on typical inputs. The {@code raw*} benchmarks
 * call the back-end directly on encoded bytes, without the {@link Point} wrapper.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PrimitiveBench {
  private static final int SIZE = 256;
  private static final byte[] MESSAGE = new byte[166]; // the longest kfrag signature message

  Scalar[] scalars;
  byte[][] scalarBytes;
  Point[] points;
  byte[][] uncompressed;
  byte[][] compressed;
  int i;

  Secp256k1Backend backend;
  Signer signer;
  PublicKey verifyingKey;
  Signature signature;
  byte[] secretKeyBytes;
  byte[] verifyingKeyBytes;
  byte[] signatureBytes;
  byte[] digest;
  byte[] ad;
  byte[] demKey;
  byte[] shortMessage;
  byte[] aad;

  @Setup
  public void setup() {
    RandomSource rnd = RandomSource.secure();
    backend = Backends.active();
    scalars = new Scalar[SIZE];
    scalarBytes = new byte[SIZE][];
    points = new Point[SIZE];
    uncompressed = new byte[SIZE][];
    compressed = new byte[SIZE][];
    for (int k = 0; k < SIZE; k++) {
      scalars[k] = Scalar.randomNonZero(rnd);
      scalarBytes[k] = scalars[k].toBytes();
      points[k] = Point.mulG(Scalar.randomNonZero(rnd));
      uncompressed[k] = points[k].toUncompressed();
      compressed[k] = points[k].toCompressed();
    }
    SecretKey sk = SecretKey.random();
    signer = new Signer(sk);
    verifyingKey = signer.verifyingKey();
    rnd.nextBytes(MESSAGE);
    signature = signer.sign(MESSAGE);
    secretKeyBytes = sk.toSecretBytes();
    verifyingKeyBytes = verifyingKey.point().toUncompressed();
    signatureBytes = signature.toBEBytes();
    digest = ScalarDigest.sha256(MESSAGE);
    ad = rnd.nextBytes(32);
    demKey = rnd.nextBytes(32);
    shortMessage = "peace at dawn".getBytes(StandardCharsets.UTF_8);
    aad = rnd.nextBytes(98);
  }

  private int next() {
    i = (i + 1) & (SIZE - 1);
    return i;
  }

  /** k·G, fixed-base (libsecp256k1 pubkey_create: ecmult_gen). */
  @Benchmark
  public Point mulG() {
    return Point.mulG(scalars[next()]);
  }

  /** k·P, variable-base, variable-time (libsecp256k1 pubkey_tweak_mul). */
  @Benchmark
  public Point mulPublic() {
    int j = next();
    return points[j].mulPublic(scalars[(j + 7) & (SIZE - 1)]);
  }

  /**
   * k·P for a secret k: fresh blind w, then (w·P)·(k·w⁻¹) — two variable-base multiplies plus
   * blinding.
   */
  @Benchmark
  public Point mulSecret() {
    int j = next();
    return points[j].mulSecret(scalars[(j + 7) & (SIZE - 1)]);
  }

  @Benchmark
  public Point add() {
    int j = next();
    return points[j].add(points[(j + 7) & (SIZE - 1)]);
  }

  /** Point.fromCompressed: a square root in the back-end. */
  @Benchmark
  public Point decompress() throws Exception {
    return Point.fromCompressed(compressed[next()]);
  }

  /** The back-end's variable-base multiply on encoded bytes, without the Point wrapper. */
  @Benchmark
  public byte[] rawMul() {
    int j = next();
    return backend.mul(uncompressed[j], scalarBytes[(j + 7) & (SIZE - 1)]);
  }

  @Benchmark
  public byte[] rawMulG() {
    return backend.mulG(scalarBytes[next()]);
  }

  @Benchmark
  public byte[] rawAdd() {
    int j = next();
    return backend.add(uncompressed[j], uncompressed[(j + 7) & (SIZE - 1)]);
  }

  /** The back-end's decompression (libsecp256k1 ec_pubkey_parse + serialize via JNI). */
  @Benchmark
  public byte[] rawDecompress() {
    return backend.decompress(compressed[next()]);
  }

  /**
   * The back-end's ECDSA verification on a precomputed digest (libsecp256k1 ecdsa_verify via JNI).
   */
  @Benchmark
  public boolean rawEcdsaVerify() {
    return backend.verifyEcdsa(verifyingKeyBytes, digest, signatureBytes);
  }

  /** Hedged RFC 6979 nonce, SHA-256, k·G, blinded inversion, low-S. */
  @Benchmark
  public Signature ecdsaSign() {
    return signer.sign(MESSAGE);
  }

  /** SHA-256 + the back-end's ECDSA verification (libsecp256k1 ecdsa_verify). */
  @Benchmark
  public boolean ecdsaVerify() {
    return signature.verify(verifyingKey, MESSAGE);
  }

  /** The hedged RFC 6979 nonce alone (six or more HMAC-SHA256 with a fresh Mac each). */
  @Benchmark
  public Scalar hedgedNonce() {
    return HedgedRfc6979.nonce(secretKeyBytes, digest, ad);
  }

  /**
   * SecretMultiplier.fresh(): a DRBG draw and a blinded inversion (two BigInteger modInverse-class
   * ops).
   */
  @Benchmark
  public SecretMultiplier blindingFresh() {
    return SecretMultiplier.fresh();
  }

  /** Scalar.invert(): blinded BigInteger modInverse. */
  @Benchmark
  public Scalar scalarInvert() {
    return scalars[next()].invert();
  }

  /** BigInteger multiply mod n. */
  @Benchmark
  public Scalar scalarMultiply() {
    int j = next();
    return scalars[j].multiply(scalars[(j + 7) & (SIZE - 1)]);
  }

  /** Hash-to-scalar over 9 points, as the cfrag proof challenge. */
  @Benchmark
  public Scalar hashToScalar9Points() {
    int j = next();
    ScalarDigest d = ScalarDigest.withTag(ScalarDigest.CFRAG_VERIFICATION);
    for (int k = 0; k < 9; k++) {
      d.chain(points[(j + k) & (SIZE - 1)]);
    }
    return d.finish();
  }

  /** The DEM key derivation from the shared point. */
  @Benchmark
  public byte[] hkdf() {
    return Hkdf.sha256(compressed[next()], null, null, 32);
  }

  /** XChaCha20-Poly1305 of a 13-byte message (fresh Cipher per call). */
  @Benchmark
  public byte[] demEncrypt13() {
    return XChaCha20Poly1305.encrypt(demKey, shortMessage, aad, RandomSource.secure());
  }
}
