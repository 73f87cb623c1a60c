package dev.nkms.client.alice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.network.learning.EligibleNode;
import dev.nkms.network.testing.TestStakes;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.registry.OperatorAddress;
import dev.nkms.registry.SamplingRules;
import dev.nkms.registry.Stake;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Alice's stake-weighted selection over directory entries (the sampler's statistics are tested in
 * registry).
 */
class NodeSelectorTest {
  private final RandomSource random = RandomSource.deterministicStream("node-selector");
  private final List<EligibleNode> nodes = new ArrayList<>();

  NodeSelectorTest() {
    // Node i stakes 100 × 2^i: node 5 holds over half of all stake. Nodes 0 and 1 share an
    // operator.
    OperatorAddress shared = OperatorAddress.of(new byte[20]);
    for (int i = 0; i < 6; i++) {
      Signer signer = new Signer(SecretKey.random(random));
      NodeMetadata m =
          NodeMetadata.sign(
              signer,
              SecretKey.random(random).publicKey(),
              "test",
              "127.0.0.1",
              9000 + i,
              new byte[32],
              Instant.EPOCH,
              random);
      OperatorAddress op = i < 2 ? shared : OperatorAddress.of(m.address().toBytes());
      nodes.add(
          new EligibleNode(
              m, new Stake(op, m.address(), BigInteger.valueOf(100L << i), TestStakes.FOREVER)));
    }
  }

  @Test
  void heavierStakesAreDrawnFirstMoreOften() {
    Map<NodeAddress, Integer> firsts = new HashMap<>();
    for (int i = 0; i < 4000; i++) {
      firsts.merge(
          NodeSelector.stakeWeighted().sample(nodes, 1, random).get(0).metadata().address(),
          1,
          Integer::sum);
    }
    // Shares 1:2:4:8:16:32 of 63; node 5 expected 2032 of 4000 (σ ≈ 32), node 0 expected 63.
    assertThat(firsts.get(nodes.get(5).metadata().address())).isBetween(1870, 2190);
    assertThat(firsts.getOrDefault(nodes.get(0).metadata().address(), 0)).isBetween(20, 110);
  }

  @Test
  void handpickedComeFirstExclusionsAndTheOperatorCapHold() {
    NodeAddress pick = nodes.get(0).metadata().address();
    NodeAddress banned = nodes.get(5).metadata().address();
    SamplingRules rules =
        SamplingRules.DEFAULT
            .withHandpicked(List.of(pick))
            .withExcluded(Set.of(banned))
            .withMaxPerOperator(1);
    for (int i = 0; i < 50; i++) {
      List<EligibleNode> drawn = NodeSelector.stakeWeighted(rules).sample(nodes, 4, random);
      assertThat(drawn.get(0).metadata().address()).isEqualTo(pick);
      assertThat(drawn)
          .extracting(e -> e.metadata().address())
          .doesNotContain(banned)
          .doesNotContain(nodes.get(1).metadata().address())
          .doesNotHaveDuplicates();
    }
    // A replacement draw, whose candidates no longer include the handpicked node, draws by stake.
    assertThat(NodeSelector.stakeWeighted(rules).sample(nodes.subList(2, 6), 1, random)).hasSize(1);
  }

  @Test
  void tooFewNodesUnderTheRulesIsASelectionFailureThatSaysWhy() {
    SamplingRules rules =
        SamplingRules.DEFAULT.withExcluded(
            Set.of(nodes.get(4).metadata().address(), nodes.get(5).metadata().address()));
    assertThatThrownBy(() -> NodeSelector.stakeWeighted(rules).sample(nodes, 5, random))
        .isInstanceOf(NodeSelector.SelectionFailed.class)
        .hasMessageContaining("4");
  }
}
