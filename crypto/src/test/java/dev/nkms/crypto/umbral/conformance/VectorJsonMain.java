package dev.nkms.crypto.umbral.conformance;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.ec.Backends;
import org.bouncycastle.util.encoders.Hex;

/**
 * Test helper run in a child JVM by {@link VectorGeneratorTest}: for each group of six arguments
 * (seed, threshold, shares, sign_dk, sign_rk, plaintext hex) prints the seeded vector set's JSON
 * followed by the line {@link #END} on stdout, under whatever back-end {@code -Dnkms.backend}
 * selects, and the back-end's name on stderr.
 */
public final class VectorJsonMain {
  static final String END = "----- end of vector set -----";

  private VectorJsonMain() {}

  public static void main(String[] args) {
    System.err.println(Backends.active().name());
    for (int i = 0; i + 6 <= args.length; i += 6) {
      VectorSet v =
          VectorGenerator.generate(
              RandomSource.deterministicStream(args[i]),
              Integer.parseInt(args[i + 1]),
              Integer.parseInt(args[i + 2]),
              Boolean.parseBoolean(args[i + 3]),
              Boolean.parseBoolean(args[i + 4]),
              Hex.decode(args[i + 5]));
      System.out.print(v.toJson());
      System.out.println(END);
    }
  }
}
