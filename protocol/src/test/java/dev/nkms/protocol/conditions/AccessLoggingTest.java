package dev.nkms.protocol.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.protocol.wire.MsgpackWriter;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class AccessLoggingTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void holdsOnlyWhenTheRequestWasLogged() {
    assertThat(AccessLogging.REQUIRED.check(new RequestContext(NOW, Map.of(), true))).isEmpty();
    assertThat(AccessLogging.REQUIRED.check(new RequestContext(NOW, Map.of(), false)))
        .contains("condition not met: the request could not be recorded in the access log");
  }

  @Test
  void encodesAsAOneElementArray() {
    MsgpackWriter w = new MsgpackWriter();
    AccessLogging.REQUIRED.write(w);
    assertThat(Hex.toHexString(w.toBytes()))
        .isEqualTo("91aa" + Hex.toHexString("access-log".getBytes()));
    assertThat(AccessLogging.REQUIRED.type()).isEqualTo("access-log");
    assertThat(AccessLogging.REQUIRED).hasToString("access-log");
  }
}
