package dev.nkms.network.learning;

import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a node adds to the learning loop that a client does not have: its own metadata (announced to
 * teachers and part of its fleet state), the key that signs its answers as a teacher, and its own
 * health verdicts (shared with learners, and never chosen itself).
 */
public record Teaching(
    Supplier<NodeMetadata> self, Signer signer, Supplier<Set<NodeAddress>> unhealthy) {
  public Teaching {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(unhealthy, "unhealthy");
  }
}
