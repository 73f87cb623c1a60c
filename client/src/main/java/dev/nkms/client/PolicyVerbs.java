package dev.nkms.client;

import dev.nkms.client.NkmsException.Kind;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyLifecycle;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.client.alice.PolicyRefused;
import dev.nkms.client.alice.Renewal;
import dev.nkms.client.connect.ClientNetwork;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.learning.NotEnoughNodesKnown;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.BobCard;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy verbs of {@link Nkms} — share a label, renew, update, revoke, delete, ask the nodes,
 * list — over Alice's {@link PolicyLifecycle}, each failure as an {@link NkmsException} with its
 * typed cause. Not API: {@link Nkms} delegates here.
 */
final class PolicyVerbs {
  private final NkmsConfig config;
  private final Learner learner;
  private final PolicyLifecycle lifecycle;
  private final Clock clock;
  private final PublicKey aliceVerifyingKey;

  PolicyVerbs(
      NkmsConfig config,
      Learner learner,
      PolicyLifecycle lifecycle,
      Clock clock,
      PublicKey aliceVerifyingKey) {
    this.config = config;
    this.learner = learner;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.aliceVerifyingKey = aliceVerifyingKey;
  }

  Share share(BobCard bob, String label, Instant expiry, int m, int n, Conditions conditions) {
    int registered = learner.registeredEligible(expiry);
    if (registered < n) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          "n = "
              + n
              + ": the network has only "
              + registered
              + " node(s) eligible until "
              + expiry
              + "; share with fewer");
    }
    try {
      learner.awaitNodes(n, expiry, ClientNetwork.WAIT);
      PolicyRecord record = lifecycle.grant(bob, label, m, n, expiry, conditions);
      return new Share(
          record.hrac(),
          label,
          m,
          n,
          expiry,
          record.policy().orElseThrow().treasureMap().toBytes());
    } catch (NotEnoughNodesKnown e) {
      throw new NkmsException(
          Kind.UNREACHABLE,
          "only " + e.eligible() + " of the " + n + " nodes needed answer",
          List.of(e.getMessage()),
          e);
    } catch (PolicyRefused e) {
      throw refused(e);
    } catch (IllegalArgumentException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage(), List.of(), e);
    } catch (IOException e) {
      throw new NkmsException(
          Kind.FAILED,
          "cannot keep the policy record in " + config.policies() + ": " + e.getMessage(),
          List.of(),
          e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  PolicySummary renew(Hrac policy, Instant expiry) {
    return updatePolicy(policy, expiry, record(policy).terms().terms().conditions());
  }

  PolicySummary updatePolicy(Hrac policy, Instant expiry, Conditions conditions) {
    PolicyRecord record = record(policy);
    try {
      Renewal renewal = lifecycle.renew(record, expiry, conditions);
      return PolicySummary.of(record(policy), clock.instant(), renewal.failed());
    } catch (PolicyRefused e) {
      throw refused(e);
    } catch (IllegalArgumentException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage(), List.of(), e);
    } catch (IOException e) {
      throw recordProblem(e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  PolicySummary revoke(Hrac policy) {
    PolicyRecord record = record(policy);
    try {
      PolicyLifecycle.Revocation r = lifecycle.revoke(record, learner);
      return PolicySummary.of(r.record, clock.instant(), r.unconfirmed);
    } catch (PolicyRefused e) {
      throw refused(e);
    } catch (IOException e) {
      throw recordProblem(e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  PolicySummary deletePolicy(Hrac policy) {
    PolicyRecord record = record(policy);
    PolicySummary last;
    try {
      PolicyLifecycle.Revocation r = lifecycle.delete(record, learner);
      last = PolicySummary.of(r.record, clock.instant(), r.unconfirmed);
    } catch (PolicyRefused e) {
      throw refused(e);
    } catch (IOException e) {
      throw recordProblem(e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
    if (!last.state().isFinal()) {
      throw new NkmsException(
          Kind.FAILED,
          last.unconfirmed().size()
              + " node(s) did not confirm the revocation of policy "
              + policy
              + ", so its record stays; run it again to reach them",
          last.unconfirmed().entrySet().stream()
              .map(e -> e.getKey() + ": " + e.getValue())
              .toList());
    }
    return last;
  }

  PolicyAtNodes checkPolicy(Hrac policy) {
    PolicyRecord record = record(policy);
    try {
      dev.nkms.client.alice.PolicyCheck check = lifecycle.check(record);
      return new PolicyAtNodes(
          policy,
          check.answers(),
          check.failed(),
          PolicyLifecycle.disagreements(record, check, clock.instant()));
    } catch (PolicyRefused e) {
      throw refused(e);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  Optional<PolicySummary> policy(Hrac policy) {
    Optional<PolicyRecord> r;
    try {
      r = lifecycle.book().find(policy);
    } catch (IOException | MalformedInputException e) {
      throw recordProblem(new IOException(e.getMessage(), e));
    }
    return r.filter(x -> x.terms().terms().aliceVerifyingKey().equals(aliceVerifyingKey))
        .map(x -> PolicySummary.of(x, clock.instant(), Map.of()));
  }

  List<PolicySummary> policies() {
    List<PolicySummary> out = new ArrayList<>();
    Instant now = clock.instant();
    try {
      for (PolicyBook.Entry e : lifecycle.book().list()) {
        e.record
            .filter(r -> r.terms().terms().aliceVerifyingKey().equals(aliceVerifyingKey))
            .ifPresent(r -> out.add(PolicySummary.of(r, now, Map.of())));
      }
    } catch (IOException e) {
      throw recordProblem(e);
    }
    return out;
  }

  PolicyRecord record(Hrac policy) {
    Optional<PolicyRecord> r;
    try {
      r = lifecycle.book().find(policy);
    } catch (IOException | MalformedInputException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          "the record of policy "
              + policy
              + " in "
              + config.policies()
              + " does not open: "
              + e.getMessage(),
          List.of(),
          e);
    }
    return r.orElseThrow(
        () ->
            new NkmsException(
                Kind.INVALID_INPUT, "no policy " + policy + " in " + config.policies()));
  }

  static NkmsException refused(PolicyRefused e) {
    Kind kind =
        switch (e.kind()) {
          case ALREADY_GRANTED, NOT_RENEWABLE, WRONG_ALICE -> Kind.INVALID_INPUT;
          default -> Kind.FAILED;
        };
    return new NkmsException(kind, e.getMessage(), e.details(), e);
  }

  NkmsException recordProblem(IOException e) {
    return new NkmsException(
        Kind.FAILED,
        "cannot keep the policy record in " + config.policies() + ": " + e.getMessage(),
        List.of(),
        e);
  }

  static NkmsException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new NkmsException(Kind.FAILED, "interrupted", List.of(), e);
  }
}
