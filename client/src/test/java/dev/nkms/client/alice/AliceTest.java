package dev.nkms.client.alice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.client.testing.World;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.network.testing.FakeNode;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.TreasureMap;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.message.SealedMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AliceTest {
  private static final byte[] SECRET = "the plans".getBytes(StandardCharsets.UTF_8);

  @Test
  void grantPlacesOneKfragOnEachOfNDistinctNodesAndSealsTheMapForBob() throws Exception {
    World w = new World(7);
    Policy policy = w.alice.grant(w.bobKeys.card(), "plans", 3, 5, w.days(30), Conditions.NONE);

    assertThat(policy.nodes()).hasSize(5);
    assertThat(policy.possiblyHolding()).isEmpty();
    for (FakeNode node : w.network.all()) {
      assertThat(node.holds(policy.hrac())).isEqualTo(policy.nodes().containsKey(node.address()));
    }
    PolicyTerms t = policy.terms().terms();
    assertThat(t.threshold()).isEqualTo(3);
    assertThat(t.shares()).isEqualTo(5);
    assertThat(t.start()).isEqualTo(w.clock.instant());
    assertThat(t.expiry()).isEqualTo(w.days(30));
    assertThat(t.revision()).isZero();
    assertThat(t.policyEncryptingKey()).isEqualTo(w.alice.policyEncryptingKey("plans"));
    assertThat(t.bobEncryptingKey()).isEqualTo(w.bobKeys.card().encryptingKey());

    TreasureMap map = policy.treasureMap().open(w.bobKeys.encryptingKey());
    assertThat(map.threshold()).isEqualTo(3);
    assertThat(map.hrac()).isEqualTo(policy.hrac());
    assertThat(map.destinations().keySet()).isEqualTo(policy.nodes().keySet());
    assertThat(map.aliceVerifyingKey()).isEqualTo(w.alice.verifyingKey());
    assertThat(map.destinations().values().stream().map(java.util.Arrays::toString).distinct())
        .hasSize(5);
  }

  @Test
  void aNodeFailingItsLiveCheckGetsNothingAndIsReplaced() throws Exception {
    World w = new World(5, World.inOrder(), World.NODE_TIMEOUT);
    FakeNode stale = w.registryNode(0);
    dev.nkms.network.learning.NodeDirectory checked =
        new dev.nkms.network.learning.NodeDirectory() {
          @Override
          public java.util.Optional<dev.nkms.protocol.NodeMetadata> find(
              dev.nkms.protocol.NodeAddress address) {
            return w.network.directory().find(address);
          }

          @Override
          public java.util.List<dev.nkms.network.learning.EligibleNode> eligible(
              java.time.Instant through) {
            return w.network.directory().eligible(through);
          }

          @Override
          public java.util.Optional<dev.nkms.protocol.NodeMetadata> live(
              dev.nkms.protocol.NodeMetadata node) {
            return node.address().equals(stale.address())
                ? java.util.Optional.empty()
                : java.util.Optional.of(node);
          }
        };
    Alice alice =
        new Alice(
            w.aliceKeys,
            checked,
            w.network.factory(),
            w.clock,
            w.random,
            World.NODE_TIMEOUT,
            World.inOrder());

    Policy policy = alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE);

    assertThat(policy.nodes()).hasSize(3).doesNotContainKey(stale.address());
    assertThat(stale.holds(policy.hrac())).as("nothing was delivered to it").isFalse();
    assertThat(policy.possiblyHolding()).doesNotContainKey(stale.address());
  }

  @Test
  void refusingNodesAreReplacedWithTheSameKfragResealed() throws Exception {
    World w = new World(6, World.inOrder(), World.NODE_TIMEOUT);
    FakeNode first = w.registryNode(0).mode(FakeNode.Mode.REFUSE_KFRAGS);
    FakeNode second = w.registryNode(1).mode(FakeNode.Mode.REFUSE_KFRAGS);

    Policy policy = w.alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE);

    assertThat(first.deliveriesSeen()).isEqualTo(1);
    assertThat(second.deliveriesSeen()).isEqualTo(1);
    assertThat(policy.nodes().keySet())
        .containsExactlyInAnyOrder(
            w.registryNode(2).address(), w.registryNode(3).address(), w.registryNode(4).address());
    assertThat(policy.possiblyHolding()).isEmpty(); // "busy" is a definite refusal
    assertThat(w.registryNode(5).deliveriesSeen()).isZero();
  }

  @Test
  void grantFailsNamingEachNodeWhenTheRegistryRunsOut() throws Exception {
    World w = new World(4, World.inOrder(), World.NODE_TIMEOUT);
    FakeNode busy = w.registryNode(1).mode(FakeNode.Mode.REFUSE_KFRAGS);
    FakeNode down = w.registryNode(3).mode(FakeNode.Mode.DOWN);

    assertThatThrownBy(
            () -> w.alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE))
        .isInstanceOfSatisfying(
            GrantException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("placed 2 of 3")
                  .contains(busy.address().toString())
                  .contains("503 busy")
                  .contains(down.address().toString())
                  .contains("unreachable")
                  .contains("no unused eligible node left (4 eligible)");
              assertThat(e.failures().keySet()).containsExactly(busy.address(), down.address());
              assertThat(e.placed().keySet())
                  .containsExactlyInAnyOrder(
                      w.registryNode(0).address(), w.registryNode(2).address());
              assertThat(e.possiblyHolding().keySet()).containsExactly(down.address());
              byte[] nonce = w.registryNode(0).terms(e.hrac()).orElseThrow().nonce();
              assertThat(dev.nkms.protocol.Hrac.derive(w.alice.verifyingKey(), nonce))
                  .isEqualTo(e.hrac());
            });
  }

  @Test
  void grantRefusesATooSmallRegistryUpFront() {
    World w = new World(2);
    assertThatThrownBy(
            () -> w.alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE))
        .isInstanceOf(GrantException.class)
        .hasMessageContaining("only 2 known node(s) are eligible until");
    assertThat(w.network.all()).allSatisfy(n -> assertThat(n.deliveriesSeen()).isZero());
  }

  @Test
  void grantValidatesItsArguments() {
    World w = new World(3);
    assertThatThrownBy(
            () -> w.alice.grant(w.bobKeys.card(), "plans", 3, 2, w.days(1), Conditions.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m=3 n=2");
    assertThatThrownBy(
            () ->
                w.alice.grant(w.bobKeys.card(), "plans", 1, 1, w.clock.instant(), Conditions.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after now");
    assertThatThrownBy(() -> w.alice.grant(w.bobKeys.card(), "", 1, 1, w.days(1), Conditions.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label");
  }

  @Test
  void aHangingNodeIsReplacedAfterOneTimeoutAndRememberedAsAPossibleHolder() throws Exception {
    Duration timeout =
        Duration.ofSeconds(1); // healthy nodes must answer within it, even on a loaded machine
    World w = new World(4, World.inOrder(), timeout);
    FakeNode hanging = w.registryNode(0).mode(FakeNode.Mode.HANG);

    long start = System.nanoTime();
    Policy policy = w.alice.grant(w.bobKeys.card(), "plans", 1, 2, w.days(1), Conditions.NONE);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(policy.nodes().keySet())
        .containsExactlyInAnyOrder(w.registryNode(1).address(), w.registryNode(2).address());
    assertThat(policy.possiblyHolding().keySet()).containsExactly(hanging.address());
    assertThat(took)
        .isGreaterThanOrEqualTo(timeout)
        .isLessThan(timeout.multipliedBy(GrantDelivery.GRANT_ROUNDS));
  }

  @Test
  void grantStopsReplacingWhenItsTimeBudgetIsSpent() {
    Duration timeout = Duration.ofMillis(300);
    World w = new World(6, World.inOrder(), timeout);
    for (int i = 0; i < 5; i++) {
      w.registryNode(i).mode(FakeNode.Mode.HANG);
    }
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> w.alice.grant(w.bobKeys.card(), "plans", 1, 1, w.days(1), Conditions.NONE))
        .isInstanceOf(GrantException.class)
        .hasMessageContaining("time budget");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(timeout.multipliedBy(GrantDelivery.GRANT_ROUNDS).plusMillis(1500));
    assertThat(w.registryNode(0).deliveriesSeen() + w.registryNode(1).deliveriesSeen())
        .isEqualTo(2);
    assertThat(
            w.registryNode(3).deliveriesSeen()
                + w.registryNode(4).deliveriesSeen()
                + w.registryNode(5).deliveriesSeen())
        .isZero();
  }

  @Test
  void revocationIsConfirmedOnlyByReceiptsSignedByTheNode() throws Exception {
    World w = new World(5);
    Policy policy = w.alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE);
    List<NodeAddress> holders = List.copyOf(policy.nodes().keySet());
    FakeNode down = w.network.node(holders.get(0)).mode(FakeNode.Mode.DOWN);
    FakeNode forger = w.network.node(holders.get(1)).mode(FakeNode.Mode.WRONG_SIGNER);
    FakeNode honest = w.network.node(holders.get(2));

    RevocationReport report = w.alice.revoke(policy);

    assertThat(report.isComplete()).isFalse();
    assertThat(report.confirmed().keySet()).containsExactly(honest.address());
    RevocationReceipt receipt = report.confirmed().get(honest.address());
    assertThat(receipt.isSignedBy(policy.nodes().get(honest.address()).verifyingKey())).isTrue();
    assertThat(receipt.hrac()).isEqualTo(policy.hrac());
    assertThat(report.unconfirmed()).containsOnlyKeys(down.address(), forger.address());
    assertThat(report.unconfirmed().get(down.address())).contains("unreachable");
    assertThat(report.unconfirmed().get(forger.address())).contains("not signed by the node's key");
    assertThat(honest.holds(policy.hrac())).isFalse();

    down.mode(FakeNode.Mode.HEALTHY);
    forger.mode(FakeNode.Mode.HEALTHY);
    RevocationReport again = w.alice.revoke(policy); // idempotent at the honest node
    assertThat(again.isComplete()).isTrue();
    assertThat(again.confirmed()).hasSize(3);
  }

  @Test
  void revocationAlsoReachesPossibleHolders() throws Exception {
    World w = new World(4, World.inOrder(), Duration.ofSeconds(1));
    FakeNode hanging = w.registryNode(0).mode(FakeNode.Mode.HANG);
    Policy policy = w.alice.grant(w.bobKeys.card(), "plans", 1, 1, w.days(1), Conditions.NONE);
    assertThat(policy.possiblyHolding().keySet()).containsExactly(hanging.address());

    hanging.mode(
        FakeNode.Mode.HEALTHY); // it never stored the kfrag (the fake hangs before storing)
    RevocationReport report = w.alice.revoke(policy);
    assertThat(hanging.revocationsSeen()).isEqualTo(1);
    // A node that never held the kfrag still confirms with a receipt: it keeps a tombstone, so the
    // delivery that
    // hung can never be stored there later.
    assertThat(report.confirmed().keySet())
        .containsExactlyInAnyOrder(w.registryNode(1).address(), hanging.address());
    assertThat(report.heldNothing()).isEmpty();
    assertThat(report.isComplete()).isTrue();
    assertThat(hanging.holds(policy.hrac())).isFalse();
  }

  @Test
  void renewalSendsHigherRevisionTermsToEveryHolder() throws Exception {
    World w = new World(4);
    Policy policy = w.alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE);
    NodeAddress downAddress = policy.nodes().keySet().iterator().next();
    w.network.node(downAddress).mode(FakeNode.Mode.DOWN);

    Renewal renewal = w.alice.renew(policy, w.days(10));

    assertThat(renewal.policy().terms().terms().revision()).isEqualTo(1);
    assertThat(renewal.policy().terms().terms().expiry()).isEqualTo(w.days(10));
    assertThat(renewal.failed()).containsOnlyKeys(downAddress);
    assertThat(renewal.renewed()).hasSize(2);
    assertThat(renewal.reachesThreshold()).isTrue();
    assertThat(renewal.isComplete()).isFalse();
    Set<Long> revisions =
        w.network.nodes(renewal.renewed()).stream()
            .map(n -> n.terms(policy.hrac()).orElseThrow().revision())
            .collect(Collectors.toSet());
    assertThat(revisions).containsExactly(1L);
    assertThat(w.network.node(downAddress).terms(policy.hrac()).orElseThrow().revision()).isZero();
    assertThatThrownBy(() -> w.alice.renew(policy, w.clock.instant()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void policyRoundTripsThroughBytes() throws Exception {
    World w = new World(4, World.inOrder(), Duration.ofSeconds(1));
    w.registryNode(0).mode(FakeNode.Mode.HANG);
    Policy policy = w.alice.grant(w.bobKeys.card(), "plans/2030", 2, 2, w.days(1), Conditions.NONE);

    Policy back = Policy.fromBytes(policy.toBytes());
    assertThat(back).isEqualTo(policy);
    assertThat(back.label()).isEqualTo("plans/2030");
    assertThat(back.nodes()).isEqualTo(policy.nodes());
    assertThat(back.possiblyHolding()).isEqualTo(policy.possiblyHolding()).hasSize(1);
    assertThat(back.treasureMap().toBytes()).isEqualTo(policy.treasureMap().toBytes());

    // The signed terms inside are checked: one changed byte in them and the record does not parse.
    byte[] badTerms = policy.toBytes();
    byte[] hrac = policy.hrac().toBytes();
    int at = indexOf(badTerms, hrac);
    badTerms[at] ^= 1;
    assertThatThrownBy(() -> Policy.fromBytes(badTerms))
        .isInstanceOf(dev.nkms.crypto.MalformedInputException.class);
  }

  /**
   * Bug 1 of issue 10: after a revocation the same label can be granted to the same Bob again,
   * under a new id.
   */
  @Test
  void aLabelCanBeGrantedAgainAfterItsPolicyWasRevoked() throws Exception {
    World w = new World(3);
    Policy first = w.alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE);
    assertThat(w.alice.revoke(first).isComplete()).isTrue();
    Policy second = w.alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE);
    assertThat(second.hrac()).isNotEqualTo(first.hrac());
    assertThat(second.label()).isEqualTo(first.label());
    assertThat(w.network.all())
        .allSatisfy(
            n -> {
              assertThat(n.holds(second.hrac())).isTrue();
              assertThat(n.holds(first.hrac())).isFalse();
            });
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void aliceDecryptsHerOwnLabelWithoutNodes() throws Exception {
    World w = new World(1);
    byte[] sealed = w.alice.enrico("diary").encrypt(SECRET);
    assertThat(w.alice.decryptOwn("diary", sealed)).isEqualTo(SECRET);

    ByteArrayInputStream in = new ByteArrayInputStream(sealed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    w.alice.decryptOwn("diary", SealedMessage.readHeader(in), in, out);
    assertThat(out.toByteArray()).isEqualTo(SECRET);

    assertThatThrownBy(() -> w.alice.decryptOwn("mail", sealed))
        .isInstanceOf(DecryptionException.class)
        .hasMessageContaining("'mail'");
    assertThat(w.network.all()).allSatisfy(n -> assertThat(n.requestCount()).isZero());
  }
}
