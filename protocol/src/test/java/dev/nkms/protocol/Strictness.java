package dev.nkms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The strictness checks every protocol object must pass: truncation, trailing bytes, single-bit
 * corruption.
 */
final class Strictness {
  private Strictness() {}

  @FunctionalInterface
  interface Parser<T> {
    T parse(byte[] bytes) throws Exception;
  }

  @FunctionalInterface
  interface ParsedCheck<T> {
    /** Called when a corrupted encoding still parses: {@code parsed} came from {@code mutated}. */
    void check(byte[] mutated, T parsed) throws Exception;
  }

  /**
   * Every proper prefix (including the empty one) is refused as truncated, never as a bad
   * signature.
   */
  static void refusesEveryTruncation(byte[] bytes, Parser<?> parser) {
    for (int len = 0; len < bytes.length; len++) {
      byte[] cut = Arrays.copyOf(bytes, len);
      Throwable t = catchThrowable(() -> parser.parse(cut));
      assertThat(t)
          .as("truncated to %d of %d bytes", len, bytes.length)
          .isInstanceOf(WireFormatException.class)
          .isNotInstanceOf(BadSignatureException.class)
          .hasMessageContaining("truncated");
    }
  }

  /** One appended byte (of any value) is refused as trailing data. */
  static void refusesTrailingBytes(byte[] bytes, Parser<?> parser) {
    for (int value : new int[] {0x00, 0xc0, 0xff}) {
      byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
      longer[bytes.length] = (byte) value;
      assertThat(catchThrowable(() -> parser.parse(longer)))
          .as("appended 0x%02x", value)
          .isInstanceOf(WireFormatException.class)
          .isNotInstanceOf(BadSignatureException.class)
          .hasMessageContaining("1 trailing byte(s)");
    }
  }

  /**
   * Flips every bit of {@code bytes}. Each flip must either be refused with a {@link
   * MalformedInputException} (a {@link BadSignatureException} only where {@code signedOpaque} holds
   * for the flipped offset) or parse into an object that {@code whenParsed} accepts. No other
   * exception type is allowed.
   *
   * @return how many flips parsed
   */
  static <T> int bitFlips(
      byte[] bytes, Parser<T> parser, IntPredicate signedOpaque, ParsedCheck<T> whenParsed)
      throws Exception {
    int parsedCount = 0;
    for (int i = 0; i < bytes.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] m = bytes.clone();
        m[i] ^= (byte) (1 << bit);
        T parsed;
        try {
          parsed = parser.parse(m);
        } catch (BadSignatureException e) {
          assertThat(signedOpaque.test(i))
              .as("BadSignatureException for a flip at byte %d bit %d (%s)", i, bit, e.getMessage())
              .isTrue();
          continue;
        } catch (MalformedInputException e) {
          continue;
        } catch (Throwable t) {
          throw new AssertionError("flip at byte " + i + " bit " + bit + " threw " + t, t);
        }
        parsedCount++;
        whenParsed.check(m, parsed);
      }
    }
    return parsedCount;
  }

  /** For objects that must never parse when any bit is flipped. */
  static <T> ParsedCheck<T> neverParses() {
    return (m, parsed) -> {
      throw new AssertionError("a corrupted encoding parsed: " + parsed);
    };
  }

  /**
   * True on the payload and signature bytes of a signed object (where any value is structurally
   * acceptable).
   */
  static IntPredicate signedOpaque(byte[] signedObject) {
    int[] r = Fixtures.signedRegions(signedObject);
    return i -> (i >= r[0] && i < r[1]) || (i >= r[2] && i < r[3]);
  }

  static IntPredicate nowhere() {
    return i -> false;
  }

  /** Refuses a different brand (every other object's brand) with a message naming both. */
  static void refusesOtherBrands(byte[] bytes, String brand, Parser<?> parser) {
    for (String other :
        new String[] {
          "PTrm", "KDlv", "MKit", "TMap", "EMap", "ReRq", "ReRs", "Revo", "RvRc", "NdMd", "PStQ",
          "PSts", "XXXX"
        }) {
      if (other.equals(brand)) {
        continue;
      }
      byte[] m = bytes.clone();
      System.arraycopy(other.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, m, 0, 4);
      assertThat(catchThrowable(() -> parser.parse(m)))
          .isInstanceOf(WireFormatException.class)
          .hasMessageContaining("expected a " + brand + " object, found brand '" + other + "'");
    }
  }

  /**
   * Refuses the majors just below and above the object's own (read from its header), and the next
   * minor.
   */
  static void refusesOtherVersions(byte[] bytes, Parser<?> parser) {
    int major = ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff);
    for (int other : new int[] {major - 1, major + 1}) {
      byte[] m = bytes.clone();
      m[5] = (byte) other;
      assertThat(catchThrowable(() -> parser.parse(m)))
          .isInstanceOf(WireFormatException.class)
          .hasMessageContaining(
              "unsupported major version " + other + " (this build reads " + major + ")");
    }
    byte[] minor1 = bytes.clone();
    minor1[7] = 1;
    assertThat(catchThrowable(() -> parser.parse(minor1)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("minor version " + major + ".1 is newer than " + major + ".0");
  }

  /** Refuses an input one byte above {@code maxSize} before looking at it. */
  static void refusesOversize(byte[] bytes, int maxSize, Parser<?> parser) {
    byte[] big = Arrays.copyOf(bytes, maxSize + 1);
    assertThat(catchThrowable(() -> parser.parse(big)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining((maxSize + 1) + " bytes, at most " + maxSize + " allowed");
  }

  /** All of the above that apply to every object. */
  static void standardChecks(byte[] bytes, String brand, int maxSize, Parser<?> parser) {
    refusesEveryTruncation(bytes, parser);
    refusesTrailingBytes(bytes, parser);
    refusesOtherBrands(bytes, brand, parser);
    refusesOtherVersions(bytes, parser);
    refusesOversize(bytes, maxSize, parser);
  }
}
