package dev.nkms.client;

import dev.nkms.protocol.NodeAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * A node this client knows, as an application shows it: who, where, and how it has been doing —
 * when its metadata was last verified, the last time it answered, failures since, and whether its
 * peers report it unhealthy.
 */
public record NodeSummary(
    NodeAddress address,
    String host,
    int port,
    Optional<Instant> verifiedAt,
    Instant lastSuccess,
    int failures,
    boolean reportedUnhealthy) {}
