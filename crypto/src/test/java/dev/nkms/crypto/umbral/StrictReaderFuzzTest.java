package dev.nkms.crypto.umbral;

import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.VerificationException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the three strict parsers (spec §4.7, §9.1, §9.6): 20,000 mutants of
 * valid capsule, kfrag and cfrag bytes. A mutant must either be rejected with {@link
 * MalformedInputException} — never any other exception — or parse to an object that re-serializes
 * to exactly the mutant (one encoding per object). Parsed mutants are then used: a capsule must
 * still pass its self-check only if it is the original, kfrag and cfrag verification may only throw
 * the typed exceptions, and only a mutant that changed nothing the checks cover may verify.
 */
class StrictReaderFuzzTest {
  private static final int MUTANTS = 20_000;
  private static final int MAX_VERIFY =
      1_500; // per kind, to bound the run time on the pure-Java back-end

  private interface Parser {
    Object parse(byte[] b) throws MalformedInputException;
  }

  private static final class Stats {
    int rejected;
    int parsed;
    int verified;
  }

  private final Scenario sc = new Scenario("fuzz");

  @Test
  void mutantsAreRejectedCleanlyOrRoundTripExactly() {
    SplittableRandom rnd = new SplittableRandom(0xf022);
    byte[] capsule = sc.capsuleBytes();
    byte[][] kfrags = {sc.kfragBytes(0), sc.kfragBytes(1), sc.kfragBytes(2)};
    byte[][] cfrags = {sc.cfragBytes(0), sc.cfragBytes(1), sc.cfragBytes(2)};
    Stats capsuleStats = new Stats();
    Stats kfragStats = new Stats();
    Stats cfragStats = new Stats();

    for (int i = 0; i < MUTANTS; i++) {
      int kind = i % 3;
      byte[] original =
          kind == 0 ? capsule : kind == 1 ? kfrags[rnd.nextInt(3)] : cfrags[rnd.nextInt(3)];
      byte[] mutant = mutate(original, rnd);
      String where = "mutant " + i + " (kind " + kind + "): " + hex(mutant);
      try {
        switch (kind) {
          case 0:
            check(mutant, Capsule::fromBytes, c -> ((Capsule) c).toBytes(), capsuleStats, where);
            break;
          case 1:
            check(mutant, KeyFrag::fromBytes, k -> ((KeyFrag) k).toBytes(), kfragStats, where);
            break;
          default:
            check(
                mutant,
                CapsuleFrag::fromBytes,
                c -> ((CapsuleFrag) c).toBytes(),
                cfragStats,
                where);
        }
      } catch (MalformedInputException e) {
        assertThat(e.getMessage()).as(where).isNotBlank();
        continue;
      }
      // Parsed: exercise the object the way its receiver would.
      useParsed(
          kind,
          original,
          mutant,
          where,
          kind == 0 ? capsuleStats : kind == 1 ? kfragStats : cfragStats);
    }
    System.out.printf(
        "[fuzz] capsule %d rejected / %d parsed; kfrag %d / %d (%d verified); cfrag %d / %d (%d"
            + " verified)%n",
        capsuleStats.rejected,
        capsuleStats.parsed,
        kfragStats.rejected,
        kfragStats.parsed,
        kfragStats.verified,
        cfragStats.rejected,
        cfragStats.parsed,
        cfragStats.verified);
    // The mutator reaches both outcomes for the frags (ids and signature bytes can change and still
    // parse).
    assertThat(capsuleStats.rejected).isGreaterThan(MUTANTS / 4);
    assertThat(kfragStats.parsed).isPositive();
    assertThat(kfragStats.rejected).isPositive();
    assertThat(cfragStats.parsed).isPositive();
    assertThat(cfragStats.rejected).isPositive();
  }

  private static void check(
      byte[] mutant,
      Parser parser,
      java.util.function.Function<Object, byte[]> serialize,
      Stats stats,
      String where)
      throws MalformedInputException {
    Object parsed;
    try {
      parsed = parser.parse(mutant);
    } catch (MalformedInputException e) {
      stats.rejected++;
      throw e;
    } catch (Throwable t) {
      throw new AssertionError(
          "parser threw " + t + " instead of MalformedInputException for " + where, t);
    }
    stats.parsed++;
    assertThat(serialize.apply(parsed)).as("re-serialization of " + where).isEqualTo(mutant);
  }

