package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.Policy;
import dev.nkms.client.alice.Renewal;
import dev.nkms.client.alice.RevocationReport;
import dev.nkms.client.bob.Bob;
import dev.nkms.client.bob.ConditionNotMet;
import dev.nkms.client.bob.DecryptionFailed;
import dev.nkms.client.bob.Evidence;
import dev.nkms.client.bob.NotForThisBob;
import dev.nkms.client.bob.PolicyRevoked;
import dev.nkms.client.bob.Retrieval;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.client.message.Enrico;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.node.config.NodeDataDir;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.http.NodeStatus;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import dev.nkms.protocol.message.SealedMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole system on one machine: five real node processes on loopback (LocalNetwork), driven
 * through the Java client API over HTTPS — grant, retrieve, decrypt, crash and restart, a cheating
 * node, revocation, conditions, the wrong Bob, renewal. One network for the class; tests that stop
 * or alter a node put it back before they end.
 *
 * <p>Why this file is long: one network of real node processes serves every case (starting one
 * costs seconds); the cases are the life of that network in order.
 */
class NetworkEndToEndTest {
  private static final int NODES = 5;
  private static final Duration START_TIMEOUT = TestNetworks.START_TIMEOUT;

  /**
   * Generous: the machine may be busy, and a node that just started answers its first requests
   * slowly.
   */
  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(20);

  private static final Instant FAR = Instant.now().plus(Duration.ofDays(30));

  @TempDir static Path dir;
  private static LocalNetwork network;

  /** Node i (as LocalNetwork numbers them) → its current metadata. */
  private static final Map<Integer, NodeMetadata> node = new TreeMap<>();

  /** Nodes a test restarted with a fault injected, until it restores them. */
  private static final Set<Integer> tampered = new HashSet<>();

  /**
   * One client (one TLS connection) per node metadata for /v1/status; a restarted node has new
   * metadata.
   */
  private static final Map<NodeMetadata, HttpsNodeClient> STATUS_CLIENTS =
      new ConcurrentHashMap<>();

  private static final AliceKeys ALICE = AliceKeys.random(RandomSource.secure());
  private static final BobKeys BOB = BobKeys.random(RandomSource.secure());

  @BeforeAll
  static void startNetwork() throws Exception {
    network = TestNetworks.start(dir.resolve("network"), NODES);
    for (int i = 1; i <= NODES; i++) {
      node.put(
          i,
          NodeMetadata.fromBytes(
              Hex.decode(
                  Files.readString(
                          network.nodeDir(i).resolve(NodeDataDir.METADATA), StandardCharsets.UTF_8)
                      .strip())));
    }
    assertThat(network.nodes().nodes()).containsExactlyInAnyOrderElementsOf(node.values());
  }

  /**
   * Every test starts with all five nodes serving honestly: a node left down or cheating by a test
   * that failed half way is restarted, so one failure does not cascade into the others.
   */
  @BeforeEach
  void healNetwork() throws Exception {
    for (int i = 1; i <= NODES; i++) {
      if (tampered.contains(i) || !answers(i)) {
        network.kill(i);
        node.put(i, network.restart(i, START_TIMEOUT, Map.of()));
        tampered.remove(i);
      }
    }
  }

