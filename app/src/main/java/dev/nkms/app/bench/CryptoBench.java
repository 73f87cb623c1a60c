package dev.nkms.app.bench;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-Java timing harness for the Umbral operations, with the method of the reference harness
 * ({@code tools/umbral-ref/umbral-ref.js bench}, spec §8.2) so that the numbers are comparable: per
 * operation a warm-up of S/2 seconds, then {@link #ROUNDS} rounds of at least S seconds each,
 * single-threaded; the median round's time per operation is reported ({@link RoundTimer}). Keys are
 * random and both kfrag flags are true.
 *
 * <p>JMH versions of the same operations, and of the primitives below them, live in the {@code
 * nkms-bench} module; this class exists so that {@code nkms bench crypto} works from the shipped
 * CLI without JMH.
 */
public final class CryptoBench {
  /**
   * The JSON keys, in output order: nine µs/op figures and the DEM throughput in MB/s (10⁶
   * bytes/s).
   */
  public static final List<String> KEYS =
      List.of(
          "encrypt",
          "decrypt_original",
          "generate_kfrags_2_of_3",
          "generate_kfrags_10_of_20",
          "verify_kfrag",
          "reencrypt",
          "verify_cfrag",
          "decrypt_reencrypted_2",
          "decrypt_reencrypted_10",
          "dem_mb_per_s");

  public static final int ROUNDS = 3;
  public static final int DEM_MESSAGE_LENGTH = 1 << 20;
  static final byte[] SHORT_MESSAGE = "peace at dawn".getBytes(StandardCharsets.UTF_8);

  /** One measured row: label, the median seconds per op and every round. */
  public static final class Row {
    public final String key;
    public final String label;
    public final double[] roundSeconds;
    public final double medianSeconds;
    public final long totalOps;

    Row(String key, String label, double[] roundSeconds, double medianSeconds, long totalOps) {
      this.key = key;
      this.label = label;
      this.roundSeconds = roundSeconds;
      this.medianSeconds = medianSeconds;
      this.totalOps = totalOps;
    }

    public double microsPerOp() {
      return medianSeconds * 1e6;
    }

    /** (slowest − fastest) / fastest round, in percent. */
    public double spreadPercent() {
      return SampleStats.spreadPercent(roundSeconds);
    }
  }

  /** The outcome: rows in {@link #KEYS} order (the last is the DEM row) and the flat result map. */
  public static final class Result {
    public final List<Row> rows;
    public final Map<String, Double> values;

    Result(List<Row> rows, Map<String, Double> values) {
      this.rows = Collections.unmodifiableList(rows);
      this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Exactly one flat JSON object with the ten {@link #KEYS}; µs rounded to 0.1, MB/s rounded to
     * 0.1.
     */
    public String toJson() {
      StringBuilder sb = new StringBuilder("{");
      for (String k : KEYS) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append('"')
            .append(k)
            .append("\":")
            .append(String.format(Locale.ROOT, "%.1f", values.get(k)));
      }
      return sb.append('}').toString();
    }

    public double demMegabytesPerSecond() {
      return values.get("dem_mb_per_s");
    }
  }

  private final RoundTimer timer;
  private final PrintWriter progress;

  /**
   * @param seconds length of one measured round per operation (the warm-up is half of it)
   * @param progress where progress lines go (stderr in the CLI), or null for none
   */
  public CryptoBench(double seconds, PrintWriter progress) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("seconds must be a positive number, got " + seconds);
    }
    this.timer = new RoundTimer(seconds, ROUNDS);
    this.progress = progress;
  }

  public Result run() throws Exception {
    SecretKey aliceSk = SecretKey.random();
    PublicKey alicePk = aliceSk.publicKey();
    SecretKey bobSk = SecretKey.random();
    PublicKey bobPk = bobSk.publicKey();
    Signer signer = new Signer(SecretKey.random());
    PublicKey verifyingPk = signer.verifyingKey();
    byte[] bigMessage = new byte[DEM_MESSAGE_LENGTH];
    new SecureRandom().nextBytes(bigMessage);

    Umbral.Encrypted enc = Umbral.encrypt(alicePk, SHORT_MESSAGE);
    Capsule capsule = enc.capsule();
    byte[] ct = enc.ciphertext();
    List<VerifiedKeyFrag> kfrags3 = Umbral.generateKFrags(aliceSk, bobPk, signer, 2, 3, true, true);
    List<VerifiedKeyFrag> kfrags20 =
        Umbral.generateKFrags(aliceSk, bobPk, signer, 10, 20, true, true);
    byte[] kfragBytes = kfrags3.get(0).toBytes();
    List<VerifiedCapsuleFrag> cfrags3 = new ArrayList<>();
    for (VerifiedKeyFrag kf : kfrags3) {
      cfrags3.add(Umbral.reencrypt(capsule, kf));
    }
    List<VerifiedCapsuleFrag> cfrags20 = new ArrayList<>();
    for (VerifiedKeyFrag kf : kfrags20) {
      cfrags20.add(Umbral.reencrypt(capsule, kf));
    }
    byte[] cfragBytes = cfrags3.get(0).toBytes();
    List<VerifiedCapsuleFrag> two = List.copyOf(cfrags3.subList(0, 2));
    List<VerifiedCapsuleFrag> ten = List.copyOf(cfrags20.subList(0, 10));
    VerifiedKeyFrag kfrag = kfrags3.get(0);

    // The fixture must work before it is timed: a benchmark of a failing path would be meaningless.
    check(
        Arrays.equals(Umbral.decryptOriginal(aliceSk, capsule, ct), SHORT_MESSAGE),
        "decrypt_original");
    check(
        Arrays.equals(Umbral.decryptReencrypted(bobSk, alicePk, capsule, two, ct), SHORT_MESSAGE),
        "2 cfrags");
    check(
        Arrays.equals(Umbral.decryptReencrypted(bobSk, alicePk, capsule, ten, ct), SHORT_MESSAGE),
        "10 cfrags");
    CapsuleFrag.fromBytes(cfragBytes).verify(capsule, verifyingPk, alicePk, bobPk);
    KeyFrag.fromBytes(kfragBytes).verify(verifyingPk, alicePk, bobPk);

    List<Row> rows = new ArrayList<>();
    rows.add(
        measure(
            "encrypt", "encrypt, 13-byte message", () -> Umbral.encrypt(alicePk, SHORT_MESSAGE)));
    rows.add(
        measure(
            "decrypt_original",
            "decryptOriginal",
            () -> Umbral.decryptOriginal(aliceSk, capsule, ct)));
    rows.add(
        measure(
            "generate_kfrags_2_of_3",
            "generateKFrags 2-of-3",
            () -> Umbral.generateKFrags(aliceSk, bobPk, signer, 2, 3, true, true)));
    rows.add(
        measure(
            "generate_kfrags_10_of_20",
            "generateKFrags 10-of-20",
            () -> Umbral.generateKFrags(aliceSk, bobPk, signer, 10, 20, true, true)));
    rows.add(
        measure(
            "verify_kfrag",
            "KeyFrag.fromBytes + verify",
            () -> KeyFrag.fromBytes(kfragBytes).verify(verifyingPk, alicePk, bobPk)));
    rows.add(
        measure("reencrypt", "reencrypt (2-of-3 policy)", () -> Umbral.reencrypt(capsule, kfrag)));
    rows.add(
        measure(
            "verify_cfrag",
            "CapsuleFrag.fromBytes + verify",
            () -> CapsuleFrag.fromBytes(cfragBytes).verify(capsule, verifyingPk, alicePk, bobPk)));
    rows.add(
        measure(
            "decrypt_reencrypted_2",
            "decryptReencrypted, 2 cfrags",
            () -> Umbral.decryptReencrypted(bobSk, alicePk, capsule, two, ct)));
    rows.add(
        measure(
            "decrypt_reencrypted_10",
            "decryptReencrypted, 10 cfrags",
            () -> Umbral.decryptReencrypted(bobSk, alicePk, capsule, ten, ct)));
    rows.add(
        measure(
            "dem_mb_per_s", "encrypt, 1 MiB message", () -> Umbral.encrypt(alicePk, bigMessage)));

    Map<String, Double> values = new LinkedHashMap<>();
    for (Row r : rows) {
      double v =
          r.key.equals("dem_mb_per_s")
              ? DEM_MESSAGE_LENGTH / 1e6 / r.medianSeconds
              : r.microsPerOp();
      values.put(r.key, SampleStats.round(v, 1));
    }
    return new Result(rows, values);
  }

  private Row measure(String key, String label, TimedOp op) throws Exception {
    RoundTimer.Rounds rounds = timer.time(op);
    Row row =
        new Row(
            key,
            label,
            rounds.wallSecondsPerOp(),
            rounds.median().wallSecondsPerOp(),
            rounds.totalOps());
    if (progress != null) {
      progress.printf(
          Locale.ROOT,
          "bench: %-32s %10.1f µs/op  (%d ops, spread %.1f%%)%n",
          label,
          row.microsPerOp(),
          row.totalOps,
          row.spreadPercent());
      progress.flush();
    }
    return row;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(
          "benchmark fixture is broken: " + what + " did not round-trip");
    }
  }
}
