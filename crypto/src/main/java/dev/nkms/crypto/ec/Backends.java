package dev.nkms.crypto.ec;

import java.util.Locale;

/**
 * Chooses the secp256k1 back-end once per process: libsecp256k1 when its native library loads,
 * BouncyCastle otherwise. {@code -Dnkms.backend=acinq|bouncycastle|auto} (or env {@code
 * NKMS_BACKEND}) forces a choice; forcing acinq on a machine where it cannot load is an error
 * rather than a silent fallback.
 */
public final class Backends {
  private static volatile Secp256k1Backend active;

  private Backends() {}

  public static Secp256k1Backend active() {
    Secp256k1Backend b = active;
    if (b == null) {
      synchronized (Backends.class) {
        if (active == null) {
          active = choose();
        }
        b = active;
      }
    }
    return b;
  }

  public static Secp256k1Backend bouncyCastle() {
    return new BouncyCastleBackend();
  }

  /** The native back-end, or an exception saying why it cannot load here. */
  public static Secp256k1Backend acinq() {
    return new AcinqBackend();
  }

  private static Secp256k1Backend choose() {
    String wanted = System.getProperty("nkms.backend");
    if (wanted == null || wanted.isBlank()) {
      wanted = System.getenv().getOrDefault("NKMS_BACKEND", "auto");
    }
    switch (wanted.toLowerCase(Locale.ROOT)) {
      case "bouncycastle":
      case "bc":
        return bouncyCastle();
      case "acinq":
      case "native":
        return acinq();
      case "auto":
      case "":
        try {
          return acinq();
        } catch (LinkageError | RuntimeException e) {
          return bouncyCastle();
        }
      default:
        throw new IllegalStateException(
            "nkms.backend must be auto, acinq or bouncycastle, not '" + wanted + "'");
    }
  }
}
