package dev.nkms.app.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.Deployment;
import dev.nkms.chain.EthereumStakeRegistry;
import dev.nkms.network.learning.RegistrySync;
import dev.nkms.network.membership.Membership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staking contract as a network's registry, for nodes and clients alike: read from the chain,
 * re-read once per learning round when its change serial moved; nothing to gossip, since everyone
 * reads the same chain.
 */
public final class ChainMembership {
  private static final Logger LOG = LoggerFactory.getLogger(ChainMembership.class);

  private ChainMembership() {}

  public static Membership of(Chain chain, Deployment deployment) throws ChainException {
    EthereumStakeRegistry registry = EthereumStakeRegistry.open(chain, deployment);
    return Membership.of(
        registry,
        RegistrySync.refreshedBy(
            () -> {
              try {
                registry.refresh();
              } catch (ChainException e) {
                LOG.warn("cannot refresh the staking registry: {}", e.getMessage());
              }
            }));
  }
}
