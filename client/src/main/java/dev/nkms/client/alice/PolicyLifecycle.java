package dev.nkms.client.alice;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.network.learning.EligibleNode;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.grant.GrantPlan;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.keys.BobCard;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one code path for every transition of a policy's life — grant, clean-up of a failed grant,
 * revoke, renew (new expiry and conditions), delete — keeping Alice's {@link PolicyBook} saying
 * what the nodes said. Each transition writes the record before it returns; a grant writes it
 * before the first kfrag leaves, so a grant cut short by a crash is still on the books (state
 * granting) and can be revoked.
 */
public final class PolicyLifecycle {
  private final Alice alice;
  private final PolicyBook book;
  private final Clock clock;

  public PolicyLifecycle(Alice alice, PolicyBook book, Clock clock) {
    this.alice = Objects.requireNonNull(alice);
    this.book = Objects.requireNonNull(book);
    this.clock = Objects.requireNonNull(clock);
  }

  public PolicyBook book() {
    return book;
  }

  /**
   * Grants {@code bob} access to {@code label} (see {@link Alice#grant(BobCard, String, int, int,
   * Instant, Conditions)}). Refused if this Alice already has a live policy for the same Bob and
   * label (renew or revoke that one). When the grant fails, every kfrag it placed is revoked at
   * once and the record keeps the receipts; a retry then starts afresh under a new policy id.
   */
  public PolicyRecord grant(
      BobCard bob, String label, int m, int n, Instant expiry, Conditions conditions)
      throws PolicyRefused, IOException, InterruptedException {
    Instant now = clock.instant();
    for (PolicyBook.Entry e : book.list()) {
      if (e.record.isPresent()) {
        PolicyRecord r = e.record.get();
        if (r.isLiveAt(now)
            && r.label().equals(label)
            && r.bobVerifyingKey().equals(bob.verifyingKey())
            && r.terms().terms().aliceVerifyingKey().equals(alice.verifyingKey())) {
          throw new PolicyRefused(
              PolicyRefused.Kind.ALREADY_GRANTED,
              "'"
                  + label
                  + "' is already granted to this Bob"
                  + " (policy "
                  + r.hrac()
                  + ", until "
                  + r.terms().terms().expiry()
                  + ")",
              r,
              List.of());
        }
      }
    }
    GrantPlan plan = alice.plan(bob, label, m, n, expiry, conditions);
    PolicyRecord record = PolicyRecord.granting(plan);
    book.createNew(record);
    Policy policy;
    try {
      policy = alice.grant(plan);
    } catch (GrantException e) {
      throw failed(record, e);
    }
    PolicyRecord done = record.completed(policy);
    book.save(done);
    return done;
  }

  /** Revokes what a failed grant placed, records the receipts, and says what happened. */
  private PolicyRefused failed(PolicyRecord record, GrantException e)
      throws IOException, InterruptedException {
    Map<NodeAddress, NodeMetadata> targets = new TreeMap<>(e.possiblyHolding());
    targets.putAll(e.placed());
    List<String> details = new ArrayList<>();
    e.failures().forEach((node, why) -> details.add("node " + node + ": " + why));
    PolicyRecord after = record.revoking(targets, Map.of());
    if (!targets.isEmpty()) {
      RevocationReport report = alice.revoke(record.terms(), targets.values(), List.of());
      after = record.revoking(targets, report.confirmed());
      report
          .unconfirmed()
          .forEach(
              (node, why) -> details.add("clean-up at node " + node + " not confirmed: " + why));
    }
    book.save(after);
    String cleanup =
        targets.isEmpty()
            ? "no kfrag was placed"
            : after.state() == PolicyRecord.State.FAILED
                ? "the " + targets.size() + " kfrag(s) it placed were revoked (receipts kept)"
                : after.unconfirmed().size()
                    + " of the "
                    + targets.size()
                    + " node(s) it reached did not confirm the"
                    + " clean-up: run `alice revoke` on "
                    + book.fileOf(record.hrac());
    PolicyRefused.Kind kind =
        e.refusals().contains(ErrorCode.PAYMENT_REQUIRED)
            ? PolicyRefused.Kind.PAYMENT_REQUIRED
            : PolicyRefused.Kind.GRANT_FAILED;
    return new PolicyRefused(
        kind,
        "the grant placed "
            + e.placed().size()
            + " of "
            + record.terms().terms().shares()
            + " kfrags; "
            + cleanup,
        after,
        details);
  }

