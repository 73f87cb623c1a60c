package dev.nkms.crypto.umbral.conformance;

import static dev.nkms.crypto.TestFixtures.ALICE_PK;
import static dev.nkms.crypto.TestFixtures.BOB_PK;
import static dev.nkms.crypto.TestFixtures.PEACE_AT_DAWN;
import static dev.nkms.crypto.TestFixtures.VERIFYING_PK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.TestFixtures.CountingSource;
import dev.nkms.crypto.ec.Backends;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class VectorGeneratorTest {
  /** (seed, threshold, shares, sign_dk, sign_rk, plaintext hex) */
  private static final String[][] CONFIGS = {
    {"backend agreement", "2", "3", "true", "true", Hex.toHexString(PEACE_AT_DAWN)},
    {"backend agreement 3/5", "3", "5", "false", "true", ""},
    {"backend agreement 1/1", "1", "1", "true", "false", "00ff"},
    {"backend agreement 10/20", "10", "20", "false", "false", Hex.toHexString(PEACE_AT_DAWN)},
  };

  private static VectorSet generate(String[] c) {
    return VectorGenerator.generate(
        RandomSource.deterministicStream(c[0]),
        Integer.parseInt(c[1]),
        Integer.parseInt(c[2]),
        Boolean.parseBoolean(c[3]),
        Boolean.parseBoolean(c[4]),
        Hex.decode(c[5]));
  }

  @Test
  void usesTheSpecFixedKeysAndRecordsTheConfiguration() {
    VectorSet v = generate(CONFIGS[1]);
    assertThat(v.aliceSk).isEqualTo("11".repeat(32));
    assertThat(v.bobSk).isEqualTo("22".repeat(32));
    assertThat(v.signerSk).isEqualTo("33".repeat(32));
    assertThat(v.alicePk).isEqualTo(ALICE_PK);
    assertThat(v.bobPk).isEqualTo(BOB_PK);
    assertThat(v.verifyingPk).isEqualTo(VERIFYING_PK);
    assertThat(v.threshold).isEqualTo(3);
    assertThat(v.shares).isEqualTo(5);
    assertThat(v.signDelegatingKey).isFalse();
    assertThat(v.signReceivingKey).isTrue();
    assertThat(v.plaintext).isEmpty();
    assertThat(v.ciphertext).hasSize(80); // 40 bytes for the empty plaintext
    assertThat(v.capsule).hasSize(210);
    assertThat(v.kfrags).hasSize(5).allSatisfy(k -> assertThat(k).hasSize(620));
    assertThat(v.cfrags).hasSize(5).allSatisfy(c -> assertThat(c).hasSize(762));
  }

  @Test
  void sameSeedSameJsonOtherSeedOtherJson() {
    for (String[] c : CONFIGS) {
      assertThat(generate(c).toJson()).isEqualTo(generate(c).toJson());
    }
    String[] other = CONFIGS[0].clone();
    other[0] = "another seed";
    assertThat(generate(other).toJson()).isNotEqualTo(generate(CONFIGS[0]).toJson());
  }

  @Test
  void generatedSetsPassEveryCheck() throws Exception {
    for (String[] c : CONFIGS) {
      List<VectorChecker.Check> checks = VectorChecker.check(generate(c));
      assertThat(checks)
          .isNotEmpty()
          .allSatisfy(k -> assertThat(k.passed).as(k.toString()).isTrue());
    }
  }

  @Test
  void theSequenceConsumesTheSpecNumberOfBytes() {
    CountingSource counting = new CountingSource(RandomSource.deterministicStream("count"));
    VectorGenerator.generate(counting, 2, 3, true, true, PEACE_AT_DAWN);
    assertThat(counting.bytes()).isEqualTo(536);
  }

  /**
   * The whole deterministic run gives byte-identical JSON under the other secp256k1 back-end,
   * computed in a child JVM (the back-end is chosen once per process).
   */
  @Test
  void otherBackendProducesIdenticalJson() throws Exception {
    boolean activeIsBc = Backends.active().name().equals(Backends.bouncyCastle().name());
    String other = activeIsBc ? "acinq" : "bouncycastle";
    if (activeIsBc) {
      try {
        Backends.acinq();
      } catch (LinkageError | RuntimeException e) {
        Assumptions.abort("libsecp256k1 cannot load here, so there is no other back-end: " + e);
      }
    }
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java, "-Dnkms.backend=" + other, "-cp", classpath, VectorJsonMain.class.getName()));
    StringBuilder expected = new StringBuilder();
    for (String[] c : CONFIGS) {
      cmd.addAll(List.of(c));
      expected.append(generate(c).toJson()).append(VectorJsonMain.END).append('\n');
    }
    File out = Files.createTempFile("vectors", ".json").toFile();
    File err = Files.createTempFile("vectors", ".err").toFile();
    Process p = null;
    try {
      p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
      assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
      String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("child JVM exit status; stderr:%n%s", stderr).isZero();
      String expectedName = activeIsBc ? Backends.acinq().name() : Backends.bouncyCastle().name();
      assertThat(stderr).as("the child really ran on the other back-end").contains(expectedName);
      String childJson = Files.readString(out.toPath(), StandardCharsets.UTF_8);
      assertThat(childJson)
          .as("JSON under %s vs %s", other, Backends.active().name())
          .isEqualTo(expected.toString());
      assertThat(childJson.split(VectorJsonMain.END, -1)).hasSize(CONFIGS.length + 1);
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly(); // only on a timeout: the child this test started
      }
      delete(out);
      delete(err);
    }
  }

  private static void delete(File f) throws IOException {
    Files.deleteIfExists(f.toPath());
  }
}
