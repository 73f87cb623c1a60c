package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.umbral.conformance.VectorChecker;
import dev.nkms.crypto.umbral.conformance.VectorGenerator;
import dev.nkms.crypto.umbral.conformance.VectorSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nkms against the reference build, @nucypher/umbral-pre 0.10.0 run with node, both ways:
 * reference-made objects verified and decrypted in Java, Java-made objects verified and decrypted
 * by the reference, and seeded runs compared byte for byte — over thresholds, all flag combinations
 * and an empty plaintext.
 */
class ReferenceInteropTest {
  @TempDir Path dir;

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of(1, 1, true, true, null),
        Arguments.of(2, 3, true, true, null),
        Arguments.of(2, 3, false, false, null),
        Arguments.of(2, 3, true, false, null),
        Arguments.of(2, 3, false, true, null),
        Arguments.of(3, 5, true, true, ""),
        Arguments.of(10, 20, false, true, "00ff"));
  }

  private static List<String> flags(
      int t, int n, boolean signDk, boolean signRk, String plaintextHex) {
    List<String> args = new ArrayList<>(List.of("--threshold", "" + t, "--shares", "" + n));
    if (!signDk) {
      args.add("--no-sign-dk");
    }
    if (!signRk) {
      args.add("--no-sign-rk");
    }
    if (plaintextHex != null) {
      args.add("--plaintext-hex");
      args.add(plaintextHex);
    }
    return args;
  }

  private static byte[] plaintext(String hex) {
    return hex == null ? VectorGenerator.DEFAULT_PLAINTEXT : Hex.decode(hex);
  }

  @ParameterizedTest(name = "seeded {0}-of-{1} dk={2} rk={3}: byte-identical to the reference")
  @MethodSource("configurations")
  void seededOutputIsByteIdenticalToTheReference(
      int t, int n, boolean signDk, boolean signRk, String pt) throws Exception {
    String seed = "nkms-kat-" + t + "-" + n + "-" + signDk + "-" + signRk;
    Path refFile = dir.resolve("ref.json");
    List<String> args =
        new ArrayList<>(List.of("gen", "--seed", seed, "--out", refFile.toString()));
    args.addAll(flags(t, n, signDk, signRk, pt));
    ReferenceUmbral.Result ref = ReferenceUmbral.run(args.toArray(String[]::new));
    assertThat(ref.exitCode).as(ref.toString()).isZero();

    String ours =
        VectorGenerator.generate(
                RandomSource.deterministicStream(seed), t, n, signDk, signRk, plaintext(pt))
            .toJson();
    assertThat(ours).isEqualTo(Files.readString(refFile, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "reference → Java {0}-of-{1} dk={2} rk={3}")
  @MethodSource("configurations")
  void referenceMadeObjectsVerifyAndDecryptInJava(
      int t, int n, boolean signDk, boolean signRk, String pt) throws Exception {
    Path refFile = dir.resolve("ref-random.json");
    List<String> args = new ArrayList<>(List.of("gen", "--out", refFile.toString()));
    args.addAll(flags(t, n, signDk, signRk, pt));
    ReferenceUmbral.Result ref = ReferenceUmbral.run(args.toArray(String[]::new));
    assertThat(ref.exitCode).as(ref.toString()).isZero();

    VectorSet set = VectorSetJson.parse(Files.readString(refFile, StandardCharsets.UTF_8));
    List<VectorChecker.Check> checks = VectorChecker.check(set);
    assertThat(checks).allSatisfy(c -> assertThat(c.passed).as(c.toString()).isTrue());
    // parse + re-serialize + decrypt_original, per kfrag 4 checks, per cfrag 3, the final
    // decryption
    assertThat(checks).hasSize(3 + 3 + 4 * n + 3 * n + 1);
  }

  @ParameterizedTest(name = "Java → reference {0}-of-{1} dk={2} rk={3}")
  @MethodSource("configurations")
  void javaMadeObjectsVerifyAndDecryptInTheReference(
      int t, int n, boolean signDk, boolean signRk, String pt) throws Exception {
    Path ours = dir.resolve("java.json");
    Files.writeString(
        ours,
        VectorGenerator.generate(RandomSource.secure(), t, n, signDk, signRk, plaintext(pt))
            .toJson());
    ReferenceUmbral.Result ref = ReferenceUmbral.run("verify", ours.toString());
    assertThat(ref.exitCode).as(ref.toString()).isZero();
    assertThat(ref.stdout).contains(" 0 failed").doesNotContain("FAIL");
  }

  /**
   * The intermediate anchors of crypto's IntermediateValuesTest sit inside the reference's own
   * objects.
   */
  @Test
  void intermediateAnchorsAreVisibleInTheReferenceOutputForTheirSeed() throws Exception {
    java.util.Properties anchors = new java.util.Properties();
    try (var in =
        VectorGenerator.class.getResourceAsStream(
            "/dev/nkms/crypto/umbral/intermediates-2of3.properties")) {
      assertThat(in).as("anchors from the crypto test-jar").isNotNull();
      anchors.load(in);
    }
    Path refFile = dir.resolve("anchors.json");
    ReferenceUmbral.Result gen =
        ReferenceUmbral.run(
            "gen", "--seed", "nkms intermediate anchors", "--out", refFile.toString());
    assertThat(gen.exitCode).as(gen.toString()).isZero();
    VectorSet ref = VectorSetJson.parse(Files.readString(refFile, StandardCharsets.UTF_8));
    assertThat(ref.capsule).endsWith(anchors.getProperty("capsule.s"));
    assertThat(ref.ciphertext).startsWith(anchors.getProperty("encrypt.nonce"));
    for (int i = 0; i < 3; i++) {
      assertThat(ref.kfrags.get(i))
          .contains(anchors.getProperty("kfrags.precursor"))
          .contains(anchors.getProperty("kfrag" + i + ".rk"))
          .contains(anchors.getProperty("kfrag" + i + ".commitment"));
      assertThat(ref.cfrags.get(i)).contains(anchors.getProperty("cfrag" + i + ".z"));
    }
  }

  @Test
  void cliVectorsCommandMatchesTheReferenceAndItsFileVerifiesThere() throws Exception {
    Path ourFile = dir.resolve("cli.json");
    CliRunner cli =
        CliRunner.run(
            "dev",
            "umbral-vectors",
            "--seed",
            "cli seed",
            "--threshold",
            "3",
            "--shares",
            "4",
            "--no-sign-dk",
            "--out",
            ourFile.toString());
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    Path refFile = dir.resolve("ref.json");
    ReferenceUmbral.Result gen =
        ReferenceUmbral.run(
            "gen",
            "--seed",
            "cli seed",
            "--threshold",
            "3",
            "--shares",
            "4",
            "--no-sign-dk",
            "--out",
            refFile.toString());
    assertThat(gen.exitCode).as(gen.toString()).isZero();
    assertThat(Files.readAllBytes(ourFile)).isEqualTo(Files.readAllBytes(refFile));

    ReferenceUmbral.Result verify =
        ReferenceUmbral.run("verify", ourFile.toString(), "--seed", "cli seed");
    assertThat(verify.exitCode).as(verify.toString()).isZero();
  }

  @Test
  void cliVerifyCommandPassesAReferenceFileAndFailsATamperedOne() throws Exception {
    Path refFile = dir.resolve("ref.json");
    assertThat(
            ReferenceUmbral.run(
                    "gen", "--threshold", "2", "--shares", "3", "--out", refFile.toString())
                .exitCode)
        .isZero();
    CliRunner ok = CliRunner.run("dev", "umbral-verify", refFile.toString());
    assertThat(ok.exitCode).as(ok.toString()).isZero();
    assertThat(ok.out).contains("0 failed").doesNotContain("FAIL");

    String json = Files.readString(refFile, StandardCharsets.UTF_8);
    VectorSet set = VectorSetJson.parse(json);
    String cfrag = set.cfrags.get(1);
    // flip one nibble inside the proof response z (bytes 283..315 of the cfrag)
    int at = 2 * 290;
    char flipped = cfrag.charAt(at) == '0' ? '1' : '0';
    String tampered =
        json.replace(cfrag, cfrag.substring(0, at) + flipped + cfrag.substring(at + 1));
    Path bad = dir.resolve("tampered.json");
    Files.writeString(bad, tampered);
    CliRunner fail = CliRunner.run("dev", "umbral-verify", bad.toString());
    assertThat(fail.exitCode).as(fail.toString()).isEqualTo(1);
    assertThat(fail.out).contains("FAIL cfrag[1]").contains("Failed to verify reencryption proof");
  }

  @Test
  void cliVerifyCommandGivesOneCleanLineForMalformedFiles() throws Exception {
    String good =
        VectorGenerator.generate(
                RandomSource.secure(), 2, 3, true, true, VectorGenerator.DEFAULT_PLAINTEXT)
            .toJson();
    String[] bad = {
      "{not json",
      "[]",
      "{\"alice_sk\": \"11\"}",
      good.replace("\"threshold\": 2", "\"threshold\": \"2\""),
      good.replaceFirst("\"capsule\": \"93", "\"capsule\": \"9Z"),
      good.replace("\"shares\": 3", "\"shares\": 3, \"extra\": 1"),
    };
    for (String content : bad) {
      Path f = dir.resolve("bad.json");
      Files.writeString(f, content);
      CliRunner r = CliRunner.run("dev", "umbral-verify", f.toString());
      assertThat(r.exitCode).as(content + "\n" + r).isEqualTo(2);
      assertThat(r.err.strip().lines()).as(r.toString()).hasSize(1);
      assertThat(r.err).startsWith("nkms: ").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
