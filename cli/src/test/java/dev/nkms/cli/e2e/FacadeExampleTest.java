package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.client.Deletion;
import dev.nkms.client.Nkms;
import dev.nkms.client.NkmsConfig;
import dev.nkms.client.NkmsException;
import dev.nkms.client.PolicySummary;
import dev.nkms.client.Share;
import dev.nkms.client.SplitMessage;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.client.connect.UserKeys;
import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.storage.BucketNotFoundException;
import dev.nkms.storage.DeleteResult;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.TestData;
import dev.nkms.storage.s3.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's Java example, exactly as printed there: extracted from README.md, compiled, and run as a
 * program of its own — in a directory holding a 5-node local network at {@code .nkms/network} and
 * the two keystores it names, with the passphrase in {@code NKMS_PASSPHRASE} — as a developer who
 * pasted it would run it.
 */
class FacadeExampleTest {
  private static final Pattern EXAMPLE =
      Pattern.compile(
          "<!-- nkms-example:begin -->\\s*```java\\n(.*?)```\\s*<!-- nkms-example:end -->",
          Pattern.DOTALL);
  private static final String PASSPHRASE = "example passphrase";

  @TempDir static Path work;
  private static LocalNetwork network;

  @BeforeAll
  static void up() throws Exception {
    network = TestNetworks.start(work.resolve(".nkms/network"), 5);
  }