  /**
   * The outcome of a revocation round: the record as saved, and the nodes that did not confirm,
   * with why.
   */
  public static final class Revocation {
    public final PolicyRecord record;
    public final Map<NodeAddress, String> unconfirmed;

    /** False if the record was final already and nothing was sent. */
    public final boolean sent;

    Revocation(PolicyRecord record, Map<NodeAddress, String> unconfirmed, boolean sent) {
      this.record = record;
      this.unconfirmed = Map.copyOf(unconfirmed);
      this.sent = sent;
    }
  }

  /**
   * Revokes at every node that holds or may hold a kfrag and has not confirmed yet; for a grant
   * that was cut short (state granting), also at every node {@code directory} knows, since which
   * nodes received a kfrag is unknown. Idempotent: a revoked record is returned as it is.
   */
  public Revocation revoke(PolicyRecord record, NodeDirectory directory)
      throws PolicyRefused, IOException, InterruptedException {
    checkOwner(record);
    if (record.state().isFinal()) {
      return new Revocation(record, Map.of(), false);
    }
    Map<NodeAddress, NodeMetadata> targets = new TreeMap<>(record.unconfirmed());
    if (record.state() == PolicyRecord.State.GRANTING
        || (record.state() == PolicyRecord.State.REVOKING
            && record.policy().isEmpty()
            && record.targets().isEmpty())) {
      for (EligibleNode node : directory.eligible(clock.instant())) {
        targets.putIfAbsent(node.metadata().address(), node.metadata());
      }
    }
    RevocationReport report = alice.revoke(record.terms(), targets.values(), List.of());
    PolicyRecord after = record.revoking(targets, report.confirmed());
    book.save(after);
    return new Revocation(after, report.unconfirmed(), true);
  }

  /**
   * Revokes (see {@link #revoke}) and, once the revocation is final — every node that holds or may
   * hold a kfrag gave its receipt — removes the record from the book. Until then the record stays
   * (its state says revoking, {@link Revocation#unconfirmed} the nodes to reach again) and deleting
   * again continues. Returns the revocation; the record is gone iff its state is final.
   */
  public Revocation delete(PolicyRecord record, NodeDirectory directory)
      throws PolicyRefused, IOException, InterruptedException {
    Revocation r = revoke(record, directory);
    if (r.record.state().isFinal()) {
      book.remove(r.record.hrac());
    }
    return r;
  }

  /** Records that the policy's payment was refunded on chain. */
  public PolicyRecord refunded(PolicyRecord record) throws IOException {
    PolicyRecord after = record.refunded();
    book.save(after);
    return after;
  }

  /** Renews an active, unexpired policy to {@code newExpiry}, keeping its conditions. */
  public Renewal renew(PolicyRecord record, Instant newExpiry)
      throws PolicyRefused, IOException, InterruptedException {
    return renew(record, newExpiry, record.terms().terms().conditions());
  }

  /**
   * Gives an active, unexpired policy new terms at its nodes — {@code newExpiry} and {@code
   * conditions}, the next revision, signed. The record takes the new terms if at least one node did
   * (the others keep the old ones; renewing again reaches them with a higher revision); if none
   * did, nothing changes and this throws.
   */
  public Renewal renew(PolicyRecord record, Instant newExpiry, Conditions conditions)
      throws PolicyRefused, IOException, InterruptedException {
    checkOwner(record);
    Instant now = clock.instant();
    if (record.state() != PolicyRecord.State.ACTIVE) {
      String why =
          switch (record.state()) {
            case REVOKED, REVOKING ->
                "it is revoked"
                    + (record.state() == PolicyRecord.State.REVOKING
                        ? " (at some nodes; run `alice revoke` again to finish)"
                        : "")
                    + "; grant again instead";
            case FAILED -> "its grant failed; grant again instead";
            case GRANTING -> "its grant did not complete; revoke it and grant again";
            default -> "it is " + record.state().word;
          };
      throw new PolicyRefused(
          PolicyRefused.Kind.NOT_RENEWABLE,
          "policy " + record.hrac() + " cannot be renewed: " + why,
          record,
          List.of());
    }
    if (!now.isBefore(record.terms().terms().expiry())) {
      throw new PolicyRefused(
          PolicyRefused.Kind.NOT_RENEWABLE,
          "policy "
              + record.hrac()
              + " expired at "
              + record.terms().terms().expiry()
              + " and its nodes have let it go; grant again instead",
          record,
          List.of());
    }
    Renewal renewal = alice.renew(record.policy().orElseThrow(), newExpiry, conditions);
    if (renewal.renewed().isEmpty()) {
      List<String> details = new ArrayList<>();
      renewal.failed().forEach((node, why) -> details.add("node " + node + ": " + why));
      throw new PolicyRefused(
          PolicyRefused.Kind.RENEWAL_FAILED,
          "no node took the renewal of policy " + record.hrac() + "; nothing was changed",
          record,
          details);
    }
    book.save(record.renewed(renewal.policy()));
    return renewal;
  }

