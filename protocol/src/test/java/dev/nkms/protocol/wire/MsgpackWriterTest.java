package dev.nkms.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MsgpackWriterTest {

  private static String hex(MsgpackWriter w) {
    return Hex.toHexString(w.toBytes());
  }

  /** Only the header, for long values. */
  private static String head(byte[] encoded, int headerLength) {
    return Hex.toHexString(Arrays.copyOf(encoded, headerLength));
  }

  @ParameterizedTest(name = "uint {0} -> {1}")
  @CsvSource({
    "0, 00",
    "1, 01",
    "127, 7f",
    "128, cc80",
    "255, ccff",
    "256, cd0100",
    "65535, cdffff",
    "65536, ce00010000",
    "4294967295, ceffffffff",
    "4294967296, cf0000000100000000",
    "9223372036854775807, cf7fffffffffffffff"
  })
  void uintUsesTheShortestHeader(long value, String expected) {
    assertThat(hex(new MsgpackWriter().uint(value))).isEqualTo(expected);
  }

  @Test
  void uintRefusesNegativeValues() {
    assertThatThrownBy(() -> new MsgpackWriter().uint(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative value for uint: -1");
  }

  @ParameterizedTest(name = "str of {0} bytes -> header {1}")
  @CsvSource({
    "0, a0",
    "1, a1",
    "31, bf",
    "32, d920",
    "255, d9ff",
    "256, da0100",
    "65535, daffff",
    "65536, db00010000",
    "70000, db00011170"
  })
  void strUsesTheShortestHeader(int length, String header) {
    byte[] out = new MsgpackWriter().str("x".repeat(length)).toBytes();
    assertThat(head(out, header.length() / 2)).isEqualTo(header);
    assertThat(out.length).isEqualTo(header.length() / 2 + length);
  }

  @Test
  void strLengthCountsUtf8BytesNotCharacters() {
    // 16 × "é" is 16 characters but 32 UTF-8 bytes: str8, not fixstr.
    byte[] out = new MsgpackWriter().str("é".repeat(16)).toBytes();
    assertThat(head(out, 2)).isEqualTo("d920");
    assertThat(hex(new MsgpackWriter().str("€"))).isEqualTo("a3e282ac");
  }

  @ParameterizedTest(name = "bin of {0} bytes -> header {1}")
  @CsvSource({
    "0, c400",
    "1, c401",
    "255, c4ff",
    "256, c50100",
    "65535, c5ffff",
    "65536, c600010000",
    "100000, c6000186a0"
  })
  void binUsesTheShortestHeader(int length, String header) {
    byte[] payload = new byte[length];
    Arrays.fill(payload, (byte) 0x5a);
    byte[] out = new MsgpackWriter().bin(payload).toBytes();
    assertThat(head(out, header.length() / 2)).isEqualTo(header);
    assertThat(Arrays.copyOfRange(out, header.length() / 2, out.length)).isEqualTo(payload);
  }

  @ParameterizedTest(name = "array of {0} -> {1}")
  @CsvSource({
    "0, 90",
    "15, 9f",
    "16, dc0010",
    "65535, dcffff",
    "65536, dd00010000",
    "2147483647, dd7fffffff"
  })
  void arrayUsesTheShortestHeader(int n, String expected) {
    assertThat(hex(new MsgpackWriter().array(n))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "map of {0} -> {1}")
  @CsvSource({"0, 80", "15, 8f", "16, de0010", "65535, deffff", "65536, df00010000"})
  void mapUsesTheShortestHeader(int n, String expected) {
    assertThat(hex(new MsgpackWriter().map(n))).isEqualTo(expected);
  }

  @Test
  void booleansNilAndRaw() {
    assertThat(hex(new MsgpackWriter().bool(false).bool(true).nil().raw(new byte[] {1, 2, 3})))
        .isEqualTo("c2c3c0010203");
  }

  @Test
  void writesASequenceInOrder() {
    assertThat(hex(new MsgpackWriter().array(3).uint(1).str("a").bin(new byte[] {(byte) 0xff})))
        .isEqualTo("9301a161c401ff");
  }
}
