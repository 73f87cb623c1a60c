package dev.nkms.crypto.ec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The build runs the suite once per back-end; this makes sure each run really uses the one it
 * names.
 */
class BackendSelectionTest {
  @Test
  void theRequestedBackendIsTheActiveOne() {
    String requested = System.getProperty("nkms.backend", "auto");
    String active = Backends.active().name();
    switch (requested) {
      case "acinq":
        assertThat(active).contains("libsecp256k1");
        break;
      case "bouncycastle":
        assertThat(active).contains("BouncyCastle");
        break;
      default:
        assertThat(active).isNotBlank();
    }
  }

  @Test
  void nativeBackendLoadsOnThisPlatform() {
    // CI machines are linux x86_64, where the JNI library ships in the jar; if this fails, the fast
    // path is gone.
    assertThat(Backends.acinq().name()).contains("libsecp256k1");
  }
}
