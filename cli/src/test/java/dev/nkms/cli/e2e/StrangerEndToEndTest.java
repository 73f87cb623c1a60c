package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.cli.CliRunner;
import dev.nkms.client.alice.Policy;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.keystore.Keystore;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.network.testing.SignedObjects;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bug 5 of issue 10 against three real node processes: a stranger who knows Alice's and Bob's
 * public keys tries to pre-store kfrags under ids of Alice's and to revoke her real policy, with
 * the Java API and his own key. Every node refuses him (400 or 401, never a receipt), Alice's grant
 * through the CLI succeeds, and Bob retrieves.
 *
 * <p>Bug 6 (expiry reads as expired after the purge) is not played here: node processes run on the
 * system clock and cannot be given a test clock, so it is covered at the NodeServer level with an
 * injected clock ({@code
 * NodeServerTest.afterTheSweeperPurgesAnExpiredPolicyTheNodeStillSaysExpired}).
 */
class StrangerEndToEndTest {
  private static final RandomSource RANDOM = RandomSource.secure();
  @TempDir static Path dir;
  private static LocalNetwork network;

  @BeforeAll
  static void startNetwork() throws Exception {
    network = TestNetworks.start(dir.resolve("network"), 3);
  }

  @AfterAll
  static void stopNetwork() throws IOException {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @Test
  void aStrangerCanNeitherPreStoreUnderAlicesIdsNorRevokeHerPolicy(@TempDir Path work)
      throws Exception {
    Path pass = Files.writeString(work.resolve("pass"), "correct horse battery staple\n");
    Path aliceKeys = work.resolve("alice.keys");
    Path bobKeys = work.resolve("bob.keys");
    ok(
        CliRunner.run(
            "keys",
            "generate",
            "--out",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString()));
    ok(
        CliRunner.run(
            "keys", "generate", "--out", bobKeys.toString(), "--passphrase-file", pass.toString()));
    // What the stranger knows: Alice's verifying key (she signs everything with it) and Bob's
    // public card.
    PublicKey alice =
        AliceKeys.fromSecretBytes(
                Keystore.read(aliceKeys, "correct horse battery staple".toCharArray()).get("alice"))
            .verifyingKey();
    BobCard bob =
        BobCard.fromHex(Files.readString(work.resolve("bob.card"), StandardCharsets.UTF_8).strip());
    Signer stranger = new Signer(SecretKey.random(RANDOM));
    List<NodeMetadata> nodes = network.nodes().nodes();
    assertThat(nodes).hasSize(3);
    Instant now = Instant.now();

    // 1. Before Alice grants: kfrags under ids of Alice's (her key, nonces he picks), and
    // revocations of them.
    for (NodeMetadata node : nodes) {
      NodeApi api = HttpsNodeClient.connect(node);
      byte[] nonce = Hrac.newNonce(RANDOM);
      Hrac hers = Hrac.derive(alice, nonce);
      // (a) his own key as the terms' Alice, her id put in: the id does not commit to the signing
      // key.
      assertRefused(
          () ->
              api.deliver(
                  KFragDelivery.fromBytes(
                      deliveryUnderId(
                          hers, nonce, stranger, stranger.verifyingKey(), bob, node, now))),
          400,
          ErrorCode.MALFORMED);
      // (b) her key as the terms' Alice, signed by him: her signature over the terms does not
      // verify.
      assertRefused(
          () ->
              api.deliver(
                  KFragDelivery.fromBytes(
                      deliveryUnderId(hers, nonce, stranger, alice, bob, node, now))),
          401,
          ErrorCode.BAD_SIGNATURE);
      // (c) a tombstone for her id: refused, so it cannot burn a grant she makes later.
      assertRefused(
          () ->
              api.revoke(RevocationOrder.sign(hers, nonce, node.address(), now, stranger, RANDOM)),
          401,
          ErrorCode.BAD_SIGNATURE);
    }

    // 2. Alice grants through the CLI: every node takes her kfrag.
    Path store = work.resolve("alice-store");
    Path map = work.resolve("bob.map");
    ok(
        CliRunner.run(
            "alice",
            "grant",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--bob",
            work.resolve("bob.card").toString(),
            "--label",
            "plans",
            "-m",
            "2",
            "-n",
            "3",
            "--expires",
            "30d",
            "--network",
            network.dir().toString(),
            "--store",
            store.toString(),
            "--map-out",
            map.toString()));
    Policy policy;
    try (Stream<Path> files = Files.list(store)) {
      Path file =
          files
              .filter(p -> p.getFileName().toString().endsWith(".policy"))
              .findFirst()
              .orElseThrow();
      policy = dev.nkms.client.alice.PolicyBook.read(file).policy().orElseThrow();
    }
    PolicyTerms terms = policy.terms().terms();

    // 3. The stranger learns her real id and nonce (every node and Bob see them) and tries to
    // revoke it.
    for (NodeMetadata node : nodes) {
      NodeApi api = HttpsNodeClient.connect(node);
      assertRefused(
          () ->
              api.revoke(
                  RevocationOrder.sign(
                      terms.hrac(), terms.nonce(), node.address(), now, stranger, RANDOM)),
          401,
          ErrorCode.BAD_SIGNATURE);
      assertRefused(
          () ->
              api.revoke(
                  RevocationOrder.fromBytes(
                      asAlice(
                          RevocationOrder.sign(
                                  terms.hrac(),
                                  terms.nonce(),
                                  node.address(),
                                  now,
                                  stranger,
                                  RANDOM)
                              .toBytes(),
                          alice,
                          "Revo",
                          2,
                          "revocation-order",
                          stranger))),
          401,
          ErrorCode.BAD_SIGNATURE);
      assertRefused(
          () ->
              api.status(
                  PolicyStatusQuery.sign(
                      terms.hrac(), terms.nonce(), node.address(), now, stranger, RANDOM)),
          401,
          ErrorCode.BAD_SIGNATURE);
      // Alice herself may ask: the policy is active at every node.
      AliceKeys aliceKeysForQuery =
          AliceKeys.fromSecretBytes(
              Keystore.read(aliceKeys, "correct horse battery staple".toCharArray()).get("alice"));
      PolicyStatus status =
          api.status(
              PolicyStatusQuery.sign(
                  terms, node.address(), Instant.now(), aliceKeysForQuery.signer(), RANDOM));
      assertThat(status.state()).as("at %s", node.address()).isEqualTo(PolicyStatus.State.ACTIVE);
    }

    // 4. Bob retrieves.
    Path plain = Files.write(work.resolve("plain.bin"), RANDOM.nextBytes(10_000));
    Path sealed = work.resolve("plain.bin.nkms");
    ok(
        CliRunner.run(
            "enrico",
            "encrypt",
            "--policy-key",
            terms.policyEncryptingKey().toHex(),
            "--in",
            plain.toString(),
            "--out",
            sealed.toString()));
    Path out = work.resolve("decrypted.bin");
    ok(
        CliRunner.run(
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            network.dir().toString(),
            "--in",
            sealed.toString(),
            "--out",
            out.toString()));
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(plain));
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  private interface Call {
    void run() throws Exception;
  }

  private static void assertRefused(Call call, int status, ErrorCode code) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).isInstanceOf(NodeRejected.class);
    NodeRejected r = (NodeRejected) t;
    assertThat(r.status()).as(r.getMessage()).isEqualTo(status);
    assertThat(r.code()).as(r.getMessage()).isEqualTo(code);
  }

  private static void ok(CliRunner r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
  }

  /**
   * A complete kfrag delivery for policy id {@code id}, made and signed by {@code signer} with
   * {@code named} as the terms' Alice: terms (id put in), authorization and kfrag all signed by
   * him, sealed to the node.
   */
  private static byte[] deliveryUnderId(
      Hrac id,
      byte[] nonce,
      Signer signer,
      PublicKey named,
      BobCard bob,
      NodeMetadata node,
      Instant now)
      throws Exception {
    SecretKey policyKey = SecretKey.random(RANDOM);
    PolicyTerms t =
        new PolicyTerms(
            nonce,
            1,
            1,
            now.minus(Duration.ofMinutes(1)),
            now.plus(Duration.ofDays(1)),
            0,
            Conditions.NONE,
            policyKey.publicKey(),
            signer.verifyingKey(),
            bob.verifyingKey(),
            bob.encryptingKey());
    byte[] own = SignedPolicyTerms.sign(t, signer, RANDOM).toBytes();
    byte[] payload = SignedObjects.payload(own);
    payload = SignedObjects.replace(payload, t.hrac().toBytes(), id.toBytes());
    payload =
        SignedObjects.replace(
            payload, signer.verifyingKey().toCompressedBytes(), named.toCompressedBytes());
    byte[] terms = SignedObjects.signed("PTrm", 2, payload, "policy-terms", signer, RANDOM);
    byte[] kfrag =
        Umbral.generateKFrags(policyKey, bob.encryptingKey(), signer, 1, 1, true, true, RANDOM)
            .get(0)
            .toBytes();
    return SignedObjects.sealedDelivery(
        terms, kfrag, node.address(), node.encryptingKey(), signer, RANDOM);
  }

  /** {@code signed} with its Alice key replaced by {@code alice}, re-signed by {@code signer}. */
  private static byte[] asAlice(
      byte[] signed, PublicKey alice, String brand, int major, String purpose, Signer signer)
      throws Exception {
    byte[] payload =
        SignedObjects.replace(
            SignedObjects.payload(signed),
            signer.verifyingKey().toCompressedBytes(),
            alice.toCompressedBytes());
    return SignedObjects.signed(brand, major, payload, purpose, signer, RANDOM);
  }
}