  @AfterAll
  static void down() throws Exception {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @Test
  void theReadmeExampleCompilesAndSharesReadsAndRevokes() throws Exception {
    String example = readmeExample();
    Path src = work.resolve("src/ShareExample.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, example, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            src.toString());
    assertThat(compiled).as("javac of README's example").isZero();

    for (String name : List.of("alice", "bob")) {
      UserKeys.random(RandomSource.secure())
          .write(work.resolve(name + ".keys"), PASSPHRASE.toCharArray());
    }
    Path home = Files.createDirectories(work.resolve("home"));
    ProcessBuilder pb =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Duser.home=" + home,
                "-cp",
                classes + File.pathSeparator + System.getProperty("java.class.path"),
                "ShareExample")
            .directory(work.toFile())
            .redirectErrorStream(true);
    pb.environment().put("NKMS_PASSPHRASE", PASSPHRASE);
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text.lines()).as(text).contains("scan results");

    // The example's last line revoked the policy: Alice's record, kept under ~/.nkms/alice, says
    // so.
    List<PolicyBook.Entry> records = new PolicyBook(home.resolve(".nkms/alice")).list();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).record.orElseThrow().state()).isEqualTo(PolicyRecord.State.REVOKED);
  }

  @Test
  void everyVerbWorksInProcessAndFailsWithATypedReason() throws Exception {
    Path home = Files.createDirectories(work.resolve("home-in-process"));
    Path aliceKeys = newKeystore("a2.keys");
    Path bobKeys = newKeystore("b2.keys");
    NkmsConfig.Builder base =
        NkmsConfig.builder()
            .home(home)
            .environment(Map.of())
            .network(network.dir())
            .passphrase(PASSPHRASE.toCharArray())
            .threshold(2)
            .shares(3);
    try (Nkms alice = Nkms.connect(base.keys(aliceKeys).build());
        Nkms bob =
            Nkms.connect(
                NkmsConfig.builder()
                    .home(home)
                    .environment(Map.of())
                    .network(network.dir())
                    .passphrase(PASSPHRASE.toCharArray())
                    .keys(bobKeys)
                    .build())) {
      Instant expiry = Instant.now().plus(Duration.ofHours(1));
      Share share = alice.share(bob.card(), "notes", expiry);
      assertThat(share.threshold()).isEqualTo(2);
      assertThat(share.shares()).isEqualTo(3);
      assertThatThrownBy(() -> alice.share(bob.card(), "notes", expiry))
          .isInstanceOfSatisfying(
              NkmsException.class,
              e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT))
          .hasMessageContaining("already granted");

      byte[] plaintext = "field notes".getBytes(StandardCharsets.UTF_8);
      byte[] sealed = alice.encrypt("notes", plaintext);
      assertThat(alice.decrypt("notes", sealed)).isEqualTo(plaintext);
      SplitMessage split = alice.splitEdek(sealed);
      byte[] joined = new byte[split.edek().length + split.payload().length];
      System.arraycopy(split.edek(), 0, joined, 0, split.edek().length);
      System.arraycopy(split.payload(), 0, joined, split.edek().length, split.payload().length);
      assertThat(joined).isEqualTo(sealed);
      assertThat(bob.retrieve(share.treasureMap(), sealed)).isEqualTo(plaintext);

      assertThat(alice.policies())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.id()).isEqualTo(share.policy());
                assertThat(p.describeState()).isEqualTo("active");
              });
      Instant later =
          expiry.plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      PolicySummary renewed = alice.renew(share.policy(), later);
      assertThat(renewed.expiry()).isEqualTo(later);
      assertThat(renewed.unconfirmed()).isEmpty();

      PolicySummary revoked = alice.revoke(share.policy());
      assertThat(revoked.state()).isEqualTo(PolicyRecord.State.REVOKED);
      assertThat(revoked.unconfirmed()).isEmpty();
      assertThatThrownBy(() -> bob.retrieve(share.treasureMap(), sealed))
          .isInstanceOfSatisfying(
              NkmsException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(NkmsException.Kind.FAILED);
                assertThat(e.getCause()).isInstanceOf(dev.nkms.client.bob.PolicyRevoked.class);
              });
      assertThatThrownBy(() -> bob.retrieve(new byte[] {1, 2, 3}, sealed))
          .isInstanceOfSatisfying(
              NkmsException.class,
              e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT));
    }
    assertThatThrownBy(
            () ->
                Nkms.connect(
                    NkmsConfig.builder()
                        .home(home)
                        .environment(Map.of())
                        .network(network.dir())
                        .passphrase("wrong".toCharArray())
                        .keys(aliceKeys)
                        .build()))
        .isInstanceOfSatisfying(
            NkmsException.class, e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.FAILED))
        .hasMessageStartingWith("wrong passphrase for keystore");
  }

  @Test
  void storedObjectsAreWrittenReadAndDeletedOnTheFileSystemAndOnARealS3Server() throws Exception {
    Path home = Files.createDirectories(work.resolve("home-storage"));
    Path aliceKeys = newKeystore("a3.keys");
    Path bobKeys = newKeystore("b3.keys");
    try (S3TestServer s3 =
        S3TestServer.start(Files.createDirectories(work.resolve("s3")), "photos")) {
      NkmsConfig.Builder base =
          NkmsConfig.builder()
              .home(home)
              .environment(Map.of())
              .network(network.dir())
              .passphrase(PASSPHRASE.toCharArray())
              .storage(S3TestServer.settingsFor(s3.port()));
      try (Nkms alice = Nkms.connect(base.keys(aliceKeys).threshold(2).shares(3).build());
          Nkms bob = Nkms.connect(base.keys(bobKeys).build())) {
        Share share = alice.share(bob.card(), "album", Instant.now().plus(Duration.ofHours(1)));

        byte[] small = TestData.bytes(21, 300_000);
        URI onDisk = work.resolve("objects/album/small.sealed").toUri();
        assertThat(alice.write(onDisk, "album", new ByteArrayInputStream(small), small.length))
            .isEqualTo(onDisk);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        bob.read(onDisk, share.treasureMap(), read);
        assertThat(read.toByteArray()).isEqualTo(small);

        long large = 6L * 1024 * 1024 + 5; // two S3 parts of sealed data
        URI onS3 = URI.create("s3://photos/album/large.sealed");
        alice.write(onS3, "album", TestData.stream(22, large), large);
        DigestOutputStream digest =
            new DigestOutputStream(
                OutputStream.nullOutputStream(), MessageDigest.getInstance("SHA-256"));
        bob.read(onS3, share.treasureMap(), digest);
        assertThat(HexFormat.of().formatHex(digest.getMessageDigest().digest()))
            .isEqualTo(TestData.digest(TestData.stream(22, large)));

        DigestOutputStream own =
            new DigestOutputStream(
                OutputStream.nullOutputStream(), MessageDigest.getInstance("SHA-256"));
        alice.readOwn(onS3, "album", own);
        assertThat(HexFormat.of().formatHex(own.getMessageDigest().digest()))
            .isEqualTo(TestData.digest(TestData.stream(22, large)));
        assertThatThrownBy(
                () -> alice.readOwn(onS3, "other-label", OutputStream.nullOutputStream()))
            .isInstanceOfSatisfying(
                NkmsException.class, e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.FAILED))
            .hasMessageContaining("not encrypted for label 'other-label'");

        URI shortOne = URI.create("s3://photos/album/short.sealed");
        assertThatThrownBy(() -> alice.write(shortOne, "album", TestData.stream(23, 100), 1000))
            .isInstanceOfSatisfying(
                NkmsException.class, e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.FAILED))
            .hasMessageStartingWith("reading the data to store failed");
        assertThat(alice.delete(shortOne).result()).isEqualTo(DeleteResult.NOT_FOUND);

        assertThatThrownBy(
                () ->
                    alice.write(
                        URI.create("s3://no-bucket-here/x"), "album", TestData.stream(1, 1), 1))
            .isInstanceOfSatisfying(
                NkmsException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT);
                  assertThat(e.getCause()).isInstanceOf(BucketNotFoundException.class);
                });
        assertThatThrownBy(
                () -> alice.write(URI.create("swarm://abc"), "album", TestData.stream(1, 1), 1))
            .isInstanceOfSatisfying(
                NkmsException.class,
                e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT))
            .hasMessageStartingWith("no storage back-end for swarm: locations");

        assertThat(alice.delete(onS3).result()).isEqualTo(DeleteResult.DELETED);
        assertThatThrownBy(
                () -> bob.read(onS3, share.treasureMap(), OutputStream.nullOutputStream()))
            .isInstanceOfSatisfying(
                NkmsException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT);
                  assertThat(e.getCause()).isInstanceOf(ObjectNotFoundException.class);
                });

        alice.revoke(share.policy());
        assertThatThrownBy(
                () -> bob.read(onDisk, share.treasureMap(), OutputStream.nullOutputStream()))
            .isInstanceOfSatisfying(
                NkmsException.class,
                e ->
                    assertThat(e.getCause()).isInstanceOf(dev.nkms.client.bob.PolicyRevoked.class));
      }
    }
  }

  @Test
  void aFolderSharedByPrefixLosesOnlyTheDeletedObjectsPolicyAndPoliciesAreUpdatedAndDeleted()
      throws Exception {
    Path home = Files.createDirectories(work.resolve("home-folders"));
    Path store = Files.createDirectories(work.resolve("folders"));
    NkmsConfig.Builder base =
        NkmsConfig.builder()
            .home(home)
            .environment(Map.of())
            .network(network.dir())
            .passphrase(PASSPHRASE.toCharArray())
            .storageDefault(URI.create("file:" + work.resolve("default-store") + "/"));
    try (Nkms alice = Nkms.connect(base.keys(newKeystore("a4.keys")).build());
        Nkms bob = Nkms.connect(base.keys(newKeystore("b4.keys")).build())) {
      String root = "file:" + store + "/";
      URI one = URI.create(root + "a/one.txt");
      URI two = URI.create(root + "b/two.txt");
      URI three = URI.create(root + "b/three.txt");
      Map<URI, byte[]> data =
          Map.of(
              one,
              TestData.bytes(41, 1000),
              two,
              TestData.bytes(42, 2000),
              three,
              TestData.bytes(43, 3000));
      for (URI at : List.of(one, two, three)) {
        alice.write(at, new ByteArrayInputStream(data.get(at)), data.get(at).length);
      }
      assertThat(alice.objects())
          .extracting(o -> o.location(), o -> o.label(), o -> o.size())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(one, root + "a/", 1000L),
              org.assertj.core.groups.Tuple.tuple(three, root + "b/", 3000L),
              org.assertj.core.groups.Tuple.tuple(two, root + "b/", 2000L));

      Instant expiry = Instant.now().plus(Duration.ofHours(1));
      List<Share> shares = alice.share(bob.card(), URI.create(root), expiry, 2, 3, Conditions.NONE);
      assertThat(shares).extracting(Share::label).containsExactly(root, root + "a/", root + "b/");
      Share shareA = shares.get(1);
      Share shareB = shares.get(2);
      // Sharing again grants nothing new: the live policies' shares come back.
      assertThat(alice.share(bob.card(), URI.create(root + "b"), expiry, 2, 3, Conditions.NONE))
          .extracting(Share::policy)
          .containsExactly(shareB.policy());
      assertThat(alice.policies()).hasSize(3);

      for (URI at : List.of(one, two, three)) {
        Share s = at.equals(one) ? shareA : shareB;
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        bob.read(at, s.treasureMap(), read);
        assertThat(read.toByteArray()).as(at.toString()).isEqualTo(data.get(at));
      }
      ByteArrayOutputStream own = new ByteArrayOutputStream();
      alice.readOwn(two, own);
      assertThat(own.toByteArray()).isEqualTo(data.get(two));

      // Deleting folder A's only object revokes A's policy, and only that one.
      byte[] keptCopy = Files.readAllBytes(store.resolve("a/one.txt"));
      Deletion deleted = alice.delete(one);
      assertThat(deleted.result()).isEqualTo(DeleteResult.DELETED);
      assertThat(deleted.revoked())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.id()).isEqualTo(shareA.policy());
                assertThat(p.state()).isEqualTo(PolicyRecord.State.REVOKED);
                assertThat(p.unconfirmed()).isEmpty();
                assertThat(p.receipts()).isEqualTo(3);
              });
      assertThat(Files.exists(store.resolve("a/one.txt"))).isFalse();
      assertThat(alice.objects()).extracting(o -> o.location()).containsExactly(three, two);
      assertThatThrownBy(() -> bob.retrieve(shareA.treasureMap(), keptCopy))
          .isInstanceOfSatisfying(
              NkmsException.class,
              e -> assertThat(e.getCause()).isInstanceOf(dev.nkms.client.bob.PolicyRevoked.class));
      ByteArrayOutputStream stillB = new ByteArrayOutputStream();
      bob.read(two, shareB.treasureMap(), stillB);
      assertThat(stillB.toByteArray()).isEqualTo(data.get(two));
      // B keeps an object after two is deleted: nothing is revoked.
      assertThat(alice.delete(two).revoked()).isEmpty();
      assertThat(alice.policies())
          .filteredOn(p -> p.id().equals(shareB.policy()))
          .singleElement()
          .satisfies(p -> assertThat(p.state()).isEqualTo(PolicyRecord.State.ACTIVE));

      // New terms reach the nodes: a time window that closed an hour ago refuses Bob.
      Instant past = Instant.now().minus(Duration.ofHours(2));
      Conditions closed = Conditions.of(TimeWindow.between(past, past.plus(Duration.ofHours(1))));
      Instant later = expiry.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
      PolicySummary updated = alice.updatePolicy(shareB.policy(), later, closed);
      assertThat(updated.conditions()).isEqualTo(closed);
      assertThat(updated.revision()).isEqualTo(1);
      assertThat(updated.expiry()).isEqualTo(later);
      assertThat(updated.unconfirmed()).isEmpty();
      assertThatThrownBy(
              () -> bob.read(three, shareB.treasureMap(), OutputStream.nullOutputStream()))
          .isInstanceOfSatisfying(
              NkmsException.class,
              e ->
                  assertThat(e.getCause()).isInstanceOf(dev.nkms.client.bob.ConditionNotMet.class));
      PolicySummary renewed = alice.renew(shareB.policy(), later.plus(Duration.ofHours(1)));
      assertThat(renewed.conditions()).as("renew keeps the conditions").isEqualTo(closed);
      assertThat(renewed.revision()).isEqualTo(2);
      alice.updatePolicy(shareB.policy(), later, Conditions.NONE);
      ByteArrayOutputStream reopened = new ByteArrayOutputStream();
      bob.read(three, shareB.treasureMap(), reopened);
      assertThat(reopened.toByteArray()).isEqualTo(data.get(three));

      // deletePolicy revokes and removes the record.
      PolicySummary gone = alice.deletePolicy(shareB.policy());
      assertThat(gone.state()).isEqualTo(PolicyRecord.State.REVOKED);
      assertThat(gone.receipts()).isEqualTo(3);
      assertThat(alice.policies()).extracting(PolicySummary::id).doesNotContain(shareB.policy());
      assertThat(Files.exists(new PolicyBook(home.resolve(".nkms/alice")).fileOf(shareB.policy())))
          .isFalse();
      assertThatThrownBy(
              () -> bob.read(three, shareB.treasureMap(), OutputStream.nullOutputStream()))
          .isInstanceOfSatisfying(
              NkmsException.class,
              e -> assertThat(e.getCause()).isInstanceOf(dev.nkms.client.bob.PolicyRevoked.class));

      // Gone from storage but still indexed: the entry goes and the policy is revoked anyway.
      URI lone = URI.create(root + "c/lone.txt");
      alice.write(lone, new ByteArrayInputStream(new byte[] {7}), 1);
      Share shareC =
          alice.share(bob.card(), URI.create(root + "c/"), expiry, 2, 3, Conditions.NONE).get(0);
      Files.delete(store.resolve("c/lone.txt"));
      Deletion vanished = alice.delete(lone);
      assertThat(vanished.result()).isEqualTo(DeleteResult.NOT_FOUND);
      assertThat(vanished.revoked()).extracting(PolicySummary::id).containsExactly(shareC.policy());
      assertThatThrownBy(() -> alice.readOwn(lone, OutputStream.nullOutputStream()))
          .isInstanceOfSatisfying(
              NkmsException.class,
              e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT))
          .hasMessageContaining("not written by this Alice here; give the label");

      // A label alone stores under storage.default; ipfs:/ needs a label.
      URI byLabel = alice.write("notes", new ByteArrayInputStream(new byte[] {1, 2}), 2);
      assertThat(byLabel.toString())
          .matches(
              "file:"
                  + Pattern.quote(work.resolve("default-store").toString())
                  + "/notes/[0-9a-f]{32}");
      ByteArrayOutputStream notes = new ByteArrayOutputStream();
      alice.readOwn(byLabel, notes);
      assertThat(notes.toByteArray()).containsExactly(1, 2);
      assertThatThrownBy(
              () -> alice.write(URI.create("ipfs:/"), new ByteArrayInputStream(new byte[1]), 1))
          .isInstanceOfSatisfying(
              NkmsException.class,
              e -> assertThat(e.kind()).isEqualTo(NkmsException.Kind.INVALID_INPUT))
          .hasMessageContaining("give the label");
    }
  }

  private static Path newKeystore(String name) throws Exception {
    Path file = work.resolve(name);
    UserKeys.random(RandomSource.secure()).write(file, PASSPHRASE.toCharArray());
    return file;
  }

  private static String readmeExample() throws Exception {
    Path readme = Path.of("").toAbsolutePath();
    while (!Files.exists(readme.resolve("README.md"))
        || !Files.exists(readme.resolve("run-tests"))) {
      readme = readme.getParent();
    }
    Matcher m =
        EXAMPLE.matcher(Files.readString(readme.resolve("README.md"), StandardCharsets.UTF_8));
    assertThat(m.find()).as("README.md holds the marked Java example").isTrue();
    return m.group(1);
  }
}
