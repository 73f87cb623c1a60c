package dev.nkms.node.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.network.testing.MutableClock;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.network.transport.NodeUnreachable;
import dev.nkms.node.NodeRuntime;
import dev.nkms.node.config.NodeConfig;
import dev.nkms.node.health.CheckResult.Outcome;
import dev.nkms.node.health.HealthRecord.Verdict;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.service.ReencryptionService;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.http.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health checks of real nodes (NodeRuntime over HTTPS), honest and not.
 *
 * <p>Why this file is long: every check a node runs on a peer and every verdict it can reach,
 * against fake peers that misbehave one way each.
 */
class HealthMonitorTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(T0);
  final NodeIdentity identity = NodeIdentity.generate(List.of(), clock);
  final Recording sent = new Recording(HttpsNodeClient.factory());
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  NodeRuntime start(String dataDir, ReencryptionService.DevFault fault) throws Exception {
    NodeConfig config =
        NodeConfig.builder(Files.createDirectory(dir.resolve(dataDir))).port(0).build();
    NodeRuntime node = NodeRuntime.startWithFault(config, identity, clock, fault);
    open.add(node);
    return node;
  }

  HealthMonitor monitor(NodeMetadata... peers) {
    HealthMonitor m = new HealthMonitor(() -> List.of(peers), sent, clock, RandomSource.secure());
    open.add(0, m);
    return m;
  }

  @Test
  void anHonestNodePassesAllThreeChecksAndTheChallengePolicyIsCreatedOnceThenReused()
      throws Exception {
    NodeMetadata node = start("honest", ReencryptionService.DevFault.NONE).metadata();
    HealthMonitor monitor = monitor(node);

    HealthRecord first = monitor.checkNow(node);
    assertThat(first.verdict()).as("%s", first).isEqualTo(Verdict.HEALTHY);
    assertThat(first.results().values())
        .extracting(CheckResult::outcome)
        .containsOnly(Outcome.PASSED);
    assertThat(first.checkedAt()).isEqualTo(T0);
    assertThat(first.consecutiveFailures()).isZero();
    assertThat(first.result(HealthCheck.CHALLENGE_POLICY).reason())
        .contains("created a challenge policy");
    Recording.Sent round1 = sent.take(identity);
    assertThat(round1.challenges()).hasSize(1);
    assertThat(round1.lifecycles()).hasSize(1);
    PolicyTerms challenge = round1.challenges().get(0);
    assertThat(challenge.threshold()).isEqualTo(1);
    assertThat(challenge.shares()).isEqualTo(1);
    assertThat(challenge.expiry()).isEqualTo(T0.plus(HealthMonitor.POLICY_VALIDITY));
    ReencryptionRequest firstAsk = round1.requestsFor(challenge.hrac()).get(0);

    clock.advance(Duration.ofHours(1));
    HealthRecord second = monitor.checkNow(node);

    assertThat(second.verdict()).as("%s", second).isEqualTo(Verdict.HEALTHY);
    assertThat(second.checkedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(second.result(HealthCheck.CHALLENGE_POLICY).reason())
        .isEqualTo("the challenge policy of " + T0 + " still re-encrypts correctly");
    Recording.Sent round2 = sent.take(identity);
    assertThat(round2.challenges()).as("no new challenge policy").isEmpty();
    assertThat(round2.granted()).hasSize(1);
    List<ReencryptionRequest> asks = round2.requestsFor(challenge.hrac());
    assertThat(asks).as("the old challenge policy is asked again").hasSize(1);
    assertThat(asks.get(0).capsules()).as("for its old capsule").isEqualTo(firstAsk.capsules());
    assertThat(asks.get(0).bobVerifyingKey()).isEqualTo(challenge.bobVerifyingKey());
    assertThat(monitor.records()).isEqualTo(Map.of(node.address(), second));
    assertThat(monitor.unhealthy()).isEmpty();
  }

  @Test
  void onAPaidNetworkAnUnpaidChallengeIsRightlyRefusedAndLeavesTheVerdictOpenNotUnhealthy()
      throws Exception {
    NodeConfig config =
        NodeConfig.builder(Files.createDirectory(dir.resolve("paid"))).port(0).build();
    NodeRuntime paid =
        NodeRuntime.start(
            config,
            identity,
            clock,
            new dev.nkms.node.NodePlugins(
                java.util.Optional.empty(),
                (terms, self, kfrag) -> java.util.Optional.of("no payment on chain"),
                List.of()));
    open.add(paid);
    NodeMetadata node = paid.metadata();

    HealthRecord r = monitor(node).checkNow(node);

    assertThat(r.result(HealthCheck.REACHABLE).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.result(HealthCheck.CHALLENGE_POLICY).outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(r.result(HealthCheck.POLICY_LIFECYCLE).outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(r.result(HealthCheck.POLICY_LIFECYCLE).reason()).contains("paid for on chain");
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void aChallengePolicyPastHalfItsValidityIsCheckedOnceMoreThenReplaced() throws Exception {
    NodeMetadata node = start("aging", ReencryptionService.DevFault.NONE).metadata();
    HealthMonitor monitor = monitor(node);
    monitor.checkNow(node);
    PolicyTerms first = sent.take(identity).challenges().get(0);

    clock.advance(HealthMonitor.POLICY_VALIDITY.dividedBy(2));
    HealthRecord r = monitor.checkNow(node);

    assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.HEALTHY);
    assertThat(r.result(HealthCheck.CHALLENGE_POLICY).reason())
        .startsWith(
            "the challenge policy of "
                + T0
                + " still re-encrypts correctly; created a challenge policy");
    Recording.Sent round = sent.take(identity);
    assertThat(round.requestsFor(first.hrac())).hasSize(1);
    assertThat(round.challenges()).hasSize(1);
    PolicyTerms replacement = round.challenges().get(0);
    assertThat(replacement.hrac()).isNotEqualTo(first.hrac());

    clock.advance(Duration.ofDays(1));
    monitor.checkNow(node);
    Recording.Sent next = sent.take(identity);
    assertThat(next.requestsFor(replacement.hrac())).hasSize(1);
    assertThat(next.requestsFor(first.hrac())).as("the old one is no longer asked").isEmpty();
  }

  @Test
  void everyPolicyAndRequestIsUnderFreshKeysThatOnlyTheChallengeReuses() throws Exception {
    NodeMetadata node = start("fresh", ReencryptionService.DevFault.NONE).metadata();
    HealthMonitor monitor = monitor(node);

    monitor.checkNow(node);
    Recording.Sent round1 = sent.take(identity);
    monitor.checkNow(node);
    Recording.Sent round2 = sent.take(identity);

    PolicyTerms challenge = round1.challenges().get(0);
    PolicyTerms life1 = round1.lifecycles().get(0);
    PolicyTerms life2 = round2.lifecycles().get(0);
    List<PolicyTerms> all = List.of(challenge, life1, life2);
    Set<PublicKey> keys = new HashSet<>();
    for (PolicyTerms t : all) {
      keys.addAll(
          List.of(
              t.aliceVerifyingKey(),
              t.bobVerifyingKey(),
              t.bobEncryptingKey(),
              t.policyEncryptingKey()));
    }
    assertThat(keys).as("no key shared between two policies or two roles").hasSize(4 * all.size());
    assertThat(keys).doesNotContain(identity.verifyingKey(), identity.encryptingKey().publicKey());
    // Each request is signed by the Bob of the policy it names, a key made for that policy alone
    // (the monitor is
    // never given the checking node's identity, so it cannot sign with it).
    List<ReencryptionRequest> requests = new ArrayList<>(round1.requests());
    requests.addAll(round2.requests());
    assertThat(requests)
        .hasSize(2 * 3); // per round: the challenge, the lifecycle policy before and after revoking
    for (ReencryptionRequest r : requests) {
      PolicyTerms terms =
          all.stream().filter(t -> t.hrac().equals(r.hrac())).findFirst().orElseThrow();
      assertThat(r.bobVerifyingKey()).isEqualTo(terms.bobVerifyingKey());
      assertThat(r.context()).as("nothing extra is sent").isEmpty();
    }
  }

  @Test
  void aNodeReturningCorruptedCfragsIsUnhealthyWithTheFailedProofNamed() throws Exception {
    NodeMetadata node = start("cheat", ReencryptionService.DevFault.CORRUPT_CFRAGS).metadata();
    HealthMonitor monitor = monitor(node);

    HealthRecord first = monitor.checkNow(node);

    assertThat(first.verdict()).isEqualTo(Verdict.UNHEALTHY);
    assertThat(first.result(HealthCheck.REACHABLE).outcome()).isEqualTo(Outcome.PASSED);
    for (HealthCheck check : List.of(HealthCheck.CHALLENGE_POLICY, HealthCheck.POLICY_LIFECYCLE)) {
      assertThat(first.result(check).outcome()).as("%s", check).isEqualTo(Outcome.FAILED);
      assertThat(first.result(check).reason())
          .as("%s", check)
          .contains(
              "re-encrypt", "the cfrag fails verification: Failed to verify reencryption proof");
    }
    assertThat(first.consecutiveFailures()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(10));
    HealthRecord second = monitor.checkNow(node);
    assertThat(second.verdict()).isEqualTo(Verdict.UNHEALTHY);
    assertThat(second.consecutiveFailures()).isEqualTo(2);
    assertThat(second.result(HealthCheck.CHALLENGE_POLICY).reason())
        .startsWith("re-encrypt the challenge: ")
        .contains("reencryption proof");
    assertThat(monitor.unhealthy()).containsExactly(node.address());
  }

  @Test
  void aNodeThatSignsAReceiptButKeepsReencryptingFailsTheLifecycleCheck() throws Exception {
    NodeMetadata node = start("liar", ReencryptionService.DevFault.NONE).metadata();
    // The node signs a receipt but the order never reaches its store: it goes on serving the
    // policy.
    sent.revocationStandIn =
        order ->
            RevocationReceipt.sign(
                order.hrac(),
                order.node(),
                clock.instant(),
                identity.signer(),
                RandomSource.secure());
    HealthMonitor monitor = monitor(node);

    HealthRecord r = monitor.checkNow(node);

    assertThat(r.verdict()).isEqualTo(Verdict.UNHEALTHY);
    assertThat(r.result(HealthCheck.CHALLENGE_POLICY).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.result(HealthCheck.POLICY_LIFECYCLE))
        .isEqualTo(
            CheckResult.failed(
                "re-encrypt after revoking: the node still re-encrypts under the revoked policy"));
  }

  @Test
  void aNodeThatIsDownIsUnhealthyOnReachabilityAndNotFurtherJudged() throws Exception {
    NodeRuntime runtime = start("down", ReencryptionService.DevFault.NONE);
    NodeMetadata node = runtime.metadata();
    runtime.close();
    HealthMonitor monitor = monitor(node);

    HealthRecord r = monitor.checkNow(node);

    assertThat(r.verdict()).isEqualTo(Verdict.UNHEALTHY);
    assertThat(r.result(HealthCheck.REACHABLE).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result(HealthCheck.REACHABLE).reason())
        .startsWith("fetch metadata: could not connect to node");
    assertThat(r.result(HealthCheck.CHALLENGE_POLICY).outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(r.result(HealthCheck.POLICY_LIFECYCLE).outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(monitor.unhealthy()).containsExactly(node.address());
  }

  @Test
  void aNodeThatLostItsStateFailsTheChallengeOnceAndGetsANewChallengePolicy() throws Exception {
    NodeRuntime before = start("before", ReencryptionService.DevFault.NONE);
    NodeMetadata old = before.metadata();
    HealthMonitor monitor = monitor(old);
    assertThat(monitor.checkNow(old).verdict()).isEqualTo(Verdict.HEALTHY);
    before.close();
    sent.take(identity);

    // Same identity, empty data directory, another port: the same node, without its kfrags.
    NodeMetadata node = start("after", ReencryptionService.DevFault.NONE).metadata();
    assertThat(node.port()).isNotEqualTo(old.port());
    clock.advance(Duration.ofMinutes(10));
    HealthRecord r = monitor.checkNow(node);

    assertThat(r.verdict()).isEqualTo(Verdict.UNHEALTHY);
    assertThat(r.result(HealthCheck.REACHABLE).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.result(HealthCheck.POLICY_LIFECYCLE).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(r.result(HealthCheck.CHALLENGE_POLICY).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.result(HealthCheck.CHALLENGE_POLICY).reason())
        .isEqualTo(
            "the node no longer knows the challenge"
                + " policy it accepted at "
                + T0
                + " (lost its state?); a new one replaces it");
    assertThat(sent.take(identity).challenges()).hasSize(1);

    clock.advance(Duration.ofMinutes(10));
    HealthRecord after = monitor.checkNow(node);
    assertThat(after.verdict()).as("%s", after).isEqualTo(Verdict.HEALTHY);
    assertThat(after.result(HealthCheck.CHALLENGE_POLICY).reason())
        .isEqualTo(
            "the challenge policy of "
                + T0.plus(Duration.ofMinutes(10))
                + " still re-encrypts correctly");
    assertThat(monitor.records()).containsOnlyKeys(node.address());
  }

  /**
   * The schedule, against fake nodes that answer in memory: which nodes a round checks, and how
   * many at once.
   */
  @Nested
  class Scheduling {
    final List<FakePeer> fakes = new ArrayList<>();
    final AtomicReference<List<NodeMetadata>> listed = new AtomicReference<>(List.of());
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger maxInside = new AtomicInteger();

    List<NodeMetadata> fakes(int count, CyclicBarrier metadataGate, CountDownLatch metadataCalls) {
      RandomSource random = RandomSource.secure();
      for (int i = 0; i < count; i++) {
        NodeMetadata md =
            NodeMetadata.sign(
                new Signer(SecretKey.random(random)),
                SecretKey.random(random).publicKey(),
                "local",
                "127.0.0.1",
                1000 + i,
                new byte[32],
                T0,
                random);
        fakes.add(new FakePeer(md, metadataGate, metadataCalls));
      }
      return fakes.stream().map(f -> f.metadata).toList();
    }

    HealthMonitor monitor(int parallelism) {
      HealthMonitor m =
          new HealthMonitor(
              listed::get,
              node -> fakes.stream().filter(f -> f.metadata.equals(node)).findFirst().orElseThrow(),
              clock,
              RandomSource.secure(),
              parallelism);
      open.add(0, m);
      return m;
    }

    @Test
    void aRoundChecksEveryListedNodeAtMostParallelismAtOnceAndForgetsTheUnlisted()
        throws Exception {
      // Two at a time, in pairs: the gate opens only when two checks are inside metadata()
      // together.
      List<NodeMetadata> all = fakes(6, new CyclicBarrier(2), new CountDownLatch(0));
      listed.set(all);
      HealthMonitor monitor = monitor(2);

      Map<NodeAddress, HealthRecord> round = monitor.checkAllNow();

      Set<NodeAddress> addresses =
          all.stream().map(NodeMetadata::address).collect(Collectors.toSet());
      assertThat(round.keySet()).isEqualTo(addresses);
      assertThat(monitor.records()).isEqualTo(round);
      assertThat(round.values()).extracting(HealthRecord::checkedAt).containsOnly(T0);
      assertThat(maxInside.get()).isEqualTo(2);
      assertThat(fakes)
          .allSatisfy(
              f -> assertThat(f.deliveries.getAndSet(0)).as("challenge + lifecycle").isEqualTo(2));

      listed.set(all.subList(0, 4));
      clock.advance(Duration.ofMinutes(10));
      monitor.checkAllNow();
      assertThat(monitor.records().keySet())
          .containsExactlyInAnyOrderElementsOf(
              all.subList(0, 4).stream().map(NodeMetadata::address).toList());
      assertThat(fakes.subList(0, 4))
          .allSatisfy(f -> assertThat(f.deliveries.getAndSet(0)).as("lifecycle only").isEqualTo(1));

      listed.set(all);
      monitor.checkAllNow();
      assertThat(fakes.subList(0, 4)).allSatisfy(f -> assertThat(f.deliveries.get()).isEqualTo(1));
      assertThat(fakes.subList(4, 6))
          .allSatisfy(
              f ->
                  assertThat(f.deliveries.get())
                      .as("forgotten with their challenge policy: a new one")
                      .isEqualTo(2));
      assertThat(maxInside.get()).isEqualTo(2);
    }

    @Test
    void startRunsARoundRightAwayThenOncePerIntervalUntilClosed() throws Exception {
      CountDownLatch checked = new CountDownLatch(3);
      listed.set(fakes(3, new CyclicBarrier(1), checked));
      HealthMonitor monitor = monitor(HealthMonitor.DEFAULT_PARALLELISM);

      monitor.start(Duration.ofHours(1));

      assertThat(checked.await(20, TimeUnit.SECONDS)).as("every listed node checked").isTrue();
      monitor.close();
      assertThat(fakes)
          .allSatisfy(
              f -> assertThat(f.metadataCalls.get()).as("one round in the hour").isEqualTo(1));
      assertThatThrownBy(() -> monitor.start(Duration.ofHours(1)))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> monitor.checkNow(fakes.get(0).metadata))
          .isInstanceOf(IllegalStateException.class);
    }

    /**
     * A node that serves its metadata (through a gate), accepts kfrags, and refuses re-encryption
     * with "internal".
     */
    final class FakePeer implements NodeApi {
      final NodeMetadata metadata;
      final CyclicBarrier gate;
      final CountDownLatch metadataCalled;
      final AtomicInteger metadataCalls = new AtomicInteger();
      final AtomicInteger deliveries = new AtomicInteger();

      FakePeer(NodeMetadata metadata, CyclicBarrier gate, CountDownLatch metadataCalled) {
        this.metadata = metadata;
        this.gate = gate;
        this.metadataCalled = metadataCalled;
      }

      @Override
      public NodeMetadata metadata() throws NodeException {
        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
          gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          throw new NodeUnreachable("the test gate did not open: " + e);
        } finally {
          inside.decrementAndGet();
        }
        metadataCalls.incrementAndGet();
        metadataCalled.countDown();
        return metadata;
      }

      @Override
      public MetadataResponse learn(MetadataRequest request) throws NodeException {
        throw new NodeRejected(ErrorCode.NOT_FOUND, "not served by this fake");
      }

      @Override
      public void deliver(KFragDelivery delivery) {
        deliveries.incrementAndGet();
      }

      @Override
      public void renew(SignedPolicyTerms terms) throws NodeException {
        throw new NodeRejected(ErrorCode.UNKNOWN_POLICY, "not served by this fake");
      }

      @Override
      public ReencryptionResponse reencrypt(ReencryptionRequest request) throws NodeException {
        throw new NodeRejected(ErrorCode.INTERNAL, "this fake does not re-encrypt");
      }

      @Override
      public RevocationReceipt revoke(RevocationOrder order) throws NodeException {
        throw new NodeRejected(ErrorCode.INTERNAL, "this fake does not revoke");
      }

      @Override
      public dev.nkms.protocol.PolicyStatus status(dev.nkms.protocol.PolicyStatusQuery query)
          throws NodeException {
        throw new NodeRejected(ErrorCode.INTERNAL, "this fake does not answer status queries");
      }
    }
  }
}
