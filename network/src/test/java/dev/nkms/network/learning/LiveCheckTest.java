package dev.nkms.network.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.protocol.NodeMetadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check before first use: the live node must serve the metadata we hold under the pinned
 * certificate.
 */
class LiveCheckTest extends SimulatedNetwork {
  @Test
  void liveCheckBeforeFirstUseComparesTheServedMetadata() {
    List<Sim> all = network(3);
    converge(all, 10);
    Learner l = all.get(0).learner;
    Sim other = all.get(1);
    assertThat(l.live(other.metadata)).contains(other.metadata);
    // An impostor serving metadata of another node under the pin: refused.
    Sim third = all.get(2);
    overrides.put(
        other.address(),
        new SimApi(other) {
          @Override
          public NodeMetadata metadata() {
            return third.metadata;
          }
        });
    clock.advance(Duration.ofHours(1)); // past the cached verification
    assertThat(l.live(other.metadata)).isEmpty();
  }
}