  @AfterAll
  static void stopNetwork() throws IOException {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  // ---------------------------------------------------------------------------------------------------- 1. basics

  @ParameterizedTest(name = "{0}-of-{1}: grant, retrieve, decrypt")
  @CsvSource({"1, 1", "2, 3", "3, 5"})
  void grantRetrieveDecrypt(int m, int n) throws Exception {
    String label = label("basic-" + m + "-of-" + n);
    Policy policy = alice().grant(BOB.card(), label, m, n, FAR, Conditions.NONE);
    assertThat(policy.nodes()).hasSize(n);
    assertThat(network.nodes().nodes())
        .extracting(NodeMetadata::address)
        .containsAll(policy.nodes().keySet());

    Sealed msg = seal(label, 150_000); // three 64 KiB chunks
    EncryptedTreasureMap handedOver =
        EncryptedTreasureMap.fromBytes(policy.treasureMap().toBytes());
    Retrieval r =
        bob(BOB, network.directory(), HttpsNodeClient.factory(), 1)
            .retrieve(handedOver, List.of(msg.kit));
    assertThat(r.decrypt(0, msg.sealed)).isEqualTo(msg.plaintext);
    assertThat(r.misbehavingNodes()).isEmpty();
    assertThat(r.state().cfrags(msg.kit.capsule())).hasSizeGreaterThanOrEqualTo(m);
  }

  @Test
  void hundredCapsulesInOneRetrieval() throws Exception {
    String label = label("hundred");
    Policy policy = alice().grant(BOB.card(), label, 2, 3, FAR, Conditions.NONE);
    List<Sealed> messages = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      messages.add(seal(label, 64 + i));
    }
    List<MessageKit> kits = new ArrayList<>();
    messages.forEach(s -> kits.add(s.kit));

    ObservedNodes observed = ObservedNodes.over(HttpsNodeClient.factory());
    Retrieval r = bob(BOB, network.directory(), observed, 1).retrieve(policy.treasureMap(), kits);

    assertThat(r.size()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(r.decrypt(i, messages.get(i).sealed))
          .as("message %d", i)
          .isEqualTo(messages.get(i).plaintext);
    }
    // One request per node asked, each carrying all 100 capsules.
    assertThat(observed.requests()).hasSizeBetween(2, 3);
    observed.requests().values().forEach(sizes -> assertThat(sizes).containsExactly(100));
  }

  // ------------------------------------------------------------------------------------------ 2.
  // crash and restart

  @Test
  void bobDecryptsWithTwoOfFiveNodesKilledAndRestartedNodesKeepTheirState() throws Exception {
    int k1 = 4;
    int k2 = 5;
    String label = label("crash");
    Alice alice = alice();
    Policy policy = alice.grant(BOB.card(), label, 3, 5, FAR, Conditions.NONE);
    Policy revoked =
        alice.grant(BOB.card(), label("revoked-before-crash"), 2, 5, FAR, Conditions.NONE);
    assertThat(alice.revoke(revoked).confirmed()).hasSize(5);
    Sealed msg = seal(label, 1000);

    // Bob asks exactly nodes 3, 4 and 5 (the others are not in his registry), so both nodes to be
    // killed log an access.
    Retrieval viaDoomed =
        bob(BOB, only(3, k1, k2), HttpsNodeClient.factory(), 0)
            .retrieve(policy.treasureMap(), List.of(msg.kit));
    assertThat(viaDoomed.decrypt(0, msg.sealed)).isEqualTo(msg.plaintext);
    NodeStatus before1 = status(k1);
    NodeStatus before2 = status(k2);
    assertThat(before1.accessLogEntries()).isPositive();
    assertThat(before2.accessLogEntries()).isPositive();
    NodeMetadata old1 = node.get(k1);
    NodeMetadata old2 = node.get(k2);

    assertThat(network.kill(k1)).isTrue();
    assertThat(network.kill(k2)).isTrue();
    try {
      assertThatThrownBy(() -> status(k1)).as("node %d is down", k1).isInstanceOf(Exception.class);
      Retrieval r =
          bob(BOB, network.directory(), HttpsNodeClient.factory(), 1)
              .retrieve(policy.treasureMap(), List.of(msg.kit));
      assertThat(r.decrypt(0, msg.sealed)).isEqualTo(msg.plaintext);
      assertThat(r.state().cfrags(msg.kit.capsule()))
          .doesNotContainKeys(old1.address(), old2.address());
    } finally {
      node.put(k1, network.restart(k1, START_TIMEOUT, Map.of()));
      node.put(k2, network.restart(k2, START_TIMEOUT, Map.of()));
    }

    for (int k : new int[] {k1, k2}) {
      NodeMetadata old = k == k1 ? old1 : old2;
      NodeStatus before = k == k1 ? before1 : before2;
      assertThat(node.get(k).address()).isEqualTo(old.address());
      assertThat(node.get(k).port()).as("same port from node.yaml").isEqualTo(old.port());
      NodeStatus after = status(k);
      // ≥: peers' health checks store (and revoke) 1-of-1 probe policies of their own meanwhile —
      // more of them the
      // slower the machine. That this test's own kfrags and revocation survived is shown below by
      // using them.
      assertThat(after.policies())
          .as("node %d policies", k)
          .isGreaterThanOrEqualTo(before.policies());
      assertThat(after.revocations())
          .as("node %d revocations", k)
          .isGreaterThanOrEqualTo(before.revocations());
      // ≥: a request another test abandoned may have been logged just after the count was read.
      assertThat(after.accessLogEntries())
          .as("node %d access log", k)
          .isGreaterThanOrEqualTo(before.accessLogEntries());
      // Its revocation survived: the revoked policy is still refused.
      NodeRejected refusal =
          catchThrowableOfType(
              NodeRejected.class,
              () -> askDirectly(node.get(k), BOB, revoked.hrac(), msg.kit.capsule()));
      assertThat(refusal).as("node %d after restart", k).isNotNull();
      assertThat(refusal.code()).isEqualTo(ErrorCode.REVOKED);
    }
    // Its kfrags survived: Bob again asks exactly nodes 3, 4 and 5, and needs both restarted nodes'
    // cfrags.
    Retrieval again =
        bob(BOB, only(3, k1, k2), HttpsNodeClient.factory(), 0)
            .retrieve(policy.treasureMap(), List.of(msg.kit));
    assertThat(again.decrypt(0, msg.sealed)).isEqualTo(msg.plaintext);
    assertThat(again.state().cfrags(msg.kit.capsule()))
        .containsKeys(old1.address(), old2.address());
  }

