package dev.nkms.protocol.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestContextTest {

  @Test
  void keepsAnImmutableCopy() {
    Map<String, String> m = new HashMap<>(Map.of("a", "1"));
    RequestContext c = new RequestContext(Instant.EPOCH, m, true);
    m.put("b", "2");
    assertThat(c.requesterContext()).containsExactly(Map.entry("a", "1"));
    assertThatThrownBy(() -> c.requesterContext().put("c", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(c.now()).isEqualTo(Instant.EPOCH);
    assertThat(c.accessLogged()).isTrue();
  }
}
