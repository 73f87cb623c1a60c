package dev.nkms.client.bob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.client.alice.Policy;
import dev.nkms.client.message.Enrico;
import dev.nkms.client.testing.World;
import dev.nkms.crypto.RandomInts;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.network.testing.FakeNode;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.protocol.keys.BobKeys;
import dev.nkms.protocol.message.SealedMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BobTest {
  private static byte[] data(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static MessageKit kit(byte[] sealed) throws Exception {
    return SealedMessage.readHeader(new ByteArrayInputStream(sealed));
  }

  private static List<FakeNode> holders(World w, Policy p) {
    return w.network.nodes(p.nodes().keySet());
  }

  /**
   * Bob shuffles the map's nodes with his RandomSource before anything else draws from it, so with
   * a deterministic source the test can tell which node he asks first. With hedge 0 that node's
   * answer must be dealt with before the threshold can be met, so a test can rely on it being
   * asked.
   */
  private static FakeNode firstAsked(World w, Policy p, String seed) {
    List<NodeAddress> order =
        RandomInts.shuffled(
            new ArrayList<>(p.nodes().keySet()), RandomSource.deterministicStream(seed));
    return w.network.node(order.get(0));
  }

  private static Bob bobAskingInSeedOrder(World w, String seed) {
    return w.bob(
        w.bobKeys,
        RetrievalOptions.defaults().withHedge(0),
        RandomSource.deterministicStream(seed));
  }

  @ParameterizedTest(name = "{0}-of-{1}")
  @CsvSource({"1,1", "2,3", "3,5"})
  void grantThenRetrieveAndDecrypt(int m, int n) throws Exception {
    World w = new World(n + 2);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", m, n, w.days(7), Conditions.NONE);
    Enrico enrico = w.alice.enrico("album");
    byte[] first = data(100_000, 1);
    byte[] second = data(0, 2);
    byte[] sealed1 = enrico.encrypt(first);
    byte[] sealed2 = enrico.encrypt(second);

    Retrieval r = w.bob.retrieve(policy.treasureMap(), List.of(kit(sealed1), kit(sealed2)));

    assertThat(r.decrypt(0, sealed1)).isEqualTo(first);
    assertThat(r.decrypt(1, sealed2)).isEqualTo(second);
    ByteArrayInputStream in = new ByteArrayInputStream(sealed1);
    SealedMessage.readHeader(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.decrypt(0, in, out);
    assertThat(out.toByteArray()).isEqualTo(first);
    assertThatThrownBy(() -> r.decrypt(1, sealed1)).hasMessageContaining("not kit 1");

    assertThat(r.misbehavingNodes()).isEmpty();
    assertThat(r.evidence()).isEmpty();
    // At most threshold + hedge nodes, one batched request each with both capsules. (A hedged call
    // may be
    // cancelled before it reaches its node once the threshold is met, so "asked" can exceed
    // "received".)
    int received = 0;
    for (FakeNode node : holders(w, policy)) {
      if (node.requestCount() > 0) {
        received++;
        assertThat(r.state().askedNodes()).contains(node.address());
        assertThat(node.requests())
            .singleElement()
            .satisfies(
                q ->
                    assertThat(q.capsules())
                        .containsExactly(kit(sealed1).capsule(), kit(sealed2).capsule()));
      }
    }
    assertThat(received).isBetween(m, Math.min(n, m + 1));
    assertThat(r.state().askedNodes().size()).isBetween(received, Math.min(n, m + 1));
  }

  @Test
  void nMinusMNodesDownStillWorks() throws Exception {
    World w = new World(5);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 3, 5, w.days(7), Conditions.NONE);
    List<FakeNode> holders = holders(w, policy);
    holders.get(0).mode(FakeNode.Mode.DOWN);
    holders.get(3).mode(FakeNode.Mode.DOWN);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 3));

    Retrieval r = w.bob.retrieve(policy.treasureMap(), List.of(kit(sealed)));

    assertThat(r.decrypt(0, sealed)).isEqualTo(data(10, 3));
    assertThat(r.state().cfrags(kit(sealed).capsule()))
        .hasSize(3)
        .doesNotContainKeys(holders.get(0).address(), holders.get(3).address());
  }

  @Test
  void oneNodeTooManyDownIsNotEnoughNodesNamingEach() throws Exception {
    World w = new World(5);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 3, 5, w.days(7), Conditions.NONE);
    List<FakeNode> holders = holders(w, policy);
    for (int i = 0; i < 3; i++) {
      holders.get(i).mode(FakeNode.Mode.DOWN);
    }
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 3));

    assertThatThrownBy(() -> w.bob.retrieve(policy.treasureMap(), List.of(kit(sealed))))
        .isInstanceOfSatisfying(
            NotEnoughNodes.class,
            e -> {
              assertThat(e.nodeFailures())
                  .containsOnlyKeys(
                      holders.get(0).address(), holders.get(1).address(), holders.get(2).address());
              assertThat(e.nodeFailures().values())
                  .allSatisfy(why -> assertThat(why).contains("unreachable"));
              assertThat(e.getMessage())
                  .contains(holders.get(0).address().toString())
                  .contains("threshold 3")
                  .contains("the worst has 2 verified cfrag(s)");
              assertThat(e.state()).isPresent();
            });
  }

  @Test
  void aNodeAnsweringACorruptedCfragIsNamedWithEvidenceAndTheOthersAreUsed() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    FakeNode cheat = firstAsked(w, policy, "cheat").mode(FakeNode.Mode.CORRUPT_CFRAG);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 4));
    MessageKit kit = kit(sealed);

    Retrieval r = bobAskingInSeedOrder(w, "cheat").retrieve(policy.treasureMap(), List.of(kit));

    assertThat(r.decrypt(0, sealed)).isEqualTo(data(10, 4));
    assertThat(r.misbehavingNodes()).containsOnlyKeys(cheat.address());
    assertThat(r.misbehavingNodes().get(cheat.address())).contains("fails verification");
    assertThat(r.state().cfrags(kit.capsule())).doesNotContainKey(cheat.address()).hasSize(2);

    Evidence e = r.evidence().get(0);
    assertThat(r.evidence()).hasSize(1);
    assertThat(e.node()).isEqualTo(cheat.address());
    assertThat(e.capsule())
        .hasValueSatisfying(c -> assertThat(c).isEqualTo(kit.capsule().toBytes()));
    // A third party can re-check it: the response is signed by the node and the cfrag in it fails
    // its proof.
    ReencryptionResponse signed = ReencryptionResponse.fromBytes(e.signedResponse());
    List<CapsuleFrag> cfrags =
        signed.verify(
            policy.nodes().get(cheat.address()).verifyingKey(),
            policy.hrac(),
            List.of(kit.capsule()));
    assertThat(cfrags.get(0).toBytes()).isEqualTo(e.cfrag().orElseThrow());
    assertThatThrownBy(
            () ->
                cfrags
                    .get(0)
                    .verify(
                        Capsule.fromBytes(e.capsule().orElseThrow()),
                        w.alice.verifyingKey(),
                        w.alice.policyEncryptingKey("album"),
                        w.bobKeys.card().encryptingKey()))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aResponseNotSignedByTheNodeIsDroppedAndNamedWithoutEvidence() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    FakeNode forger = firstAsked(w, policy, "forger").mode(FakeNode.Mode.WRONG_SIGNER);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 5));

    Retrieval r =
        bobAskingInSeedOrder(w, "forger").retrieve(policy.treasureMap(), List.of(kit(sealed)));

    assertThat(r.decrypt(0, sealed)).isEqualTo(data(10, 5));
    assertThat(r.misbehavingNodes()).containsOnlyKeys(forger.address());
    assertThat(r.misbehavingNodes().get(forger.address())).contains("not signed by its key");
    assertThat(r.evidence()).isEmpty();
  }

  @Test
  void afterRevocationWithReceiptsRetrievalSaysRevoked() throws Exception {
    World w = new World(4);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 6));
    w.bob.retrieve(policy.treasureMap(), List.of(kit(sealed))); // works before

    assertThat(w.alice.revoke(policy).confirmed()).hasSize(3);

    assertThatThrownBy(() -> w.bob.retrieve(policy.treasureMap(), List.of(kit(sealed))))
        .isInstanceOfSatisfying(
            PolicyRevoked.class,
            e -> {
              assertThat(e.getMessage()).contains("is revoked").contains("of 3 nodes say so");
              assertThat(e.nodeFailures().values())
                  .allSatisfy(why -> assertThat(why).contains("410 revoked"));
            });
  }

  @Test
  void revokedIsReportedAsSoonAsTheThresholdIsOutOfReach() throws Exception {
    World w = new World(5);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 3, 5, w.days(7), Conditions.NONE);
    List<FakeNode> holders = holders(w, policy);
    w.alice.revoke(policy);
    holders.get(4).mode(FakeNode.Mode.HANG); // never answers; must not be waited for
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 6));
    Bob patient =
        w.bob(
            w.bobKeys,
            RetrievalOptions.defaults().withPerNodeTimeout(Duration.ofSeconds(30)).withHedge(4));

    long start = System.nanoTime();
    assertThatThrownBy(() -> patient.retrieve(policy.treasureMap(), List.of(kit(sealed))))
        .isInstanceOf(PolicyRevoked.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void afterExpiryRetrievalSaysExpiredAndRenewalExtends() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(2), Conditions.NONE);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 7));

    w.clock.advance(Duration.ofDays(3));
    assertThatThrownBy(() -> w.bob.retrieve(policy.treasureMap(), List.of(kit(sealed))))
        .isInstanceOfSatisfying(
            PolicyExpired.class,
            e -> assertThat(e.getMessage()).contains("has expired").contains("410 expired"));

    World v = new World(3);
    Policy p2 = v.alice.grant(v.bobKeys.card(), "album", 2, 3, v.days(2), Conditions.NONE);
    byte[] s2 = v.alice.enrico("album").encrypt(data(10, 8));
    assertThat(v.alice.renew(p2, v.days(10)).isComplete()).isTrue();
    v.clock.advance(Duration.ofDays(3));
    assertThat(v.bob.retrieve(p2.treasureMap(), List.of(kit(s2))).decrypt(0, s2))
        .isEqualTo(data(10, 8));
  }

  @Test
  void anotherBobCannotOpenTheMap() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 9));
    Bob mallory = w.bob(BobKeys.random(w.random), RetrievalOptions.defaults());

    assertThatThrownBy(() -> mallory.retrieve(policy.treasureMap(), List.of(kit(sealed))))
        .isInstanceOf(NotForThisBob.class)
        .hasMessageContaining("not encrypted to this Bob's key");
    assertThat(w.network.all()).allSatisfy(n -> assertThat(n.requestCount()).isZero());
  }

  @Test
  void aBobWhoseVerifyingKeyIsNotTheGranteesIsRefusedByTheNodes() throws Exception {
    World w = new World(3);
    BobKeys impostor =
        new BobKeys(dev.nkms.crypto.keys.SecretKey.random(w.random), w.bobKeys.encryptingKey());
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 10));

    Bob other = w.bob(impostor, RetrievalOptions.defaults());
    assertThatThrownBy(() -> other.retrieve(policy.treasureMap(), List.of(kit(sealed))))
        .isInstanceOf(NotForThisBob.class)
        .hasMessageContaining("not the grantee")
        .hasMessageContaining("403 not-the-grantee");
  }

  @Test
  void anUnmetConditionCarriesTheNodesReason() throws Exception {
    World w = new World(3);
    Conditions tomorrow = Conditions.of(TimeWindow.between(w.days(1), w.days(2)));
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), tomorrow);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 11));

    assertThatThrownBy(() -> w.bob.retrieve(policy.treasureMap(), List.of(kit(sealed))))
        .isInstanceOfSatisfying(
            ConditionNotMet.class,
            e -> assertThat(e.nodeMessage()).contains("time window opens at " + w.days(1)));
    w.clock.advance(Duration.ofDays(1).plusMinutes(1));
    assertThat(w.bob.retrieve(policy.treasureMap(), List.of(kit(sealed))).decrypt(0, sealed))
        .isEqualTo(data(10, 11));
  }

  @Test
  void resumingAsksOnlyForTheCapsulesStillMissing() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    Enrico enrico = w.alice.enrico("album");
    byte[] a = enrico.encrypt(data(10, 12));
    byte[] b = enrico.encrypt(data(10, 13));
    // No hedge for the first retrieval: an unneeded hedged call is left to finish in the background
    // and would land
    // after the snapshot below.
    Retrieval first =
        w.bob(w.bobKeys, RetrievalOptions.defaults().withHedge(0))
            .retrieve(policy.treasureMap(), List.of(kit(a)));
    java.util.Map<NodeAddress, Integer> before = new java.util.HashMap<>();
    holders(w, policy).forEach(node -> before.put(node.address(), node.requestCount()));

    Retrieval both = w.bob.retrieve(policy.treasureMap(), List.of(kit(a), kit(b)), first.state());

    assertThat(both.decrypt(0, a)).isEqualTo(data(10, 12));
    assertThat(both.decrypt(1, b)).isEqualTo(data(10, 13));
    List<ReencryptionRequest> later = new ArrayList<>();
    for (FakeNode node : holders(w, policy)) {
      List<ReencryptionRequest> all = node.requests();
      later.addAll(all.subList(before.get(node.address()), all.size()));
    }
    assertThat(later)
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(q -> assertThat(q.capsules()).containsExactly(kit(b).capsule()));
  }

  @Test
  void resumingAfterNotEnoughNodesDoesNotAskAgainForWhatItHas() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    List<FakeNode> holders = holders(w, policy);
    FakeNode up = holders.get(0);
    holders.get(1).mode(FakeNode.Mode.DOWN);
    holders.get(2).mode(FakeNode.Mode.DOWN);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 14));
    Bob bob = w.bob(w.bobKeys, RetrievalOptions.defaults().withHedge(0));

    RetrievalState partial = null;
    try {
      bob.retrieve(policy.treasureMap(), List.of(kit(sealed)));
    } catch (NotEnoughNodes e) {
      partial = e.state().orElseThrow();
    }
    assertThat(partial).isNotNull();
    assertThat(partial.cfrags(kit(sealed).capsule())).containsOnlyKeys(up.address());
    assertThat(partial.askedNodes()).hasSize(3);
    assertThat(up.requestCount()).isEqualTo(1);

    holders.get(2).mode(FakeNode.Mode.HEALTHY);
    Retrieval r = bob.retrieve(policy.treasureMap(), List.of(kit(sealed)), partial);

    assertThat(r.decrypt(0, sealed)).isEqualTo(data(10, 14));
    assertThat(up.requestCount()).isEqualTo(1); // not asked again
    assertThat(holders.get(2).requestCount()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                w.bob.retrieve(
                    new World(3)
                        .alice
                        .grant(w.bobKeys.card(), "x", 1, 1, w.days(1), Conditions.NONE)
                        .treasureMap(),
                    List.of(kit(sealed)),
                    r.state()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not for this map");
  }

  @Test
  void hedgingMeansAHangingNodeIsNotWaitedFor() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    holders(w, policy).get(2).mode(FakeNode.Mode.HANG);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 15));
    Bob bob =
        w.bob(w.bobKeys, RetrievalOptions.defaults().withPerNodeTimeout(Duration.ofSeconds(20)));

    long start = System.nanoTime();
    Retrieval r = bob.retrieve(policy.treasureMap(), List.of(kit(sealed)));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(r.decrypt(0, sealed)).isEqualTo(data(10, 15));
  }

  @Test
  void aHangingNodeWithoutHedgeIsReplacedAfterTheTimeout() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    FakeNode hanging = holders(w, policy).get(0).mode(FakeNode.Mode.HANG);
    byte[] sealed = w.alice.enrico("album").encrypt(data(10, 16));
    Duration timeout =
        Duration.ofSeconds(1); // healthy nodes must answer within it, even on a loaded machine
    Bob bob =
        w.bob(w.bobKeys, RetrievalOptions.defaults().withPerNodeTimeout(timeout).withHedge(0));

    Retrieval r = bob.retrieve(policy.treasureMap(), List.of(kit(sealed)));
    assertThat(r.decrypt(0, sealed)).isEqualTo(data(10, 16));
    assertThat(r.state().cfrags(kit(sealed).capsule())).doesNotContainKey(hanging.address());
  }

  @Test
  void aKitForAnotherPolicyKeyDoesNotDecrypt() throws Exception {
    World w = new World(3);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 2, 3, w.days(7), Conditions.NONE);
    byte[] other = w.alice.enrico("diary").encrypt(data(10, 17));
    assertThatThrownBy(() -> w.bob.retrieve(policy.treasureMap(), List.of(kit(other))))
        .isInstanceOfSatisfying(DecryptionFailed.class, e -> assertThat(e.kitIndex()).isZero())
        .hasMessageContaining("not encrypted for policy");
  }

  @Test
  void batchesRespectTheCapsuleLimit() throws Exception {
    World w = new World(2);
    Policy policy = w.alice.grant(w.bobKeys.card(), "album", 1, 1, w.days(7), Conditions.NONE);
    Enrico enrico = w.alice.enrico("album");
    List<byte[]> sealed = new ArrayList<>();
    List<MessageKit> kits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sealed.add(enrico.encrypt(("m" + i).getBytes(StandardCharsets.UTF_8)));
      kits.add(kit(sealed.get(i)));
    }
    Bob bob = w.bob(w.bobKeys, RetrievalOptions.defaults().withMaxCapsulesPerRequest(2));
    Retrieval r = bob.retrieve(policy.treasureMap(), kits);
    for (int i = 0; i < 5; i++) {
      assertThat(new String(r.decrypt(i, sealed.get(i)), StandardCharsets.UTF_8))
          .isEqualTo("m" + i);
    }
    NodeAddress holder = policy.nodes().keySet().iterator().next();
    assertThat(w.network.node(holder).requests())
        .extracting(q -> q.capsules().size())
        .containsExactly(2, 2, 1);
  }

  @Test
  void theCardBobHandsOutIsHisPublicHalf() {
    World w = new World(1);
    BobCard card = w.bob.card();
    assertThat(card).isEqualTo(w.bobKeys.card());
  }
}
