package dev.nkms.client.alice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.client.testing.World;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.network.testing.FakeNode;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.grant.GrantPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every transition of a policy's life against fake nodes, with a clock the test moves. */
class PolicyLifecycleTest {
  @TempDir Path dir;

  private PolicyLifecycle lifecycle(World w) {
    return new PolicyLifecycle(w.alice, new PolicyBook(dir), w.clock);
  }

  @Test
  void aGrantIsRecordedActiveWithItsHoldersInAnOwnerOnlyFile() throws Exception {
    World w = new World(5);
    PolicyRecord r =
        lifecycle(w).grant(w.bobKeys.card(), "plans", 2, 3, w.days(10), Conditions.NONE);
    assertThat(r.state()).isEqualTo(PolicyRecord.State.ACTIVE);
    assertThat(r.targets()).hasSize(3);
    Path file = new PolicyBook(dir).fileOf(r.hrac());
    assertThat(PolicyBook.read(file)).isEqualTo(r);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var s = Files.list(dir)) {
      assertThat(s.toList()).containsExactly(file); // no temporary file left
    }
  }

  @Test
  void aFailedGrantRevokesWhatItPlacedAndARetryUsesAFreshPolicyId() throws Exception {
    World w = new World(4, World.inOrder(), World.NODE_TIMEOUT);
    FakeNode down = w.registryNode(3).mode(FakeNode.Mode.DOWN);
    PolicyLifecycle lifecycle = lifecycle(w);
    PolicyRefused e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> lifecycle.grant(w.bobKeys.card(), "plans", 2, 4, w.days(1), Conditions.NONE),
            PolicyRefused.class);
    assertThat(e.kind()).isEqualTo(PolicyRefused.Kind.GRANT_FAILED);
    // The unreachable node may have stored its kfrag before the connection broke: it is a target
    // too.
    assertThat(e.getMessage())
        .contains("placed 3 of 4")
        .contains("1 of the 4 node(s) it reached did not confirm");
    assertThat(e.details()).anyMatch(d -> d.contains(down.address().toString()));
    PolicyRecord failed = e.record().orElseThrow();
    assertThat(failed.state()).isEqualTo(PolicyRecord.State.REVOKING);
    assertThat(failed.receipts()).hasSize(3);
    assertThat(failed.unconfirmed()).containsOnlyKeys(down.address());
    assertThat(PolicyBook.read(new PolicyBook(dir).fileOf(failed.hrac()))).isEqualTo(failed);
    for (int i = 0; i < 3; i++) {
      assertThat(w.registryNode(i).holds(failed.hrac())).isFalse();
    }

    down.mode(FakeNode.Mode.HEALTHY);
    PolicyRecord cleaned = lifecycle.revoke(failed, w.network.directory()).record;
    assertThat(cleaned.state()).isEqualTo(PolicyRecord.State.FAILED);
    assertThat(cleaned.receipts()).hasSize(4);
    PolicyRecord retry =
        lifecycle.grant(w.bobKeys.card(), "plans", 2, 4, w.days(1), Conditions.NONE);
    assertThat(retry.state()).isEqualTo(PolicyRecord.State.ACTIVE);
    assertThat(retry.hrac()).isNotEqualTo(failed.hrac());
  }

  @Test
  void aLiveLabelForTheSameBobIsNotGrantedTwiceButAnExpiredOneIs() throws Exception {
    World w = new World(3);
    PolicyLifecycle lifecycle = lifecycle(w);
    PolicyRecord first =
        lifecycle.grant(w.bobKeys.card(), "plans", 1, 2, w.days(1), Conditions.NONE);
    assertThatThrownBy(
            () -> lifecycle.grant(w.bobKeys.card(), "plans", 1, 2, w.days(2), Conditions.NONE))
        .isInstanceOfSatisfying(
            PolicyRefused.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PolicyRefused.Kind.ALREADY_GRANTED);
              assertThat(e.record()).contains(first);
            });
    // another label, or another Bob, is a different grant
    lifecycle.grant(w.bobKeys.card(), "other", 1, 2, w.days(1), Conditions.NONE);
    w.clock.advance(Duration.ofDays(2));
    assertThat(lifecycle.grant(w.bobKeys.card(), "plans", 1, 2, w.days(3), Conditions.NONE).hrac())
        .isNotEqualTo(first.hrac());
  }

  @Test
  void revokedFailedAndExpiredPoliciesAreNotRenewedAndTheRecordIsUntouched() throws Exception {
    World w = new World(3);
    PolicyLifecycle lifecycle = lifecycle(w);
    PolicyRecord expiring =
        lifecycle.grant(w.bobKeys.card(), "a", 1, 2, w.days(1), Conditions.NONE);
    PolicyRecord revoked =
        lifecycle.revoke(
                lifecycle.grant(w.bobKeys.card(), "b", 1, 2, w.days(5), Conditions.NONE),
                w.network.directory())
            .record;
    assertThat(revoked.state()).isEqualTo(PolicyRecord.State.REVOKED);
    w.clock.advance(Duration.ofDays(2));
    assertThat(expiring.describeStateAt(w.clock.instant())).isEqualTo("expired");

    assertThatThrownBy(() -> lifecycle.renew(expiring, w.days(10)))
        .isInstanceOfSatisfying(
            PolicyRefused.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PolicyRefused.Kind.NOT_RENEWABLE);
              assertThat(e.getMessage()).contains("expired");
            });
    assertThatThrownBy(() -> lifecycle.renew(revoked, w.days(10)))
        .isInstanceOfSatisfying(
            PolicyRefused.class, e -> assertThat(e.getMessage()).contains("it is revoked"));
    assertThat(PolicyBook.read(new PolicyBook(dir).fileOf(expiring.hrac()))).isEqualTo(expiring);
    assertThat(PolicyBook.read(new PolicyBook(dir).fileOf(revoked.hrac()))).isEqualTo(revoked);
  }

  @Test
  void aRenewalNoNodeTookChangesNothing() throws Exception {
    World w = new World(2);
    PolicyLifecycle lifecycle = lifecycle(w);
    PolicyRecord r = lifecycle.grant(w.bobKeys.card(), "a", 1, 2, w.days(1), Conditions.NONE);
    w.registryNode(0).mode(FakeNode.Mode.DOWN);
    w.registryNode(1).mode(FakeNode.Mode.DOWN);
    assertThatThrownBy(() -> lifecycle.renew(r, w.days(10)))
        .isInstanceOfSatisfying(
            PolicyRefused.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PolicyRefused.Kind.RENEWAL_FAILED);
              assertThat(e.details()).hasSize(2);
            });
    assertThat(PolicyBook.read(new PolicyBook(dir).fileOf(r.hrac()))).isEqualTo(r);
  }

  @Test
  void aPartialRevocationIsRevokingUntilARetryConfirmsTheRest() throws Exception {
    World w = new World(3, World.inOrder(), World.NODE_TIMEOUT);
    PolicyLifecycle lifecycle = lifecycle(w);
    PolicyRecord r = lifecycle.grant(w.bobKeys.card(), "a", 2, 3, w.days(1), Conditions.NONE);
    w.registryNode(1).mode(FakeNode.Mode.DOWN);
    PolicyLifecycle.Revocation first = lifecycle.revoke(r, w.network.directory());
    assertThat(first.record.state()).isEqualTo(PolicyRecord.State.REVOKING);
    assertThat(first.record.receipts()).hasSize(2);
    assertThat(first.unconfirmed).containsOnlyKeys(w.registryNode(1).address());
    RevocationReceipt kept = first.record.receipts().get(w.registryNode(0).address());

    w.registryNode(1).mode(FakeNode.Mode.HEALTHY);
    int before = w.registryNode(0).revocationsSeen();
    PolicyLifecycle.Revocation second = lifecycle.revoke(first.record, w.network.directory());
    assertThat(second.record.state()).isEqualTo(PolicyRecord.State.REVOKED);
    assertThat(w.registryNode(0).revocationsSeen())
        .as("confirmed nodes are not asked again")
        .isEqualTo(before);
    assertThat(second.record.receipts().get(w.registryNode(0).address()).toBytes())
        .isEqualTo(kept.toBytes());

    PolicyLifecycle.Revocation third = lifecycle.revoke(second.record, w.network.directory());
    assertThat(third.sent).isFalse();
    assertThat(third.record).isEqualTo(second.record);
  }

  @Test
  void anUpdateSendsNewConditionsAndExpiryUnderTheNextRevisionAndARenewalKeepsThem()
      throws Exception {
    World w = new World(3, World.inOrder(), World.NODE_TIMEOUT);
    PolicyLifecycle lifecycle = lifecycle(w);
    PolicyRecord r = lifecycle.grant(w.bobKeys.card(), "a", 2, 3, w.days(1), Conditions.NONE);
    Conditions window =
        Conditions.of(
            dev.nkms.protocol.conditions.TimeWindow.between(w.clock.instant(), w.days(2)));
    lifecycle.renew(r, w.days(3), window);
    PolicyRecord updated = new PolicyBook(dir).find(r.hrac()).orElseThrow();
    assertThat(updated.terms().terms().conditions()).isEqualTo(window);
    assertThat(updated.terms().terms().revision()).isEqualTo(1);
    assertThat(updated.terms().terms().expiry()).isEqualTo(w.days(3));
    for (int i = 0; i < 3; i++) {
      assertThat(w.registryNode(i).terms(r.hrac()).orElseThrow().conditions()).isEqualTo(window);
    }
    lifecycle.renew(updated, w.days(4));
    PolicyRecord renewed = new PolicyBook(dir).find(r.hrac()).orElseThrow();
    assertThat(renewed.terms().terms().conditions()).isEqualTo(window);
    assertThat(renewed.terms().terms().revision()).isEqualTo(2);
  }

  @Test
  void aDeletedPolicyKeepsItsRecordUntilEveryNodeConfirmedTheRevocation() throws Exception {
    World w = new World(3, World.inOrder(), World.NODE_TIMEOUT);
    PolicyLifecycle lifecycle = lifecycle(w);
    PolicyBook book = new PolicyBook(dir);
    PolicyRecord r = lifecycle.grant(w.bobKeys.card(), "a", 2, 3, w.days(1), Conditions.NONE);
    w.registryNode(2).mode(FakeNode.Mode.DOWN);
    PolicyLifecycle.Revocation first = lifecycle.delete(r, w.network.directory());
    assertThat(first.record.state()).isEqualTo(PolicyRecord.State.REVOKING);
    assertThat(first.unconfirmed).containsOnlyKeys(w.registryNode(2).address());
    assertThat(book.find(r.hrac())).contains(first.record);

    w.registryNode(2).mode(FakeNode.Mode.HEALTHY);
    PolicyLifecycle.Revocation second = lifecycle.delete(first.record, w.network.directory());
    assertThat(second.record.state()).isEqualTo(PolicyRecord.State.REVOKED);
    assertThat(second.record.receipts()).hasSize(3);
    assertThat(book.find(r.hrac())).isEmpty();
    assertThat(book.list()).isEmpty();
  }

  @Test
  void aGrantCutShortIsOnTheBooksAndItsRevocationReachesEveryKnownNode() throws Exception {
    World w = new World(4);
    PolicyBook book = new PolicyBook(dir);
    GrantPlan plan = w.alice.plan(w.bobKeys.card(), "a", 2, 3, w.days(1), Conditions.NONE);
    book.createNew(
        PolicyRecord.granting(
            plan)); // what grant writes before the first delivery; then the process died
    w.alice.grant(plan);
    PolicyRecord interrupted = PolicyBook.read(book.fileOf(plan.hrac()));
    assertThat(interrupted.state()).isEqualTo(PolicyRecord.State.GRANTING);

    PolicyLifecycle.Revocation rev = lifecycle(w).revoke(interrupted, w.network.directory());
    assertThat(rev.record.targets()).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(w.registryNode(i).holds(plan.hrac())).isFalse();
    }
  }

  @Test
  void aCheckShowsWhereTheNodesAndTheRecordDisagree() throws Exception {
    World w = new World(3, World.inOrder(), World.NODE_TIMEOUT);
    PolicyLifecycle lifecycle = lifecycle(w);
    PolicyRecord r = lifecycle.grant(w.bobKeys.card(), "a", 2, 3, w.days(1), Conditions.NONE);
    assertThat(PolicyLifecycle.disagreements(r, lifecycle.check(r), w.clock.instant())).isEmpty();

    // Revoked at one node behind the record's back (say, by an earlier run whose record write was
    // lost).
    FakeNode first = w.registryNode(0);
    w.alice.revoke(
        r.hrac(),
        r.terms().terms().nonce(),
        java.util.List.of(r.targets().get(first.address())),
        java.util.List.of());
    w.registryNode(1).mode(FakeNode.Mode.DOWN);
    PolicyCheck check = lifecycle.check(r);
    assertThat(check.answers().get(first.address()).state())
        .isEqualTo(dev.nkms.protocol.PolicyStatus.State.REVOKED);
    assertThat(PolicyLifecycle.disagreements(r, check, w.clock.instant()))
        .containsExactlyInAnyOrder(
            "node " + first.address() + " says revoked, the record says active",
            "node "
                + w.registryNode(1).address()
                + " did not answer: "
                + check.failed().get(w.registryNode(1).address()));

    w.registryNode(1).mode(FakeNode.Mode.HEALTHY);
    PolicyRecord revoked = lifecycle.revoke(r, w.network.directory()).record;
    assertThat(PolicyLifecycle.disagreements(revoked, lifecycle.check(revoked), w.clock.instant()))
        .isEmpty();
  }

  @Test
  void anotherAlicesRecordIsRefused() throws Exception {
    World w = new World(2);
    PolicyRecord r = lifecycle(w).grant(w.bobKeys.card(), "a", 1, 1, w.days(1), Conditions.NONE);
    World other = new World(2);
    PolicyLifecycle theirs = new PolicyLifecycle(other.alice, new PolicyBook(dir), other.clock);
    assertThatThrownBy(() -> theirs.revoke(r, other.network.directory()))
        .isInstanceOfSatisfying(
            PolicyRefused.class,
            e -> assertThat(e.kind()).isEqualTo(PolicyRefused.Kind.WRONG_ALICE));
  }

  @Test
  void aRecordWithAReceiptNotSignedByItsNodeDoesNotParse() throws Exception {
    World w = new World(2);
    PolicyRecord r = lifecycle(w).grant(w.bobKeys.card(), "a", 1, 2, w.days(1), Conditions.NONE);
    NodeAddress holder = r.targets().keySet().iterator().next();
    RevocationReceipt forged =
        RevocationReceipt.sign(
            r.hrac(),
            holder,
            w.clock.instant(),
            new dev.nkms.crypto.keys.Signer(SecretKey.random()),
            RandomSource.secure());
    Map<NodeAddress, RevocationReceipt> receipts = new TreeMap<>(Map.of(holder, forged));
    assertThatThrownBy(
            () ->
                new PolicyRecord(
                    r.label(),
                    PolicyRecord.State.REVOKING,
                    r.terms(),
                    r.policy(),
                    r.targets(),
                    receipts,
                    false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not that node's signed receipt");
    assertThatThrownBy(
            () ->
                new PolicyRecord(
                    r.label(),
                    PolicyRecord.State.REVOKED,
                    r.terms(),
                    r.policy(),
                    r.targets(),
                    Map.of(),
                    false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new PolicyRecord(
                    r.label(),
                    PolicyRecord.State.ACTIVE,
                    r.terms(),
                    Optional.empty(),
                    r.targets(),
                    Map.of(),
                    false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordsParseStrictly() throws Exception {
    World w = new World(2);
    PolicyRecord r = lifecycle(w).grant(w.bobKeys.card(), "a", 1, 2, w.days(1), Conditions.NONE);
    byte[] bytes = r.toBytes();
    assertThat(PolicyRecord.fromBytes(bytes)).isEqualTo(r);
    for (int cut = 0; cut < bytes.length; cut += 97) {
      byte[] truncated = java.util.Arrays.copyOf(bytes, cut);
      assertThatThrownBy(() -> PolicyRecord.fromBytes(truncated))
          .isInstanceOf(MalformedInputException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> PolicyRecord.fromBytes(longer))
        .isInstanceOf(MalformedInputException.class);
    assertThatThrownBy(() -> PolicyRecord.fromBytes(r.policy().orElseThrow().toBytes()))
        .isInstanceOf(MalformedInputException.class); // a bare policy is not a record
  }
}
