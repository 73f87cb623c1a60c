package dev.nkms.app.bench;

import dev.nkms.client.alice.Policy;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.protocol.ReencryptionRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Re-encryption requests as Bob sends them, signed by Bob for one policy, over a fixed set of
 * capsules: what the throughput phases and the round-trip probes send straight to the nodes, so
 * that Bob's verification and decryption do not count.
 */
final class BenchRequests {
  private final Policy policy;
  private final Signer bob;
  private final List<Capsule> capsules;
  private final RandomSource random;

  BenchRequests(Policy policy, Signer bob, List<Capsule> capsules, RandomSource random) {
    if (capsules.isEmpty()) {
      throw new IllegalArgumentException("no capsules");
    }
    this.policy = policy;
    this.bob = bob;
    this.capsules = List.copyOf(capsules);
    this.random = random;
  }

  Policy policy() {
    return policy;
  }

  /** A request for {@code size} capsules, starting at capsule {@code seq} (cyclically). */
  ReencryptionRequest sign(int size, int seq) {
    List<Capsule> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(capsules.get((seq + i) % capsules.size()));
    }
    return ReencryptionRequest.sign(policy.hrac(), batch, Map.of(), Instant.now(), bob, random);
  }
}
