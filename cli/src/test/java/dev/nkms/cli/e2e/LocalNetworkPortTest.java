package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.protocol.NodeMetadata;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's port is drawn when the node is made; another program may take it before the node binds
 * it (CI saw this). {@code up} then moves the node to a new port and starts it again.
 */
class LocalNetworkPortTest {
  @TempDir Path dir;

  @Test
  void aNodeWhosePortWasTakenStartsOnANewOne() throws Exception {
    LocalNetwork network = new LocalNetwork(dir.resolve("net"), dev.nkms.cli.Main.class.getName());
    try {
      List<NodeMetadata> first = network.up(3, TestNetworks.START_TIMEOUT, line -> {}).nodes();
      network.down(java.time.Duration.ofSeconds(10));
      int taken = first.get(1).port();
      List<String> progress = new ArrayList<>();
      try (ServerSocket squatter = new ServerSocket(taken, 1, InetAddress.getLoopbackAddress())) {
        List<NodeMetadata> again = network.up(3, TestNetworks.START_TIMEOUT, progress::add).nodes();
        assertThat(again).hasSize(3);
        NodeMetadata moved =
            again.stream()
                .filter(n -> n.address().equals(first.get(1).address()))
                .findFirst()
                .orElseThrow();
        assertThat(moved.port()).isNotEqualTo(taken);
        assertThat(progress)
            .anyMatch(
                l -> l.contains("'s port was taken meanwhile; starting it on " + moved.port()));
      }
    } finally {
      TestNetworks.stop(network);
    }
  }
}
