package dev.nkms.node.identity;

import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.NodeMetadata;
import java.time.Clock;
import java.util.Objects;

/**
 * The metadata this node announces about itself: none until its server has bound a port, then
 * signed by the node's identity for the public host (what peers dial, not the bind address) and the
 * port actually bound, which differs from the configured one when that is 0.
 */
public final class SelfMetadata {
  private final NodeIdentity identity;
  private final String domain;
  private final String publicHost;
  private final Clock clock;
  private final RandomSource random;
  private volatile NodeMetadata current;

  public SelfMetadata(
      NodeIdentity identity, String domain, String publicHost, Clock clock, RandomSource random) {
    this.identity = Objects.requireNonNull(identity);
    this.domain = Objects.requireNonNull(domain);
    this.publicHost = Objects.requireNonNull(publicHost);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
  }

  /** Signs fresh metadata for {@code boundPort}, timestamped now, and announces it from then on. */
  public NodeMetadata signFor(int boundPort) {
    NodeMetadata m =
        NodeMetadata.sign(
            identity.signer(),
            identity.encryptingKey().publicKey(),
            domain,
            publicHost,
            boundPort,
            identity.tlsFingerprint(),
            clock.instant(),
            random);
    current = m;
    return m;
  }

  /** The metadata announced now, or null before {@link #signFor} (the server is starting). */
  public NodeMetadata current() {
    return current;
  }

  /** {@link #current()} as wire bytes, or null before {@link #signFor}. */
  public byte[] currentBytes() {
    NodeMetadata m = current;
    return m == null ? null : m.toBytes();
  }
}
