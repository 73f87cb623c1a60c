package dev.nkms.crypto.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The back-end the build asked for (-Dnkms.backend=…) is the one this JVM actually runs on. */
class BackendsTest {

  private static boolean acinqLoads() {
    try {
      Backends.acinq();
      return true;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  @Test
  void activeBackendFollowsTheSystemProperty() {
    String wanted = System.getProperty("nkms.backend");
    if (wanted == null || wanted.isBlank()) {
      wanted = System.getenv().getOrDefault("NKMS_BACKEND", "auto");
    }
    String name = Backends.active().name();
    System.out.println("nkms.backend=" + wanted + " → active back-end: " + name);
    switch (wanted.toLowerCase(Locale.ROOT)) {
      case "bouncycastle":
      case "bc":
        assertThat(name).isEqualTo(Backends.bouncyCastle().name());
        break;
      case "acinq":
      case "native":
        assertThat(name).isEqualTo(Backends.acinq().name());
        break;
      default:
        assertThat(name)
            .isEqualTo(acinqLoads() ? Backends.acinq().name() : Backends.bouncyCastle().name());
    }
  }

  @Test
  void activeIsChosenOnce() {
    assertThat(Backends.active()).isSameAs(Backends.active());
  }

  @Test
  void explicitFactoriesReturnFreshWorkingInstances() {
    Secp256k1Backend a = Backends.bouncyCastle();
    Secp256k1Backend b = Backends.bouncyCastle();
    assertThat(a).isNotSameAs(b);
    byte[] one = new byte[32];
    one[31] = 1;
    assertThat(a.mulG(one)).isEqualTo(Point.generator().toUncompressed());
  }
}
