package dev.nkms.chain;

import dev.nkms.chain.HealthRoundClient.Phase;
import dev.nkms.chain.HealthRoundClient.Round;
import dev.nkms.protocol.NodeAddress;
import java.security.SecureRandom;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A node's part in the health-check rounds, driven by the caller: each {@link #step} looks at the
 * chain and sends at most one transaction that is due — reveal, commit (when this node is a
 * checker), close, open, in that order of urgency. It remembers what it sent and never sends the
 * same transaction twice, even when sending failed (a failed send may still have been mined). Not
 * thread-safe; it starts no threads.
 */
public final class HealthVoter {
  public enum Action {
    IDLE,
    OPENED,
    COMMITTED,
    REVEALED,
    CLOSED
  }

  /** What a step did, and in which round (0 for IDLE). */
  public record Step(Action action, long round) {
    public Step {
      Objects.requireNonNull(action, "action");
    }
  }

  private record Vote(BitSet unhealthy, byte[] salt) {}

  private final HealthRoundClient client;
  private final NodeAddress self;
  private final Predicate<NodeAddress> healthy;
  private final SecureRandom random = new SecureRandom();
  private final Map<Long, Vote> committed =
      new HashMap<>(); // kept until revealed: the salt exists only here
  private final Set<Long> revealed = new HashSet<>();
  private final Set<Long> closeSent = new HashSet<>();
  private final Set<Long> openSent =
      new HashSet<>(); // numbers of the rounds this voter tried to open

  public HealthVoter(HealthRoundClient client, NodeAddress self, Predicate<NodeAddress> healthy) {
    this.client = Objects.requireNonNull(client, "client");
    this.self = Objects.requireNonNull(self, "self");
    this.healthy = Objects.requireNonNull(healthy, "healthy");
  }

  public Step step() throws ChainException {
    // The block our transaction lands in at the earliest; judging the phase by it keeps a commit
    // from arriving
    // just after the commit phase ended.
    long next = client.blockNumber() + 1;
    long h = client.roundBlocks();
    Optional<Round> latest = client.latestRound();
    if (latest.isEmpty()) {
      return open(1);
    }
    Round r = latest.get();
    long n = r.number();
    forgetBefore(n - 1);
    Phase phase = r.phaseAt(next, h);

    if (r.checkers().contains(self)) {
      if (phase == Phase.COMMIT && !committed.containsKey(n)) {
        BitSet unhealthy = new BitSet();
        for (int i = 0; i < r.checked().size(); i++) {
          if (!healthy.test(r.checked().get(i))) {
            unhealthy.set(i);
          }
        }
        byte[] salt = new byte[HealthRoundClient.SALT_LENGTH];
        random.nextBytes(salt);
        committed.put(n, new Vote(unhealthy, salt));
        client.commit(n, unhealthy, salt);
        return new Step(Action.COMMITTED, n);
      }
      Vote vote = committed.get(n);
      if (phase == Phase.REVEAL && vote != null && revealed.add(n)) {
        client.reveal(n, vote.unhealthy(), vote.salt());
        return new Step(Action.REVEALED, n);
      }
    }

    // The previous round's close time began when this one opened; this one's comes with the time to
    // open the next.
    if (n > 1 && !closeSent.contains(n - 1) && client.phase(n - 1) != Phase.CLOSED) {
      return close(n - 1);
    }
    if (phase == Phase.CLOSABLE) {
      if (!closeSent.contains(n) && client.phase(n) != Phase.CLOSED) {
        return close(n);
      }
      return open(n + 1);
    }
    return new Step(Action.IDLE, 0);
  }

  private Step close(long round) throws ChainException {
    closeSent.add(round);
    client.close(round);
    return new Step(Action.CLOSED, round);
  }

  private Step open(long round) throws ChainException {
    if (!openSent.add(round)) {
      return new Step(Action.IDLE, 0);
    }
    client.open();
    return new Step(Action.OPENED, round);
  }

  private void forgetBefore(long round) {
    committed.keySet().removeIf(k -> k < round);
    revealed.removeIf(k -> k < round);
    closeSent.removeIf(k -> k < round);
    openSent.removeIf(k -> k < round);
  }
}