  private void useParsed(int kind, byte[] original, byte[] mutant, String where, Stats stats) {
    try {
      if (kind == 0) {
        // A capsule that parses has passed the self-check; a mutant can only do so by being a
        // different valid
        // capsule, which would need a forged (E, V, s) — so it must be the original bytes.
        assertThat(mutant).as(where).isEqualTo(original);
        return;
      }
      if (stats.parsed > MAX_VERIFY) {
        return;
      }
      if (kind == 1) {
        try {
          KeyFrag.fromBytes(mutant).verify(sc.verifyingPk, sc.alicePk, sc.bobPk);
          stats.verified++;
          // Only signature_for_receiver (bytes 244..307) is outside what the proxy's check covers.
          assertDiffersOnlyWithin(
              original,
              mutant,
              KeyFragTest.SIG_RECEIVER_AT,
              KeyFragTest.SIG_RECEIVER_AT + 64,
              where);
        } catch (VerificationException expected) {
          // fine
        }
      } else {
        try {
          CapsuleFrag.fromBytes(mutant).verify(sc.capsule, sc.verifyingPk, sc.alicePk, sc.bobPk);
          stats.verified++;
          assertThat(mutant).as("a mutated cfrag verified: " + where).isEqualTo(original);
        } catch (VerificationException expected) {
          // fine
        }
      }
    } catch (MalformedInputException e) {
      fail("re-parse of an accepted mutant failed: " + where, e);
    } catch (RuntimeException e) {
      fail("verification threw " + e + " instead of VerificationException: " + where, e);
    }
  }

  private static void assertDiffersOnlyWithin(
      byte[] original, byte[] mutant, int from, int to, String where) {
    assertThat(mutant.length).as(where).isEqualTo(original.length);
    for (int i = 0; i < original.length; i++) {
      if (i < from || i >= to) {
        assertThat(mutant[i])
            .as("byte %d of a kfrag that still verified: %s", i, where)
            .isEqualTo(original[i]);
      }
    }
  }

  /**
   * One to three random edits: bit flips, byte overwrites, insertions, deletions, truncations,
   * window swaps.
   */
  static byte[] mutate(byte[] in, SplittableRandom rnd) {
    byte[] b = in.clone();
    int edits = 1 + rnd.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int op = rnd.nextInt(100);
      if (b.length == 0) {
        b = new byte[] {(byte) rnd.nextInt(256)};
        continue;
      }
      if (op < 45) { // flip one bit
        int i = rnd.nextInt(b.length);
        b[i] ^= (byte) (1 << rnd.nextInt(8));
      } else if (op < 65) { // overwrite one byte (headers included)
        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
      } else if (op < 72) { // overwrite a 32-byte window with random bytes
        int i = rnd.nextInt(b.length);
        for (int j = i; j < Math.min(b.length, i + 32); j++) {
          b[j] = (byte) rnd.nextInt(256);
        }
      } else if (op < 80) { // insert 1..3 bytes
        int i = rnd.nextInt(b.length + 1);
        int n = 1 + rnd.nextInt(3);
        byte[] out = new byte[b.length + n];
        System.arraycopy(b, 0, out, 0, i);
        for (int j = 0; j < n; j++) {
          out[i + j] = (byte) rnd.nextInt(256);
        }
        System.arraycopy(b, i, out, i + n, b.length - i);
        b = out;
      } else if (op < 88) { // delete 1..3 bytes
        int i = rnd.nextInt(b.length);
        int n = Math.min(1 + rnd.nextInt(3), b.length - i);
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, i);
        System.arraycopy(b, i + n, out, i, b.length - i - n);
        b = out;
      } else if (op < 94) { // truncate
        b = Arrays.copyOf(b, rnd.nextInt(b.length));
      } else { // append
        byte[] extra = new byte[1 + rnd.nextInt(4)];
        rnd.nextBytes(extra);
        byte[] out = Arrays.copyOf(b, b.length + extra.length);
        System.arraycopy(extra, 0, out, b.length, extra.length);
        b = out;
      }
    }
    return b;
  }

  @Test
  void mutatorChangesItsInput() {
    SplittableRandom rnd = new SplittableRandom(1);
    byte[] in = sc.capsuleBytes();
    int unchanged = 0;
    for (int i = 0; i < 1000; i++) {
      unchanged += Arrays.equals(mutate(in, rnd), in) ? 1 : 0;
    }
    assertThat(unchanged).isLessThan(10); // only when edits cancel out
  }
}