  // ------------------------------------------------------------------------------------------------- 3. a cheater

  @Test
  void nodeWithCorruptCfragsIsNamedWithEvidenceAndBobDecryptsWithTheOthers() throws Exception {
    int c = 2;
    String label = label("cheater");
    Policy policy = alice().grant(BOB.card(), label, 3, 5, FAR, Conditions.NONE);
    Sealed one = seal(label, 500);
    Sealed two = seal(label, 700);
    NodeAddress cheater = node.get(c).address();

    assertThat(network.kill(c)).isTrue();
    tampered.add(c);
    try {
      node.put(c, network.restart(c, START_TIMEOUT, Map.of("NKMS_DEV_FAULT", "corrupt-cfrags")));
      // All five nodes are asked at once (threshold 3 + hedge 2); the honest ones answer only after
      // the cheater did,
      // and one capsule per request makes each honest node answer twice, so the cheater's answer
      // reaches Bob first.
      ObservedNodes gate =
          ObservedNodes.answeringFirst(HttpsNodeClient.factory(), cheater, NODE_TIMEOUT);
      Bob bob =
          new Bob(
              BOB,
              network.directory(),
              gate,
              Clock.systemUTC(),
              RandomSource.secure(),
              new RetrievalOptions(Duration.ofSeconds(40), 2, 1));
      Retrieval r = bob.retrieve(policy.treasureMap(), List.of(one.kit, two.kit));

      assertThat(r.decrypt(0, one.sealed)).isEqualTo(one.plaintext);
      assertThat(r.decrypt(1, two.sealed)).isEqualTo(two.plaintext);
      assertThat(r.misbehavingNodes()).containsOnlyKeys(cheater);
      assertThat(r.misbehavingNodes().get(cheater)).contains("fails verification");
      assertThat(r.state().cfrags(one.kit.capsule())).hasSize(3).doesNotContainKey(cheater);

      assertThat(r.evidence()).hasSize(1);
      Evidence evidence = r.evidence().get(0);
      assertThat(evidence.node()).isEqualTo(cheater);
      ReencryptionResponse signed = ReencryptionResponse.fromBytes(evidence.signedResponse());
      Capsule asked = signed.capsules().get(0);
      assertThat(List.of(one.kit.capsule(), two.kit.capsule())).contains(asked);
      // The node cannot deny it: its own key verifies the response, another node's does not.
      List<CapsuleFrag> cfrags =
          signed.verify(node.get(c).verifyingKey(), policy.hrac(), List.of(asked));
      assertThatThrownBy(
              () -> signed.verify(node.get(1).verifyingKey(), policy.hrac(), List.of(asked)))
          .isInstanceOf(VerificationException.class);
      // …and the cfrag inside fails its proof.
      assertThatThrownBy(
              () ->
                  cfrags
                      .get(0)
                      .verify(
                          asked,
                          ALICE.verifyingKey(),
                          ALICE.policyEncryptingKey(label),
                          BOB.encryptingKey().publicKey()))
          .isInstanceOf(VerificationException.class);
      assertThat(evidence.cfrag())
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(cfrags.get(0).toBytes()));
      assertThat(evidence.capsule())
          .hasValueSatisfying(b -> assertThat(b).isEqualTo(asked.toBytes()));
    } finally {
      network.kill(c);
      node.put(c, network.restart(c, START_TIMEOUT, Map.of()));
      tampered.remove(c);
    }
    // Restored: the node's cfrags verify again.
    ReencryptionResponse honest = askDirectly(node.get(c), BOB, policy.hrac(), one.kit.capsule());
    honest
        .verify(node.get(c).verifyingKey(), policy.hrac(), List.of(one.kit.capsule()))
        .get(0)
        .verify(
            one.kit.capsule(),
            ALICE.verifyingKey(),
            ALICE.policyEncryptingKey(label),
            BOB.encryptingKey().publicKey());
  }

  // ------------------------------------------------------------------------------------------------ 4. revocation

  @Test
  void revokedPolicyHasThreeSignedReceiptsAndBobIsRefused() throws Exception {
    String label = label("revoke");
    Alice alice = alice();
    Policy policy = alice.grant(BOB.card(), label, 2, 3, FAR, Conditions.NONE);
    Sealed msg = seal(label, 300);
    Bob bob = bob(BOB, network.directory(), HttpsNodeClient.factory(), 1);
    assertThat(bob.retrieve(policy.treasureMap(), List.of(msg.kit)).decrypt(0, msg.sealed))
        .isEqualTo(msg.plaintext);
    Map<NodeAddress, Long> revocationsBefore = new TreeMap<>();
    for (NodeMetadata holder : policy.nodes().values()) {
      revocationsBefore.put(holder.address(), status(holder).revocations());
    }

    RevocationReport report = alice.revoke(policy);

    assertThat(report.isComplete()).as(report.toString()).isTrue();
    assertThat(report.confirmed()).hasSize(3).containsOnlyKeys(policy.nodes().keySet());
    report
        .confirmed()
        .forEach(
            (address, receipt) -> {
              RevocationReceipt parsed = reparse(receipt);
              assertThat(parsed.isSignedBy(policy.nodes().get(address).verifyingKey())).isTrue();
              assertThat(parsed.isSignedBy(ALICE.verifyingKey())).isFalse();
              assertThat(parsed.hrac()).isEqualTo(policy.hrac());
              assertThat(parsed.node()).isEqualTo(address);
            });
    assertThatThrownBy(() -> bob.retrieve(policy.treasureMap(), List.of(msg.kit)))
        .isInstanceOf(PolicyRevoked.class)
        .hasMessageContaining("revoked");
    for (NodeMetadata holder : policy.nodes().values()) {
      assertThat(status(holder).revocations())
          .as("revocations at %s", holder.address())
          .isEqualTo(revocationsBefore.get(holder.address()) + 1);
    }
  }

  // ------------------------------------------------------------------------------------------------- 5. conditions

  @Test
  void timeWindowThatAlreadyClosedOrHasNotOpenedIsAConditionNotMet() throws Exception {
    Instant now = Instant.now();
    Alice alice = alice();
    Bob bob = bob(BOB, network.directory(), HttpsNodeClient.factory(), 1);

    String closedLabel = label("closed-window");
    Policy closed =
        alice.grant(
            BOB.card(),
            closedLabel,
            2,
            3,
            FAR,
            Conditions.of(
                TimeWindow.between(
                    now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))));
    Sealed a = seal(closedLabel, 100);
    ConditionNotMet e1 =
        catchThrowableOfType(
            ConditionNotMet.class, () -> bob.retrieve(closed.treasureMap(), List.of(a.kit)));
    assertThat(e1).isNotNull();
    assertThat(e1.nodeMessage()).contains("closed");

    String futureLabel = label("future-window");
    Policy future =
        alice.grant(
            BOB.card(),
            futureLabel,
            2,
            3,
            FAR,
            Conditions.of(
                TimeWindow.between(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)))));
    Sealed b = seal(futureLabel, 100);
    ConditionNotMet e2 =
        catchThrowableOfType(
            ConditionNotMet.class, () -> bob.retrieve(future.treasureMap(), List.of(b.kit)));
    assertThat(e2).isNotNull();
    assertThat(e2.nodeMessage()).contains("opens");

    String openLabel = label("open-window");
    Policy open =
        alice.grant(
            BOB.card(),
            openLabel,
            2,
            3,
            FAR,
            Conditions.of(
                TimeWindow.between(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)))));
    Sealed c = seal(openLabel, 100);
    assertThat(bob.retrieve(open.treasureMap(), List.of(c.kit)).decrypt(0, c.sealed))
        .isEqualTo(c.plaintext);
  }

  @Test
  void accessLoggedPolicyWorksAndTheNodesLogsGrow() throws Exception {
    String label = label("access-log");
    Policy policy =
        alice().grant(BOB.card(), label, 2, 3, FAR, Conditions.of(AccessLogging.REQUIRED));
    Sealed msg = seal(label, 400);
    Map<NodeAddress, Long> before = new TreeMap<>();
    for (NodeMetadata holder : policy.nodes().values()) {
      before.put(holder.address(), status(holder).accessLogEntries());
    }

    // No hedge: Bob asks exactly two nodes, and each answer is logged before it is sent.
    Retrieval r =
        bob(BOB, network.directory(), HttpsNodeClient.factory(), 0)
            .retrieve(policy.treasureMap(), List.of(msg.kit));

    assertThat(r.decrypt(0, msg.sealed)).isEqualTo(msg.plaintext);
    assertThat(r.state().askedNodes()).hasSize(2);
    for (NodeAddress asked : r.state().askedNodes()) {
      assertThat(status(policy.nodes().get(asked)).accessLogEntries())
          .as("access log of %s", asked)
          .isGreaterThan(before.get(asked));
    }
  }

  // ------------------------------------------------------------------------------------------------ 6. wrong Bob

  @Test
  void anotherBobCannotOpenTheMapNorUseHisOwnPolicyForThisOne() throws Exception {
    String label = label("for-bob");
    Alice alice = alice();
    Policy policy = alice.grant(BOB.card(), label, 2, 3, FAR, Conditions.NONE);
    Sealed msg = seal(label, 200);
    BobKeys eveKeys = BobKeys.random(RandomSource.secure());
    Bob eve = bob(eveKeys, network.directory(), HttpsNodeClient.factory(), 1);

    EncryptedTreasureMap sameBytes = EncryptedTreasureMap.fromBytes(policy.treasureMap().toBytes());
    assertThatThrownBy(() -> eve.openTreasureMap(sameBytes)).isInstanceOf(NotForThisBob.class);
    assertThatThrownBy(() -> eve.retrieve(sameBytes, List.of(msg.kit)))
        .isInstanceOf(NotForThisBob.class);

    // Eve's own, genuine policy for another label gets her cfrags for her policy only: Bob's kit
    // does not open.
    String evesLabel = label("for-eve");
    Policy evesPolicy = alice.grant(eveKeys.card(), evesLabel, 2, 3, FAR, Conditions.NONE);
    Sealed evesMsg = seal(evesLabel, 200);
    assertThat(
            eve.retrieve(evesPolicy.treasureMap(), List.of(evesMsg.kit)).decrypt(0, evesMsg.sealed))
        .isEqualTo(evesMsg.plaintext);
    assertThatThrownBy(() -> eve.retrieve(evesPolicy.treasureMap(), List.of(msg.kit)))
        .isInstanceOf(DecryptionFailed.class);
    // Asking Bob's policy's nodes directly, with her own signature, is refused: she is not the
    // grantee.
    for (NodeMetadata holder : policy.nodes().values()) {
      NodeRejected refusal =
          catchThrowableOfType(
              NodeRejected.class,
              () -> askDirectly(holder, eveKeys, policy.hrac(), msg.kit.capsule()));
      assertThat(refusal).as("node %s", holder.address()).isNotNull();
      assertThat(refusal.code()).isEqualTo(ErrorCode.NOT_THE_GRANTEE);
    }
    // Bob himself still can.
    Retrieval r =
        bob(BOB, network.directory(), HttpsNodeClient.factory(), 1)
            .retrieve(sameBytes, List.of(msg.kit));
    assertThat(r.decrypt(0, msg.sealed)).isEqualTo(msg.plaintext);
  }

  // --------------------------------------------------------------------------------------------------- 7. renewal

  @Test
  void renewedPolicyKeepsWorkingAndEveryNodeTookTheNewTerms() throws Exception {
    String label = label("renew");
    Alice alice = alice();
    Policy policy =
        alice.grant(
            BOB.card(), label, 2, 3, Instant.now().plus(Duration.ofHours(1)), Conditions.NONE);
    Instant later = Instant.now().plus(Duration.ofDays(60));

    Renewal renewal = alice.renew(policy, later);

    assertThat(renewal.failed()).isEmpty();
    assertThat(renewal.renewed()).isEqualTo(policy.nodes().keySet());
    assertThat(renewal.policy().terms().terms().expiry().getEpochSecond())
        .isEqualTo(later.getEpochSecond());
    assertThat(renewal.policy().terms().terms().revision()).isEqualTo(1);
    Sealed msg = seal(label, 250);
    Retrieval r =
        bob(BOB, network.directory(), HttpsNodeClient.factory(), 1)
            .retrieve(renewal.policy().treasureMap(), List.of(msg.kit));
    assertThat(r.decrypt(0, msg.sealed)).isEqualTo(msg.plaintext);
    // The nodes stored revision 1: renewing the original again (revision 1 once more) is stale
    // everywhere.
    Renewal stale = alice.renew(policy, later.plus(Duration.ofDays(1)));
    assertThat(stale.renewed()).isEmpty();
    assertThat(stale.failed()).containsOnlyKeys(policy.nodes().keySet());
    stale.failed().values().forEach(why -> assertThat(why).contains("stale-terms"));
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  private record Sealed(byte[] plaintext, byte[] sealed, MessageKit kit) {}

  private static String label(String what) {
    return what + "-" + UUID.randomUUID();
  }

  private static Alice alice() throws IOException {
    return new Alice(
        ALICE,
        network.directory(),
        HttpsNodeClient.factory(),
        Clock.systemUTC(),
        RandomSource.secure(),
        NODE_TIMEOUT);
  }

  private static Bob bob(
      BobKeys keys, NodeDirectory directory, NodeApiFactory transport, int hedge) {
    return new Bob(
        keys,
        directory,
        transport,
        Clock.systemUTC(),
        RandomSource.secure(),
        RetrievalOptions.defaults().withPerNodeTimeout(NODE_TIMEOUT).withHedge(hedge));
  }

  /** A directory that knows only the given nodes (by LocalNetwork index). */
  private static NodeDirectory only(int... indices) throws IOException {
    List<NodeMetadata> known = new ArrayList<>();
    for (int i : indices) {
      known.add(node.get(i));
    }
    return NodeDirectory.fixed(known, network.registry());
  }

  /** Enrico, knowing only the label's policy key, seals {@code size} random bytes. */
  private static Sealed seal(String label, int size) throws Exception {
    byte[] plaintext = RandomSource.secure().nextBytes(size);
    byte[] sealed =
        new Enrico(ALICE.policyEncryptingKey(label), RandomSource.secure()).encrypt(plaintext);
    return new Sealed(
        plaintext, sealed, SealedMessage.readHeader(new ByteArrayInputStream(sealed)));
  }

  private static ReencryptionResponse askDirectly(
      NodeMetadata to, BobKeys as, Hrac hrac, Capsule capsule) throws Exception {
    ReencryptionRequest request =
        ReencryptionRequest.sign(
            hrac, List.of(capsule), Map.of(), Instant.now(), as.signer(), RandomSource.secure());
    return HttpsNodeClient.connect(to).reencrypt(request);
  }

  private static boolean answers(int i) {
    try {
      status(i);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static NodeStatus status(int i) throws Exception {
    return status(node.get(i));
  }

  private static NodeStatus status(NodeMetadata m) throws Exception {
    return STATUS_CLIENTS.computeIfAbsent(m, HttpsNodeClient::connect).status();
  }

  private static RevocationReceipt reparse(RevocationReceipt receipt) {
    try {
      return RevocationReceipt.fromBytes(receipt.toBytes());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
