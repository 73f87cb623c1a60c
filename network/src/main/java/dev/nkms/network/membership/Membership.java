package dev.nkms.network.membership;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.network.learning.RegistrySync;
import dev.nkms.protocol.wire.WireFormatException;
import dev.nkms.registry.FederatedRegistry;
import dev.nkms.registry.FixedStakes;
import dev.nkms.registry.StakeRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which network a node or client belongs to and who else is in it: the registry from the node's
 * configuration, and how the learning loop passes it along. With a federated registry, newer signed
 * lists arrive from peers (gossip) or in the registry file (an operator's update; re-read when it
 * changes); either way they are verified before adoption, and the file is rewritten with what was
 * adopted. A node without a registry stands alone: it serves clients that know it, but learns of no
 * one (nobody is staked).
 */
public final class Membership {
  private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

  private final StakeRegistry registry;
  private final RegistrySync sync;

  private Membership(StakeRegistry registry, RegistrySync sync) {
    this.registry = registry;
    this.sync = sync;
  }

  /**
   * A federated registry from its trust anchor and signed list; lists adopted from peers are
   * written back to {@code registryFile}. Used by nodes and by command-line clients.
   *
   * @throws IllegalArgumentException naming the file and the problem if the registry does not load
   *     or verify
   */
  public static Membership federated(Path federationFile, Path registryFile) throws IOException {
    FederatedRegistry federated;
    try {
      federated = FederatedRegistry.load(federationFile, registryFile);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException("the registry does not load: " + e.getMessage(), e);
    }
    return new Membership(federated, new FederatedSync(federated, registryFile));
  }

  /** A node or client that stands alone: it knows no one, and nobody is staked. */
  public static Membership none(String domain) {
    return new Membership(FixedStakes.of(domain, BigInteger.ONE, List.of()), RegistrySync.none());
  }

  /**
   * Any other registry with its way of passing updates along (e.g. the staking contract, read from
   * the chain).
   */
  public static Membership of(StakeRegistry registry, RegistrySync sync) {
    return new Membership(registry, sync);
  }

  public StakeRegistry registry() {
    return registry;
  }

  public RegistrySync sync() {
    return sync;
  }

  /** Gossip of a federated registry, plus the registry file as a second source of newer lists. */
  private static final class FederatedSync implements RegistrySync {
    private final FederatedRegistry registry;
    private final Path file;
    private FileTime seen;

    FederatedSync(FederatedRegistry registry, Path file) {
      this.registry = registry;
      this.file = file;
      this.seen = modified();
    }

    @Override
    public long serial() {
      return registry.serial();
    }

    @Override
    public Optional<byte[]> document() {
      return Optional.of(registry.document());
    }

    @Override
    public boolean offer(byte[] document) {
      try {
        if (registry.offer(document)) {
          LOG.info("adopted registry serial {} from a peer", registry.serial());
          save();
          return true;
        }
        return false;
      } catch (WireFormatException e) {
        LOG.warn("refused a registry from a peer: {}", e.getMessage());
        return false;
      }
    }

    /** An operator replaced the file: offer its list like any other. */
    @Override
    public synchronized void refresh() {
      FileTime now = modified();
      if (now == null || now.equals(seen)) {
        return;
      }
      seen = now;
      try {
        if (registry.offer(Files.readAllBytes(file))) {
          LOG.info("adopted registry serial {} from {}", registry.serial(), file);
        }
      } catch (IOException | WireFormatException e) {
        LOG.warn("ignoring {}: {}", file, e.getMessage());
      }
    }

    private synchronized void save() {
      try {
        registry.save(file);
        seen = modified();
      } catch (IOException e) {
        LOG.warn("could not save the adopted registry to {}: {}", file, e.toString());
      }
    }

    private FileTime modified() {
      try {
        return Files.getLastModifiedTime(file);
      } catch (IOException e) {
        return null;
      }
    }
  }
}
