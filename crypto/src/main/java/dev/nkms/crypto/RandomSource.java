package dev.nkms.crypto;

import java.security.SecureRandom;

/**
 * The only way randomness enters the protocol. Every draw is a request for exactly {@code length}
 * bytes, in the order the Umbral spec (§3.10) fixes, so that a deterministic source reproduces the
 * reference byte for byte. Production code uses {@link #secure()}.
 */
@FunctionalInterface
public interface RandomSource {
  void nextBytes(byte[] out);

  default byte[] nextBytes(int length) {
    byte[] out = new byte[length];
    nextBytes(out);
    return out;
  }

  /** The default: a {@link SecureRandom}. */
  static RandomSource secure() {
    return SecureSource.INSTANCE;
  }

  /** The deterministic test-vector stream of the spec (§6.1). Never use it for real keys. */
  static RandomSource deterministicStream(String seed) {
    return new DeterministicStream(seed);
  }
}

final class SecureSource implements RandomSource {
  static final SecureSource INSTANCE = new SecureSource();
  private final SecureRandom random = new SecureRandom();

  @Override
  public void nextBytes(byte[] out) {
    random.nextBytes(out);
  }

  @Override
  public String toString() {
    return "RandomSource.secure()";
  }
}
