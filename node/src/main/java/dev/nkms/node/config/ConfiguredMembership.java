package dev.nkms.node.config;

import dev.nkms.network.membership.Membership;
import java.io.IOException;

/**
 * The membership a node's configuration names: its federated registry, or none (a node that stands
 * alone).
 */
public final class ConfiguredMembership {
  private ConfiguredMembership() {}

  /**
   * The registry {@code config} names, checked to be for the configured network.
   *
   * @throws IllegalArgumentException naming the file and the problem if the registry does not load
   *     or verify
   */
  public static Membership of(NodeConfig config) throws IOException {
    if (config.registry().isEmpty()) {
      return Membership.none(config.domain());
    }
    Membership m = Membership.federated(config.federation().orElseThrow(), config.registry().get());
    if (!m.registry().domain().equals(config.domain())) {
      throw new IllegalArgumentException(
          "the registry "
              + config.registry().get()
              + " is for network '"
              + m.registry().domain()
              + "' but this node is configured for '"
              + config.domain()
              + "'");
    }
    return m;
  }
}
