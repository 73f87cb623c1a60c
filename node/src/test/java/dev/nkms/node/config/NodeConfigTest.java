package dev.nkms.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
  private static final Path DIR = Path.of("/var/lib/nkms");

  @Test
  void buildersCheckEveryValue() {
    NodeConfig.Builder b = NodeConfig.builder(DIR);
    assertThatThrownBy(() -> b.port(70000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be between 0 and 65535, got 70000");
    assertThatThrownBy(() -> b.maxCapsulesPerRequest(1001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxClockSkew(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be between 1s and 1h, got 0h");
    assertThatThrownBy(() -> b.host("not a host")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.dataDir(null)).isInstanceOf(NullPointerException.class);
    // The failed calls left the builder as it was.
    assertThat(b.build()).isEqualTo(NodeConfig.builder(DIR).build());
  }

  @Test
  void publicHostDefaultsToTheBindHostButNeverToAWildcard() {
    assertThat(NodeConfig.builder(DIR).host("10.0.0.2").build().publicHost()).isEqualTo("10.0.0.2");
    assertThat(NodeConfig.builder(DIR).host("10.0.0.2").publicHost("n.example").build().publicHost())
        .isEqualTo("n.example");
    for (String wildcard : new String[] {"0.0.0.0", "::", "0:0:0:0:0:0:0:0"}) {
      assertThatThrownBy(() -> NodeConfig.builder(DIR).host(wildcard).build()).as(wildcard)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wildcard");
    }
    assertThat(NodeConfig.builder(DIR).host("::").publicHost("::1").build().host()).isEqualTo("::");
  }

  @Test
  void toBuilderRoundTrips() {
    NodeConfig c = NodeConfig.builder(DIR).host("0.0.0.0").publicHost("node.example").port(0)
        .maxRequestBytes(4096).maxConcurrentRequests(3).expirySweepInterval(Duration.ofMillis(20))
        .nodeList(Path.of("nodes.json")).build();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().port(1).build()).isNotEqualTo(c);
  }

  @Test
  void toStringListsTheSettings() {
    assertThat(NodeConfig.builder(DIR).build().toString()).isEqualTo("NodeConfig[data-dir=/var/lib/nkms, "
        + "host=127.0.0.1, public-host=127.0.0.1, port=9151, max-request-bytes=262144, max-capsules-per-request=1000,"
        + " max-concurrent-requests=64, max-clock-skew=PT5M, expiry-sweep-interval=PT1M, node-list=-]");
  }
}
