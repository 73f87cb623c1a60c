package dev.nkms.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * stream(seed) = SHA-256(seed ‖ u64be(0)) ‖ SHA-256(seed ‖ u64be(1)) ‖ …, consumed as one
 * continuous byte stream (spec §6.1). Not thread-safe; one instance serves one generation sequence.
 */
final class DeterministicStream implements RandomSource {
  private final byte[] seed;
  private long counter;
  private byte[] block = new byte[0];
  private int used;
  private long consumed;

  DeterministicStream(String seed) {
    this.seed = seed.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void nextBytes(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      if (used == block.length) {
        block = nextBlock();
        used = 0;
      }
      out[i] = block[used++];
    }
    consumed += out.length;
  }

  long consumed() {
    return consumed;
  }

  private byte[] nextBlock() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(seed);
      long c = counter++;
      for (int shift = 56; shift >= 0; shift -= 8) {
        sha.update((byte) (c >>> shift));
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "RandomSource.deterministicStream(…)";
  }
}
