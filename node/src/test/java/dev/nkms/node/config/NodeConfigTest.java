package dev.nkms.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.PeerAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
  private static final Path DIR = Path.of("/var/lib/nkms");

  @Test
  void buildersCheckEveryValue() {
    NodeConfig.Builder b = NodeConfig.builder(DIR);
    assertThatThrownBy(() -> b.port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be between 0 and 65535, got 70000");
    assertThatThrownBy(() -> b.maxCapsulesPerRequest(1001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxClockSkew(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be between 1s and 1h, got 0h");
    assertThatThrownBy(() -> b.host("not a host")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.dataDir(null)).isInstanceOf(NullPointerException.class);
    // The failed calls left the builder as it was.
    assertThat(b.build()).isEqualTo(NodeConfig.builder(DIR).build());
  }

  @Test
  void publicHostDefaultsToTheBindHostButNeverToAWildcard() {
    assertThat(NodeConfig.builder(DIR).host("10.0.0.2").build().publicHost()).isEqualTo("10.0.0.2");
    assertThat(
            NodeConfig.builder(DIR).host("10.0.0.2").publicHost("n.example").build().publicHost())
        .isEqualTo("n.example");
    for (String wildcard : new String[] {"0.0.0.0", "::", "0:0:0:0:0:0:0:0"}) {
      assertThatThrownBy(() -> NodeConfig.builder(DIR).host(wildcard).build())
          .as(wildcard)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("wildcard");
    }
    assertThat(NodeConfig.builder(DIR).host("::").publicHost("::1").build().host()).isEqualTo("::");
  }

  @Test
  void toBuilderRoundTrips() {
    NodeConfig c =
        NodeConfig.builder(DIR)
            .host("0.0.0.0")
            .publicHost("node.example")
            .port(0)
            .maxRequestBytes(4096)
            .maxConcurrentRequests(3)
            .expirySweepInterval(Duration.ofMillis(20))
            .domain("testnet")
            .peers(List.of(PeerAddress.parse("10.0.0.1:9151"), PeerAddress.parse("[::1]:9")))
            .federation(Path.of("federation"))
            .registry(Path.of("registry"))
            .learningInterval(Duration.ofMillis(300))
            .healthCheckInterval(Duration.ofSeconds(9))
            .build();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().port(1).build()).isNotEqualTo(c);
  }

  @Test
  void federationAndRegistryGoTogether() {
    assertThatThrownBy(() -> NodeConfig.builder(DIR).registry(Path.of("registry")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("federation and registry go together");
    assertThatThrownBy(() -> NodeConfig.builder(DIR).domain("Main_Net"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a-z, 0-9 and '-'");
  }

  @Test
  void toStringListsTheSettings() {
    assertThat(NodeConfig.builder(DIR).build().toString())
        .isEqualTo(
            "NodeConfig[data-dir=/var/lib/nkms, "
                + "host=127.0.0.1, public-host=127.0.0.1, port=9151, max-request-bytes=262144, max-capsules-per-request=1000,"
                + " max-concurrent-requests=64, max-policies-per-alice=1000, max-clock-skew=PT5M, expiry-sweep-interval=PT1M, domain=local, peers=[],"
                + " federation=-, registry=-, learning-interval=PT5S, health-check-interval=PT10M]");
  }
}
