package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, "the CLI as a person meets it": every file mistake a user makes with keys, sealed
 * files, treasure maps and output files, as (arguments → exit code → the one line printed). Each is
 * detected locally: no network is running (--network names a directory that does not exist), so an
 * error that got as far as the network would show. {@code $D} is the fixtures' directory.
 *
 * <p>Why this file is long: one case per malformed or misplaced input file, each with its exact
 * message and exit code.
 */
class FileErrorMessagesTest {
  @TempDir static Path dir;
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  static Stream<Arguments> cases() {
    String bobRetrieve =
        "bob retrieve --keys $D/bob.keys --passphrase-file $D/pass --network $D/no-network"
            + " --in $D/sealed.nkms --out $D/o1";
    String aliceDecrypt =
        "alice decrypt --keys $D/alice.keys --passphrase-file $D/pass --label records --out $D/o2";
    String encrypt = "enrico encrypt --policy-key $KEY";
    return Stream.of(
        // ---- keystores: each mistake its own message, found before any passphrase is used or node
        // asked
        row(
            "a card as --keys",
            "alice policy-key --keys $D/bob.card --passphrase-file $D/pass --label x",
            2,
            "$D/bob.card is a card (public keys), not a keystore; pass your keystore (NAME.keys) with --keys"),
        row(
            "a card as Bob's --keys",
            "bob retrieve --keys $D/bob.card --passphrase-file $D/pass --map $D/other.map"
                + " --network $D/no-network --in $D/sealed.nkms --out $D/o1",
            2,
            "$D/bob.card is a card (public keys), not a keystore; pass your keystore (NAME.keys) with --keys"),
        row(
            "a keystore as --bob",
            "alice grant --keys $D/alice.keys --passphrase-file $D/pass --bob $D/bob.keys"
                + " --label x -m 1 -n 1 --expires 1d --network $D/no-network --map-out $D/m.map",
            2,
            "$D/bob.keys is a keystore (secret keys), not a card; pass the card (NAME.card, written beside NAME.keys"
                + " by `nkms keys generate`)"),
        row(
            "a wrong passphrase",
            "alice policy-key --keys $D/alice.keys --passphrase-file $D/wrong-pass --label x",
            1,
            "wrong passphrase for keystore $D/alice.keys (or the keystore is damaged); the passphrase comes from"
                + " --passphrase-file, NKMS_PASSPHRASE or the prompt"),
        row(
            "a missing keystore",
            "keys show --keys $D/none.keys --passphrase-file $D/pass",
            2,
            "no keystore at $D/none.keys (create one with `nkms keys generate --out $D/none.keys`)"),
        row(
            "a directory as keystore",
            "keys show --keys $D/adir --passphrase-file $D/pass",
            2,
            "$D/adir is a directory, not a keystore; give the keystore file (NAME.keys)"),
        row(
            "something else as keystore",
            "keys show --keys $D/garbage.nkms --passphrase-file $D/pass",
            2,
            "$D/garbage.nkms is not an nkms keystore"),
        row(
            "a keystore others can read",
            "keys show --keys $D/open.keys --passphrase-file $D/pass",
            2,
            "keystore $D/open.keys is accessible by group or others (mode rw-r--r--); refusing to use it. Restrict it"
                + " with: chmod 600 $D/open.keys"),
        row(
            "an unreadable keystore (not as root)",
            "keys show --keys $D/locked.keys --passphrase-file $D/pass",
            2,
            "cannot read keystore $D/locked.keys: permission denied (it must be readable by you, and only you)"),
        row(
            "a missing passphrase file",
            "keys show --keys $D/bob.keys --passphrase-file $D/none",
            2,
            "no passphrase file at $D/none"),
        // ---- sealed files: a damaged header is not "upgrade nkms"
        row(
            "a sealed file of random bytes",
            aliceDecrypt + " --in $D/garbage.nkms",
            2,
            "$D/garbage.nkms is not an nkms sealed file (or damaged)"),
        row(
            "a sealed file of 3 bytes",
            aliceDecrypt + " --in $D/short.nkms",
            2,
            "$D/short.nkms is not an nkms sealed file (or damaged)"),
        row(
            "a damaged brand",
            aliceDecrypt + " --in $D/brand.nkms",
            2,
            "$D/brand.nkms is not an nkms sealed file (or damaged)"),
        row(
            "a damaged version field (the rest is this version's kit)",
            aliceDecrypt + " --in $D/minor.nkms",
            2,
            "$D/minor.nkms is not an nkms sealed file (or damaged)"),
        row(
            "a version field no nkms has",
            aliceDecrypt + " --in $D/minor-big.nkms",
            2,
            "$D/minor-big.nkms is not an nkms sealed file (or damaged)"),
        row(
            "a real newer version",
            aliceDecrypt + " --in $D/newer.nkms",
            2,
            "$D/newer.nkms was made by a newer nkms; upgrade nkms to open it"),
        row(
            "a treasure map as the sealed file",
            aliceDecrypt + " --in $D/malformed.map",
            2,
            "$D/malformed.map is not an nkms sealed file (or damaged)"),
        row(
            "a cut-short payload",
            aliceDecrypt + " --in $D/truncated.nkms",
            2,
            "$D/truncated.nkms is cut short (damaged, or still being copied); nothing was written"),
        row(
            "a damaged payload",
            aliceDecrypt + " --in $D/chunk.nkms",
            2,
            "$D/chunk.nkms is damaged: part 0 does not authenticate; nothing was written"),
        row(
            "data after the end",
            aliceDecrypt + " --in $D/trailing.nkms",
            2,
            "$D/trailing.nkms has data after its end (damaged, or files joined together); nothing was written"),
        row(
            "another label",
            "alice decrypt --keys $D/alice.keys --passphrase-file $D/pass --label other"
                + " --in $D/sealed.nkms --out $D/o2",
            1,
            "$D/sealed.nkms was not encrypted under label 'other' of these keys; nothing was written"),
        // ---- treasure maps: a damaged map is not "wrong Bob"
        row(
            "a map of random bytes",
            bobRetrieve + " --map $D/garbage.map",
            2,
            "$D/garbage.map is a damaged treasure map (or not a treasure map at all)"),
        row(
            "a cut-short map",
            bobRetrieve + " --map $D/truncated.map",
            2,
            "$D/truncated.map is a damaged treasure map (or not a treasure map at all)"),
        row(
            "a sealed file as the map",
            bobRetrieve + " --map $D/sealed.nkms",
            2,
            "$D/sealed.nkms is a damaged treasure map (or not a treasure map at all)"),
        row(
            "a map that opens but holds no map",
            bobRetrieve + " --map $D/malformed.map",
            2,
            "$D/malformed.map is a damaged treasure map; ask Alice to send it again"),
        row(
            "a map for another Bob",
            bobRetrieve + " --map $D/other.map",
            1,
            "$D/other.map does not open with the keys in $D/bob.keys: it was made for another Bob, or it is damaged;"
                + " check --keys, or ask Alice for a map granted to your card"),
        row(
            "a map with damaged ciphertext (cannot be told from another Bob's)",
            bobRetrieve + " --map $D/flipped.map",
            1,
            "$D/flipped.map does not open with the keys in $D/bob.keys: it was made for another Bob, or it is"
                + " damaged; check --keys, or ask Alice for a map granted to your card"),
        row(
            "a map with a damaged version field",
            bobRetrieve + " --map $D/minor.map",
            2,
            "$D/minor.map is a damaged treasure map (or not a treasure map at all)"),
        row(
            "a map from a newer nkms",
            bobRetrieve + " --map $D/newer.map",
            2,
            "$D/newer.map was made by a newer nkms; upgrade nkms to open it"),
        row(
            "a directory as the map",
            bobRetrieve + " --map $D/adir",
            2,
            "$D/adir is a directory, not a treasure map"),
        row(
            "a missing map",
            bobRetrieve + " --map $D/none.map",
            2,
            "no such file: $D/none.map (the treasure map)"),
        row(
            "map and sealed file both stdin",
            "bob retrieve --keys $D/bob.keys --map - --in - --out $D/o1",
            2,
            "--map and --in cannot both be - (stdin); give one of them as a file"),
        // ---- inputs and outputs
        row(
            "a directory as --in",
            encrypt + " --in $D/adir --out $D/o3",
            2,
            "$D/adir is a directory, not a file to" + " encrypt"),
        row(
            "a missing --in",
            encrypt + " --in $D/none --out $D/o3",
            2,
            "no such file: $D/none (the file to" + " encrypt)"),
        row(
            "a directory as --in of decrypt",
            aliceDecrypt + " --in $D/adir",
            2,
            "$D/adir is a directory, not a sealed file"),
        row(
            "a directory as --out",
            encrypt + " --in $D/plain.txt --out $D/adir",
            2,
            "$D/adir is a directory; give the name of a file to write"),
        row(
            "a missing parent directory",
            encrypt + " --in $D/plain.txt --out $D/nodir/x.nkms",
            2,
            "cannot write $D/nodir/x.nkms: directory $D/nodir does not exist"),
        row(
            "an existing --out",
            encrypt + " --in $D/plain.txt --out $D/exists.bin",
            2,
            "$D/exists.bin exists; pass --force to replace it"),
        row(
            "an existing plaintext --out",
            "alice decrypt --keys $D/alice.keys --passphrase-file $D/pass --label"
                + " records --in $D/sealed.nkms --out $D/exists.bin",
            2,
            "$D/exists.bin exists; pass --force to replace it"),
        row(
            "--in = --out",
            encrypt + " --in $D/plain.txt --out $D/plain.txt --force",
            2,
            "$D/plain.txt is also an input of this command; write the output to another file"),
        row(
            "a read-only --out (not as root)",
            encrypt + " --in $D/plain.txt --out $D/ro.bin --force",
            2,
            "$D/ro.bin is read-only; not replacing it (make it writable, or write to another file)"),
        row(
            "--json with --out -",
            encrypt + " --in $D/plain.txt --out - --json",
            2,
            "--json needs --out FILE: with --out - stdout carries the sealed file"),
        row(
            "keys generate over a keystore",
            "keys generate --out $D/alice.keys --passphrase-file $D/pass",
            2,
            "$D/alice.keys exists; pass --force to replace it"),
        row(
            "a bad policy key",
            "enrico encrypt --policy-key 12zz --in $D/plain.txt --out $D/o3",
            2,
            "--policy-key is not a public key (print the right one with `nkms alice policy-key`)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneLineWithTheRightAdviceAndExitCode(String what, String args, int exitCode, String message)
      throws Exception {
    if (what.endsWith("(not as root)")) {
      assumeTrue(!ROOT, "root reads and replaces any file");
    }
    String[] argv =
        Arrays.stream(args.split(" ")).map(FileErrorMessagesTest::expand).toArray(String[]::new);
    byte[][] before = snapshot();
    CliRunner r = CliRunner.run(argv);
    assertThat(r.exitCode).as(r.toString()).isEqualTo(exitCode);
    String first =
        r.err.lines().findFirst().orElse("").replace(" (--verbose shows the details)", "");
    assertThat(first).as(r.toString()).isEqualTo("nkms: " + expand(message));
    assertThat(r.err)
        .as(r.toString())
        .doesNotContain("internal error")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(r.err.lines().skip(1).toList()).as(r.toString()).isEmpty();
    // nothing was written or changed
    assertThat(snapshot()).as("fixtures unchanged by: " + what).isDeepEqualTo(before);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .noneMatch(n -> n.startsWith("o") && n.length() == 2)
        .noneMatch(n -> n.endsWith(".tmp"));
  }

  // ------------------------------------------------------------------------------------------------------ fixtures

  private static String policyKey;

  @BeforeAll
  static void fixtures() throws Exception {
    Files.writeString(
        dir.resolve("pass"), "correct horse battery staple\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("wrong-pass"), "not the passphrase\n", StandardCharsets.UTF_8);
    ok(
        CliRunner.run(
            "keys",
            "generate",
            "--out",
            expand("$D/alice.keys"),
            "--passphrase-file",
            expand("$D/pass")));
    ok(
        CliRunner.run(
            "keys",
            "generate",
            "--out",
            expand("$D/bob.keys"),
            "--passphrase-file",
            expand("$D/pass")));
    Files.copy(dir.resolve("bob.keys"), dir.resolve("open.keys"));
    Files.setPosixFilePermissions(
        dir.resolve("open.keys"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.copy(dir.resolve("bob.keys"), dir.resolve("locked.keys"));
    Files.setPosixFilePermissions(
        dir.resolve("locked.keys"), PosixFilePermissions.fromString("---------"));
    Files.createDirectories(dir.resolve("adir"));
    Files.writeString(dir.resolve("exists.bin"), "precious", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("ro.bin"), "read-only", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(
        dir.resolve("ro.bin"), PosixFilePermissions.fromString("r--r--r--"));

    CliRunner key =
        CliRunner.run(
            "alice",
            "policy-key",
            "--keys",
            expand("$D/alice.keys"),
            "--passphrase-file",
            expand("$D/pass"),
            "--label",
            "records");
    ok(key);
    policyKey = key.out.strip();
    byte[] plain = RandomSource.secure().nextBytes(1000);
    Files.write(dir.resolve("plain.txt"), plain);
    ok(
        CliRunner.run(
            "enrico",
            "encrypt",
            "--policy-key",
            policyKey,
            "--in",
            expand("$D/plain.txt"),
            "--out",
            expand("$D/sealed.nkms")));
    byte[] sealed = Files.readAllBytes(dir.resolve("sealed.nkms"));
    Files.write(dir.resolve("garbage.nkms"), RandomSource.secure().nextBytes(1000));
    Files.write(dir.resolve("short.nkms"), Arrays.copyOf(sealed, 3));
    Files.write(dir.resolve("brand.nkms"), with(sealed, 4 + 1, (byte) 'X'));
    Files.write(
        dir.resolve("minor.nkms"),
        with(sealed, 4 + 7, (byte) 1)); // version 1.1, the body of a 1.0 kit
    Files.write(
        dir.resolve("minor-big.nkms"), with(with(sealed, 4 + 6, (byte) 0x7f), 4 + 7, (byte) 0x3a));
    Files.write(dir.resolve("newer.nkms"), newerKit(sealed));
    Files.write(dir.resolve("truncated.nkms"), Arrays.copyOf(sealed, sealed.length - 10));
    Files.write(
        dir.resolve("chunk.nkms"),
        with(sealed, sealed.length - 1, (byte) (sealed[sealed.length - 1] ^ 1)));
    byte[] trailing = Arrays.copyOf(sealed, sealed.length + 1);
    Files.write(dir.resolve("trailing.nkms"), trailing);

    // Treasure maps made the way EncryptedTreasureMap encodes them, around what the test needs
    // inside.
    BobCard bob = BobCard.fromHex(Files.readString(dir.resolve("bob.card")).strip());
    BobCard alicesBobHalf = BobCard.fromHex(Files.readString(dir.resolve("alice.card")).strip());
    byte[] malformed = encryptedMap(bob, "no map in here".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("malformed.map"), malformed);
    Files.write(
        dir.resolve("other.map"),
        encryptedMap(alicesBobHalf, "no map".getBytes(StandardCharsets.UTF_8)));
    Files.write(
        dir.resolve("flipped.map"),
        with(malformed, malformed.length - 1, (byte) (malformed[malformed.length - 1] ^ 1)));
    Files.write(dir.resolve("truncated.map"), Arrays.copyOf(malformed, malformed.length / 2));
    Files.write(dir.resolve("garbage.map"), RandomSource.secure().nextBytes(500));
    Files.write(dir.resolve("minor.map"), with(malformed, 7, (byte) 1));
    assertThat(malformed[8]).as("a 2-field fixarray").isEqualTo((byte) 0x92);
    byte[] newer =
        Arrays.copyOf(with(with(malformed, 7, (byte) 1), 8, (byte) 0x93), malformed.length + 1);
    newer[malformed.length] = (byte) 0xc0; // a third field this build does not know
    Files.write(dir.resolve("newer.map"), newer);
  }

  /** Sealed to {@code to}'s encrypting key like a real map; its plaintext is {@code inside}. */
  private static byte[] encryptedMap(BobCard to, byte[] inside) {
    Umbral.Encrypted enc = Umbral.encrypt(to.encryptingKey(), inside, RandomSource.secure());
    return Envelope.encode(
        EncryptedTreasureMap.BRAND,
        1,
        0,
        new MsgpackWriter().array(2).bin(enc.capsule().toBytes()).bin(enc.ciphertext()).toBytes());
  }

  /**
   * What a MessageKit 1.1 could look like: the minor version raised and a sixth field this build
   * does not know.
   */
  private static byte[] newerKit(byte[] sealed) {
    int len =
        ((sealed[0] & 0xff) << 24)
            | ((sealed[1] & 0xff) << 16)
            | ((sealed[2] & 0xff) << 8)
            | (sealed[3] & 0xff);
    byte[] kit = Arrays.copyOfRange(sealed, 4, 4 + len);
    assertThat(kit[8]).as("a 5-field fixarray").isEqualTo((byte) 0x95);
    kit[7] = 1;
    kit[8] = (byte) 0x96;
    byte[] newKit = Arrays.copyOf(kit, len + 1);
    newKit[len] = (byte) 0xc0; // nil: the new field
    byte[] out = new byte[4 + newKit.length + sealed.length - 4 - len];
    int n = newKit.length;
    out[0] = (byte) (n >>> 24);
    out[1] = (byte) (n >>> 16);
    out[2] = (byte) (n >>> 8);
    out[3] = (byte) n;
    System.arraycopy(newKit, 0, out, 4, n);
    System.arraycopy(sealed, 4 + len, out, 4 + n, sealed.length - 4 - len);
    return out;
  }

  private static byte[] with(byte[] b, int at, byte value) {
    byte[] c = b.clone();
    c[at] = value;
    return c;
  }

  private static String expand(String s) {
    return s.replace("$D", dir.toString()).replace("$KEY", policyKey == null ? "" : policyKey);
  }

  private static void ok(CliRunner r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
  }

  private static byte[][] snapshot() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(Files::isReadable)
          .sorted()
          .map(
              p -> {
                try {
                  return (p.getFileName() + "=" + Arrays.hashCode(Files.readAllBytes(p)))
                      .getBytes(StandardCharsets.UTF_8);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              })
          .toArray(byte[][]::new);
    }
  }

  private static Arguments row(String what, String args, int exitCode, String message) {
    return Arguments.of(what, args, exitCode, message);
  }
}
