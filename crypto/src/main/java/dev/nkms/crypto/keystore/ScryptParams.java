package dev.nkms.crypto.keystore;

import java.util.Objects;

/**
 * scrypt cost parameters. Limits apply on write as on read, so whatever is written can be read
 * back.
 */
public final class ScryptParams {
  public static final int MAX_N = 1 << 20;
  public static final int MAX_R = 32;
  public static final int MAX_P = 16;

  /** scrypt needs 128·N·r bytes of memory; more than 1 GiB is refused as a denial of service. */
  public static final long MAX_MEMORY_BYTES = 1L << 30;

  /** The production default: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s). */
  public static final ScryptParams DEFAULT = new ScryptParams(1 << 15, 8, 1);

  private final int n;
  private final int r;
  private final int p;

  private ScryptParams(int n, int r, int p) {
    this.n = n;
    this.r = r;
    this.p = p;
  }

  /**
   * @throws IllegalArgumentException if N is not a power of two in [2, 2^20], r not in [1, 32], p
   *     not in [1, 16]
   */
  public static ScryptParams of(int n, int r, int p) {
    String problem = problem(n, r, p);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return new ScryptParams(n, r, p);
  }

  /**
   * What is wrong with these parameters, or null if nothing; takes longs so a parser can ask before
   * narrowing.
   */
  static String problem(long n, long r, long p) {
    if (n < 2 || n > MAX_N || (n & (n - 1)) != 0) {
      return "scrypt N must be a power of two between 2 and 2^20, got " + n;
    }
    if (r < 1 || r > MAX_R) {
      return "scrypt r must be between 1 and " + MAX_R + ", got " + r;
    }
    if (p < 1 || p > MAX_P) {
      return "scrypt p must be between 1 and " + MAX_P + ", got " + p;
    }
    if (128 * n * r > MAX_MEMORY_BYTES) {
      return "scrypt N=" + n + ", r=" + r + " would need more than 1 GiB of memory";
    }
    return null;
  }

  public int n() {
    return n;
  }

  public int r() {
    return r;
  }

  public int p() {
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScryptParams
        && n == ((ScryptParams) o).n
        && r == ((ScryptParams) o).r
        && p == ((ScryptParams) o).p;
  }

  @Override
  public int hashCode() {
    return Objects.hash(n, r, p);
  }

  @Override
  public String toString() {
    return "scrypt(N=" + n + ", r=" + r + ", p=" + p + ")";
  }
}
