package dev.nkms.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {
  private static final Path STATE = Path.of("/tmp/state");

  @Test
  void loopbackAddressesAreServedPlainOrWithTls() {
    assertThat(new DaemonOptions("127.0.0.1", 0, false, false, STATE).tls()).isFalse();
    assertThat(new DaemonOptions("::1", 0, true, false, STATE).tls()).isTrue();
    assertThat(new DaemonOptions("localhost", 7420, false, false, STATE).tokenFile())
        .isEqualTo(STATE.resolve("daemon.token"));
  }

  @Test
  void aNonLoopbackAddressIsRefusedUnlessAllowedAndThenAlwaysTls() {
    assertThatThrownBy(() -> new DaemonOptions("0.0.0.0", 0, false, false, STATE))
        .hasMessageContaining("refusing to listen on 0.0.0.0")
        .hasMessageContaining("holds your keys");
    assertThatThrownBy(() -> new DaemonOptions("0.0.0.0", 0, true, false, STATE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new DaemonOptions("0.0.0.0", 0, false, true, STATE).tls()).isTrue();
  }

  @Test
  void badPortsAreRefused() {
    assertThatThrownBy(() -> new DaemonOptions("127.0.0.1", 65536, false, false, STATE))
        .hasMessageContaining("not a TCP port");
  }
}
