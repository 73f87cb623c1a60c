package dev.nkms.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MsgpackReaderTest {

  private static MsgpackReader reader(String hex) {
    return new MsgpackReader("Test", Hex.decode(hex), 0);
  }

  private static MsgpackReader reader(byte[] bytes) {
    return new MsgpackReader("Test", bytes, 0);
  }

  private static final String NON_CANONICAL = "non-canonical encoding (a shorter header exists)";

  // -------------------------------------------------------------------------------------------
  // canonical round trips

  @ParameterizedTest(name = "uint {0}")
  @ValueSource(
      longs = {
        0,
        1,
        0x7f,
        0x80,
        0xff,
        0x100,
        0xffff,
        0x10000,
        0xffffffffL,
        0x100000000L,
        Long.MAX_VALUE
      })
  void uintRoundTripsAtEveryBoundary(long v) throws Exception {
    byte[] enc = new MsgpackWriter().uint(v).toBytes();
    MsgpackReader r = reader(enc);
    assertThat(r.uint(Long.MAX_VALUE, "v")).isEqualTo(v);
    r.end();
  }

  @ParameterizedTest(name = "str of {0} bytes")
  @ValueSource(ints = {0, 1, 31, 32, 255, 256, 65535, 65536})
  void strRoundTripsAtEveryBoundary(int n) throws Exception {
    String s = "ab".repeat(n / 2) + (n % 2 == 1 ? "z" : "");
    MsgpackReader r = reader(new MsgpackWriter().str(s).toBytes());
    assertThat(r.str(Integer.MAX_VALUE, "s")).isEqualTo(s);
    r.end();
  }

  @Test
  void strRoundTripsNonAsciiText() throws Exception {
    String s = "héllo wörld — 日本語 — \uD83D\uDE00";
    MsgpackReader r = reader(new MsgpackWriter().str(s).toBytes());
    assertThat(r.str(100, "s")).isEqualTo(s);
    r.end();
  }

  @ParameterizedTest(name = "bin of {0} bytes")
  @ValueSource(ints = {0, 1, 255, 256, 65535, 65536, 70000})
  void binRoundTripsAtEveryBoundary(int n) throws Exception {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    MsgpackReader r = reader(new MsgpackWriter().bin(b).toBytes());
    assertThat(r.bin(Integer.MAX_VALUE, "b")).isEqualTo(b);
    r.end();
  }

  @ParameterizedTest(name = "array of {0}")
  @ValueSource(ints = {0, 1, 15, 16, 65535, 65536})
  void arrayHeaderRoundTripsAtEveryBoundary(int n) throws Exception {
    MsgpackReader r = reader(new MsgpackWriter().array(n).toBytes());
    assertThat(r.array("a")).isEqualTo(n);
    r.end();
  }

  @ParameterizedTest(name = "map of {0}")
  @ValueSource(ints = {0, 1, 15, 16, 65535, 65536})
  void mapHeaderRoundTripsAtEveryBoundary(int n) throws Exception {
    MsgpackReader r = reader(new MsgpackWriter().map(n).toBytes());
    assertThat(r.map(Integer.MAX_VALUE, "m")).isEqualTo(n);
    r.end();
  }

  @Test
  void readsBooleansAndNil() throws Exception {
    MsgpackReader r = reader("c2c3c001");
    assertThat(r.bool("f")).isFalse();
    assertThat(r.bool("t")).isTrue();
    assertThat(r.nil("n")).isTrue();
    assertThat(r.nil("not nil")).isFalse();
    assertThat(r.uint(1, "after")).isEqualTo(1);
    r.end();
  }

  @Test
  void readsAnEmbeddedOffset() throws Exception {
    MsgpackReader r = new MsgpackReader("Test", Hex.decode("ffff05"), 2);
    assertThat(r.uint(10, "v")).isEqualTo(5);
    r.end();
  }

  // ------------------------------------------------------------------------------------------------ non-minimal forms

  @ParameterizedTest(name = "uint {0}")
  @ValueSource(
      strings = {
        "cc00",
        "cc7f",
        "cd0000",
        "cd00ff",
        "ce00000000",
        "ce0000ffff",
        "cf0000000000000000",
        "cf00000000ffffffff"
      })
  void uintRefusesEveryNonMinimalHeader(String hex) {
    assertThatThrownBy(() -> reader(hex).uint(Long.MAX_VALUE, "count"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field count: " + NON_CANONICAL);
  }

  @ParameterizedTest(name = "uint {0} = {1}")
  @CsvSource({"cc80, 128", "cd0100, 256", "ce00010000, 65536", "cf0000000100000000, 4294967296"})
  void uintAcceptsTheSmallestValueOfEachHeader(String hex, long v) throws Exception {
    assertThat(reader(hex).uint(Long.MAX_VALUE, "v")).isEqualTo(v);
  }

  @Test
  void uintRefusesValuesAboveSignedLong() {
    assertThatThrownBy(() -> reader("cf8000000000000000").uint(Long.MAX_VALUE, "big"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field big: integer too large");
    assertThatThrownBy(() -> reader("cfffffffffffffffff").uint(Long.MAX_VALUE, "big"))
        .hasMessageContaining("integer too large");
  }

  @ParameterizedTest(name = "str {0}")
  @ValueSource(strings = {"d900", "d91f", "da0000", "da00ff", "db00000000", "db0000ffff"})
  void strRefusesEveryNonMinimalHeader(String hex) {
    assertThatThrownBy(() -> reader(hex).str(Integer.MAX_VALUE, "name"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field name: " + NON_CANONICAL);
  }

  @ParameterizedTest(name = "bin {0}")
  @ValueSource(strings = {"c50000", "c500ff", "c600000000", "c60000ffff"})
  void binRefusesEveryNonMinimalHeader(String hex) {
    assertThatThrownBy(() -> reader(hex).bin(Integer.MAX_VALUE, "data"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field data: " + NON_CANONICAL);
  }

  @Test
  void bin8IsTheShortestBinHeaderForEveryLength() throws Exception {
    assertThat(reader("c400").bin(10, "b")).isEmpty();
  }

  @ParameterizedTest(name = "array {0}")
  @ValueSource(strings = {"dc0000", "dc000f", "dd00000000", "dd0000ffff"})
  void arrayRefusesEveryNonMinimalHeader(String hex) {
    assertThatThrownBy(() -> reader(hex).array("list"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field list: " + NON_CANONICAL);
  }

  @ParameterizedTest(name = "map {0}")
  @ValueSource(strings = {"de0000", "de000f", "df00000000", "df0000ffff"})
  void mapRefusesEveryNonMinimalHeader(String hex) {
    assertThatThrownBy(() -> reader(hex).map(Integer.MAX_VALUE, "ctx"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field ctx: " + NON_CANONICAL);
  }

  // ------------------------------------------------------------------------------------------------------ truncation

  @Test
  void refusesTruncationAtEveryByteOfASample() {
    byte[] sample =
        new MsgpackWriter()
            .array(9)
            .uint(5)
            .uint(300)
            .uint(70000)
            .uint(0x100000000L)
            .str("hi")
            .str("x".repeat(40))
            .bin(new byte[300])
            .map(1)
            .str("k")
            .str("v")
            .bool(true)
            .nil()
            .toBytes();
    for (int len = 0; len < sample.length; len++) {
      byte[] cut = Arrays.copyOf(sample, len);
      Throwable t = catchThrowable(() -> readSample(reader(cut)));
      assertThat(t)
          .as("cut at %d", len)
          .isInstanceOf(WireFormatException.class)
          .hasMessageContaining("truncated input")
          .hasMessageStartingWith("Test: field ");
    }
    assertThat(catchThrowable(() -> readSample(reader(sample)))).isNull();
  }

  private static void readSample(MsgpackReader r) throws WireFormatException {
    r.struct(9, "outer");
    r.uint(10, "a");
    r.uint(1000, "b");
    r.uint(100000, "c");
    r.uint(Long.MAX_VALUE, "d");
    r.str(10, "e");
    r.str(100, "f");
    r.bin(1000, "g");
    r.map(1, "h");
    r.str(1, "h.key");
    r.str(1, "h.value");
    r.bool("i");
    if (!r.nil("j")) {
      throw r.fail("j", "expected nil");
    }
    r.end();
  }

  @Test
  void truncatedBodyNamesWhatWasAnnouncedAndWhatIsLeft() {
    assertThatThrownBy(() -> reader("c405010203").bin(100, "blob"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field blob: truncated input (5 bytes announced, 3 left)");
    assertThatThrownBy(() -> reader("a3").str(100, "s"))
        .hasMessageContaining("truncated input (3 bytes announced");
    assertThatThrownBy(() -> reader("").nil("n")).hasMessage("Test: field n: truncated input");
    assertThatThrownBy(() -> reader("cd01").uint(100000, "u"))
        .hasMessage("Test: field u: truncated input");
  }

  // -------------------------------------------------------------------------------------------------------- oversize

  @Test
  @Timeout(5)
  void bin32AnnouncingTwoGigabytesFailsFastWithoutAllocating() {
    // 0x80000000 = 2^31: does not fit a Java array; refused from the header alone.
    Throwable t = catchThrowable(() -> reader("c680000000").bin(Integer.MAX_VALUE, "blob"));
    assertThat(t)
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("Test: field blob: ");
    // 2^31 − 1 with no limit: refused by the bytes-left check, which runs before any copy.
    assertThatThrownBy(() -> reader("c67fffffff00").bin(Integer.MAX_VALUE, "blob"))
        .hasMessage("Test: field blob: truncated input (2147483647 bytes announced, 1 left)");
    // with a limit: refused by the limit.
    assertThatThrownBy(() -> reader("c67fffffff").bin(1024, "blob"))
        .hasMessage("Test: field blob: 2147483647 bytes, at most 1024 allowed");
    assertThatThrownBy(() -> reader("c6ffffffff").bin(Integer.MAX_VALUE, "blob"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("Test: field blob: ");
  }

  @Test
  @Timeout(5)
  void hugeStringArrayAndMapHeadersFailFast() {
    assertThatThrownBy(() -> reader("db7fffffff").str(Integer.MAX_VALUE, "s"))
        .hasMessage("Test: field s: truncated input (2147483647 bytes announced, 0 left)");
    assertThatThrownBy(() -> reader("db80000000").str(Integer.MAX_VALUE, "s"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("Test: field s: ");
    assertThatThrownBy(() -> reader("dd7fffffff").list(1000, "xs"))
        .hasMessage("Test: field xs: 2147483647 elements, at most 1000 allowed");
    assertThatThrownBy(() -> reader("dd80000000").list(1000, "xs"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("Test: field xs: ");
    assertThatThrownBy(() -> reader("df7fffffff").map(32, "m"))
        .hasMessage("Test: field m: 2147483647 entries, at most 32 allowed");
  }

  @Test
  void lengthsAboveTwoGigabytesAreReportedAsTooLargeNotNonCanonical() {
    assertThatThrownBy(() -> reader("c680000000").bin(Integer.MAX_VALUE, "blob"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageNotContaining("non-canonical");
    assertThatThrownBy(() -> reader("dd80000000").array("xs"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageNotContaining("non-canonical");
  }

  @Test
  void limitsAreEnforced() {
    assertThatThrownBy(() -> reader("c403010203").bin(2, "b"))
        .hasMessage("Test: field b: 3 bytes, at most 2 allowed");
    assertThatThrownBy(() -> reader("a3616263").str(2, "s"))
        .hasMessage("Test: field s: 3 bytes, at most 2 allowed");
    assertThatThrownBy(() -> reader("93010203").list(2, "l"))
        .hasMessage("Test: field l: 3 elements, at most 2 allowed");
    assertThatThrownBy(() -> reader("83").map(2, "m"))
        .hasMessage("Test: field m: 3 entries, at most 2 allowed");
    assertThatThrownBy(() -> reader("cd0100").uint(255, "u"))
        .hasMessage("Test: field u: value 256 is above the maximum 255");
    assertThatThrownBy(() -> reader("92").struct(3, "st"))
        .hasMessage("Test: field st: expected 3 fields, found 2");
    assertThatThrownBy(() -> reader("c4020102").binExact(3, "x"))
        .hasMessage("Test: field x: expected 3 bytes, found 2");
    assertThatThrownBy(() -> reader("c404010203").binExact(3, "x"))
        .hasMessage("Test: field x: 4 bytes, at most 3 allowed");
  }

  // ------------------------------------------------------------------------------------------------------ invalid UTF-8

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "a1ff", // never valid
        "a2c328", // bad continuation byte
        "a2c080", // overlong NUL
        "a3e08080", // overlong
        "a3eda080", // UTF-16 surrogate half (CESU-8)
        "a1c3", // truncated sequence
        "a4f4908080", // above U+10FFFF
        "a180"
      }) // lone continuation byte
  void refusesInvalidUtf8(String hex) {
    assertThatThrownBy(() -> reader(hex).str(100, "host"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field host: not valid UTF-8");
  }

  // -------------------------------------------------------------------------------------------------------- wrong types

  @ParameterizedTest(name = "uint from {0}")
  @ValueSource(
      strings = {
        "ff",
        "e0",
        "d0ff",
        "d100ff",
        "ca3f800000",
        "cb3ff0000000000000",
        "c0",
        "c3",
        "a0",
        "c400",
        "90"
      })
  void uintRefusesOtherTypes(String hex) {
    assertThatThrownBy(() -> reader(hex).uint(Long.MAX_VALUE, "n"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field n: expected an unsigned integer, found 0x" + hex.substring(0, 2));
  }

  @Test
  void eachReaderNamesTheTagItFound() {
    assertThatThrownBy(() -> reader("a0").bin(10, "b"))
        .hasMessage("Test: field b: expected bytes (bin), found 0xa0");
    assertThatThrownBy(() -> reader("d900").bin(10, "b"))
        .hasMessage("Test: field b: expected bytes (bin), found 0xd9");
    assertThatThrownBy(() -> reader("c400").str(10, "s"))
        .hasMessage("Test: field s: expected a string, found 0xc4");
    assertThatThrownBy(() -> reader("80").array("a"))
        .hasMessage("Test: field a: expected an array, found 0x80");
    assertThatThrownBy(() -> reader("c0").array("a"))
        .hasMessage("Test: field a: expected an array, found 0xc0");
    assertThatThrownBy(() -> reader("90").map(10, "m"))
        .hasMessage("Test: field m: expected a map, found 0x90");
    assertThatThrownBy(() -> reader("c0").bool("f"))
        .hasMessage("Test: field f: expected a boolean, found 0xc0");
    assertThatThrownBy(() -> reader("01").bool("f"))
        .hasMessage("Test: field f: expected a boolean, found 0x01");
    // ext and fixext types are never accepted
    assertThatThrownBy(() -> reader("d40100").bin(10, "b"))
        .hasMessage("Test: field b: expected bytes (bin), found 0xd4");
    assertThatThrownBy(() -> reader("c7010100").array("a"))
        .hasMessage("Test: field a: expected an array, found 0xc7");
  }

  @Test
  void trailingBytesAreCounted() throws Exception {
    MsgpackReader r = reader("010203");
    r.uint(1, "one");
    assertThatThrownBy(r::end)
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: 2 trailing byte(s)");
  }

  @Test
  void failNamesObjectAndField() {
    assertThat(reader("").fail("hrac", "bad"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field hrac: bad");
  }
}