  /** Asks the record's nodes what they hold (see {@link Alice#check}). */
  public PolicyCheck check(PolicyRecord record) throws PolicyRefused, InterruptedException {
    checkOwner(record);
    return alice.check(record.terms(), record.targets().values());
  }

  /**
   * Where a record and what its nodes said disagree, one line per node; empty when they agree. An
   * active record expects every holder active at its revision (or expired once past the expiry); a
   * revoked, failed or revoking one expects every node that gave a receipt to say revoked; a grant
   * cut short is a disagreement in itself.
   */
  public static List<String> disagreements(PolicyRecord record, PolicyCheck check, Instant now) {
    List<String> out = new ArrayList<>();
    if (record.state() == PolicyRecord.State.GRANTING) {
      out.add("the grant did not complete: revoke it");
    }
    long revision = record.terms().terms().revision();
    boolean expired = !now.isBefore(record.terms().terms().expiry());
    check.failed().forEach((node, why) -> out.add("node " + node + " did not answer: " + why));
    check
        .answers()
        .forEach(
            (node, status) -> {
              PolicyStatus.State said = status.state();
              switch (record.state()) {
                case ACTIVE -> {
                  boolean holder =
                      record.policy().map(p -> p.nodes().containsKey(node)).orElse(false);
                  if (expired) {
                    if (said != PolicyStatus.State.EXPIRED && said != PolicyStatus.State.REVOKED) {
                      out.add("node " + node + " says " + said.code + " for a policy that expired");
                    }
                  } else if (holder && said != PolicyStatus.State.ACTIVE) {
                    out.add("node " + node + " says " + said.code + ", the record says active");
                  } else if (holder && status.revision() < revision) {
                    out.add(
                        "node "
                            + node
                            + " has revision "
                            + status.revision()
                            + ", not "
                            + revision
                            + " (renew again)");
                  } else if (!holder && said == PolicyStatus.State.ACTIVE) {
                    out.add(
                        "node "
                            + node
                            + " holds a kfrag outside the treasure map (revoke reaches it)");
                  }
                }
                case REVOKED, FAILED, REVOKING -> {
                  if (record.receipts().containsKey(node) && said != PolicyStatus.State.REVOKED) {
                    out.add("node " + node + " gave a receipt but now says " + said.code);
                  } else if (!record.receipts().containsKey(node)
                      && said == PolicyStatus.State.ACTIVE) {
                    out.add("node " + node + " still holds its kfrag: revoke again");
                  }
                }
                default -> {}
              }
            });
    return out;
  }

  /** Reads a record from any file and checks it belongs to this Alice. */
  public PolicyRecord open(java.nio.file.Path file)
      throws PolicyRefused, IOException, MalformedInputException {
    PolicyRecord r = PolicyBook.read(file);
    checkOwner(r);
    return r;
  }

  private void checkOwner(PolicyRecord record) throws PolicyRefused {
    if (!record.terms().terms().aliceVerifyingKey().equals(alice.verifyingKey())) {
      throw new PolicyRefused(
          PolicyRefused.Kind.WRONG_ALICE,
          "policy "
              + record.hrac()
              + " was granted by another"
              + " Alice (another keystore); use the keystore that granted it",
          record,
          List.of());
    }
  }
}
