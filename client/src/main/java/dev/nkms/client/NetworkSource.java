package dev.nkms.client;

import dev.nkms.protocol.PeerAddress;
import java.nio.file.Path;
import java.util.List;

/** Which network a client joins ({@link NkmsConfig#network()}), in one of three shapes. */
public sealed interface NetworkSource {

  /** A network directory as {@code nkms network up} writes it or an operator hands it out. */
  public record NetworkDirectorySource(Path dir) implements NetworkSource {}

  /** A federated network: its trust anchor, its signed node list and seed peers. */
  public record FederatedSource(Path federation, Path registry, List<PeerAddress> peers)
      implements NetworkSource {
    public FederatedSource {
      peers = List.copyOf(peers);
    }
  }

  /** A network whose registry is a chain's staking contract, and seed peers. */
  public record ChainSource(Path deployment, List<PeerAddress> peers) implements NetworkSource {
    public ChainSource {
      peers = List.copyOf(peers);
    }
  }
}
