package dev.nkms.client.alice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.client.testing.World;
import dev.nkms.network.learning.EligibleNode;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.testing.FakeNode;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Alice paying before delivering (the on-chain economy): what is paid for is exactly what the nodes
 * get.
 */
class PaidGrantTest {
  /** Records the payment and how many deliveries had happened when it was made. */
  static final class Recording implements PolicyPayment {
    final World world;
    final List<NodeAddress> nodes = new ArrayList<>();
    final List<byte[]> kfrags = new ArrayList<>();
    int payments;
    int deliveriesBeforePayment = -1;

    Recording(World world) {
      this.world = world;
    }

    @Override
    public void pay(SignedPolicyTerms terms, List<NodeAddress> n, List<byte[]> k) {
      payments++;
      deliveriesBeforePayment =
          world.network.all().stream().mapToInt(FakeNode::deliveriesSeen).sum();
      nodes.addAll(n);
      kfrags.addAll(k);
    }
  }

  @Test
  void thePaymentNamesEachChosenNodeWithTheKfragItThenReceivesAndComesBeforeAnyDelivery()
      throws Exception {
    World w = new World(7);
    Recording paid = new Recording(w);
    Policy policy =
        w.alice.paying(paid).grant(w.bobKeys.card(), "plans", 3, 5, w.days(30), Conditions.NONE);

    assertThat(paid.payments).isEqualTo(1);
    assertThat(paid.deliveriesBeforePayment).isZero();
    assertThat(paid.nodes).hasSize(5).doesNotHaveDuplicates();
    assertThat(policy.nodes().keySet()).containsExactlyInAnyOrderElementsOf(paid.nodes);
    for (int i = 0; i < paid.nodes.size(); i++) {
      FakeNode node = w.network.node(paid.nodes.get(i));
      assertThat(node.kfrag(policy.hrac())).get().isEqualTo(paid.kfrags.get(i));
    }
  }

  @Test
  void aFailedPaymentStopsTheGrantBeforeAnythingIsDelivered() {
    World w = new World(5);
    PolicyPayment failing =
        (terms, nodes, kfrags) -> {
          throw new PolicyPayment.PaymentFailed("insufficient funds", null);
        };

    assertThatThrownBy(
            () ->
                w.alice
                    .paying(failing)
                    .grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE))
        .isInstanceOf(GrantException.class)
        .hasMessageContaining("payment failed: insufficient funds");
    assertThat(w.network.all().stream().mapToInt(FakeNode::deliveriesSeen).sum()).isZero();
  }

  @Test
  void aPaidGrantDoesNotReplaceANodeThatRefusesAfterPayment() {
    World w = new World(6, World.inOrder(), World.NODE_TIMEOUT);
    w.registryNode(0).mode(FakeNode.Mode.REFUSE_KFRAGS);
    Recording paid = new Recording(w);

    assertThatThrownBy(
            () ->
                w.alice
                    .paying(paid)
                    .grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE))
        .isInstanceOf(GrantException.class)
        .hasMessageContaining("a replacement would not be paid");
    assertThat(w.registryNode(3).deliveriesSeen()).as("no unpaid replacement").isZero();
  }

  @Test
  void aNodeFailingTheLiveCheckIsNotPaidForButReplacedBeforePaying() throws Exception {
    World w = new World(5, World.inOrder(), World.NODE_TIMEOUT);
    FakeNode stale = w.registryNode(0);
    NodeDirectory checked =
        new NodeDirectory() {
          @Override
          public Optional<NodeMetadata> find(NodeAddress address) {
            return w.network.directory().find(address);
          }

          @Override
          public List<EligibleNode> eligible(Instant through) {
            return w.network.directory().eligible(through);
          }

          @Override
          public Optional<NodeMetadata> live(NodeMetadata node) {
            return node.address().equals(stale.address()) ? Optional.empty() : Optional.of(node);
          }
        };
    Recording paid = new Recording(w);
    Alice alice =
        new Alice(
                w.aliceKeys,
                checked,
                w.network.factory(),
                w.clock,
                w.random,
                World.NODE_TIMEOUT,
                World.inOrder())
            .paying(paid);

    Policy policy = alice.grant(w.bobKeys.card(), "plans", 2, 3, w.days(1), Conditions.NONE);

    assertThat(paid.nodes).hasSize(3).doesNotContain(stale.address());
    assertThat(policy.nodes().keySet()).containsExactlyInAnyOrderElementsOf(paid.nodes);
    assertThat(stale.deliveriesSeen()).isZero();
  }
}
