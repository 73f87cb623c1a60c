package dev.nkms.protocol.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantPlanTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant EXPIRY = Instant.parse("2030-02-01T00:00:00Z");

  private static RandomSource random(long seed) {
    Random r = new Random(seed);
    return r::nextBytes;
  }

  private final AliceKeys alice = AliceKeys.random(random(1));
  private final BobKeys bob = BobKeys.random(random(2));
  private final SecretKey nodeEncrypting = SecretKey.random(random(3));
  private final NodeMetadata node =
      NodeMetadata.sign(
          new Signer(SecretKey.random(random(4))),
          nodeEncrypting.publicKey(),
          "test",
          "node.example.org",
          9151,
          new byte[32],
          START,
          random(5));

  private GrantPlan plan(int m, int n, long seed) {
    return GrantPlan.create(
        alice, bob.card(), "plans", m, n, START, EXPIRY, Conditions.NONE, random(seed));
  }

  @Test
  void thePlanHoldsAlicesSignedTermsForBobAndNKfragsOfTheLabelsPolicyKey() throws Exception {
    GrantPlan plan = plan(2, 3, 7);

    PolicyTerms t =
        SignedPolicyTerms.fromBytes(plan.terms().toBytes())
            .terms(); // parsing checks Alice's signature
    assertThat(t.threshold()).isEqualTo(2);
    assertThat(t.shares()).isEqualTo(3);
    assertThat(t.start()).isEqualTo(START);
    assertThat(t.expiry()).isEqualTo(EXPIRY);
    assertThat(t.revision()).isZero();
    assertThat(t.conditions()).isEqualTo(Conditions.NONE);
    assertThat(t.policyEncryptingKey()).isEqualTo(alice.policyEncryptingKey("plans"));
    assertThat(t.aliceVerifyingKey()).isEqualTo(alice.verifyingKey());
    assertThat(t.bobVerifyingKey()).isEqualTo(bob.card().verifyingKey());
    assertThat(t.bobEncryptingKey()).isEqualTo(bob.card().encryptingKey());
    assertThat(plan.hrac()).isEqualTo(t.hrac());
    assertThat(plan.hrac().belongsTo(alice.verifyingKey(), t.nonce())).isTrue();
    assertThat(plan.label()).isEqualTo("plans");
    assertThat(plan.bob()).isEqualTo(bob.card());
    Set<String> ids = new HashSet<>();
    for (VerifiedKeyFrag k : plan.kfrags()) {
      ids.add(org.bouncycastle.util.encoders.Hex.toHexString(k.id()));
    }
    assertThat(ids).hasSize(3);
  }

  @Test
  void eachPlanIsANewPolicyDrawnOnlyFromTheGivenRandomness() {
    assertThat(plan(1, 2, 7).terms().toBytes()).isEqualTo(plan(1, 2, 7).terms().toBytes());
    assertThat(plan(1, 2, 7).kfrags()).isEqualTo(plan(1, 2, 7).kfrags());
    assertThat(plan(1, 2, 8).hrac()).isNotEqualTo(plan(1, 2, 7).hrac());
  }

  @Test
  void aSealedShareOpensOnlyAtItsNodeToThatKfragUnderTheseTerms() throws Exception {
    GrantPlan plan = plan(2, 3, 7);
    KFragDelivery delivery = plan.seal(1, node, alice, random(9));

    KFragDelivery.AuthorizedKFrag opened =
        KFragDelivery.fromBytes(delivery.toBytes()).open(nodeEncrypting, node.address());
    assertThat(opened.terms()).isEqualTo(plan.terms());
    assertThat(opened.kfrag()).isEqualTo(plan.kfrags().get(1));
    assertThatThrownBy(() -> delivery.open(SecretKey.random(random(10)), node.address()))
        .hasMessageContaining("not encrypted to this node");
  }

  @Test
  void onlyThePlansAliceSealsAndOnlyItsShares() {
    GrantPlan plan = plan(2, 3, 7);
    AliceKeys other = AliceKeys.random(random(11));
    assertThatThrownBy(() -> plan.seal(0, node, other, random(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the plan is for another Alice");
    assertThatThrownBy(() -> plan.seal(3, node, alice, random(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("share 3 of a 3-share plan");
    assertThatThrownBy(() -> plan.seal(-1, node, alice, random(9)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badThresholdsLabelsAndExpiriesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> plan(3, 2, 7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need 1 ≤ m ≤ n ≤ 255, got m=3 n=2");
    assertThatThrownBy(() -> plan(0, 2, 7)).hasMessage("need 1 ≤ m ≤ n ≤ 255, got m=0 n=2");
    assertThatThrownBy(() -> plan(1, 256, 7)).hasMessage("need 1 ≤ m ≤ n ≤ 255, got m=1 n=256");
    assertThatThrownBy(
            () ->
                GrantPlan.create(
                    alice,
                    bob.card(),
                    "plans",
                    1,
                    1,
                    START,
                    START.plusMillis(999),
                    Conditions.NONE,
                    random(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the expiry " + START.plusMillis(999) + " is not after now (" + START + ")");
    assertThatThrownBy(
            () ->
                GrantPlan.create(
                    alice, bob.card(), "", 1, 1, START, EXPIRY, Conditions.NONE, random(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a label must not be empty");
    assertThatThrownBy(
            () ->
                GrantPlan.create(
                    alice,
                    bob.card(),
                    "x".repeat(1025),
                    1,
                    1,
                    START,
                    EXPIRY,
                    Conditions.NONE,
                    random(7)))
        .hasMessage("a label is at most 1024 bytes of UTF-8");
    assertThatThrownBy(
            () ->
                GrantPlan.create(alice, bob.card(), "plans", 1, 1, START, EXPIRY, null, random(7)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("Conditions.NONE");
    assertThat(GrantPlan.checkLabel("é".repeat(512)))
        .hasSize(512); // 1024 bytes: the limit counts UTF-8 bytes
  }
}
