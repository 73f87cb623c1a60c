package dev.nkms.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final byte[] BODY = new MsgpackWriter().array(1).uint(7).toBytes();

  @Test
  void encodesBrandMajorMinorAndBody() {
    byte[] out = Envelope.encode("Test", 0x0102, 0x0304, BODY);
    assertThat(Hex.toHexString(out)).isEqualTo("54657374" + "0102" + "0304" + "9107");
    assertThat(Envelope.HEADER_LENGTH).isEqualTo(8);
  }

  @Test
  void opensAtTheBody() throws Exception {
    MsgpackReader r = Envelope.open(Envelope.encode("Test", 1, 0, BODY), "Test", 1, 0, 100);
    r.struct(1, "body");
    assertThat(r.uint(10, "v")).isEqualTo(7);
    r.end();
  }

  @Test
  void acceptsOlderAndEqualMinorsOfItsMajor() throws Exception {
    for (int minor = 0; minor <= 3; minor++) {
      MsgpackReader r = Envelope.open(Envelope.encode("Test", 2, minor, BODY), "Test", 2, 3, 100);
      r.struct(1, "body");
    }
  }

  @Test
  void refusesANewerMinor() {
    assertThatThrownBy(() -> Envelope.open(Envelope.encode("Test", 2, 4, BODY), "Test", 2, 3, 100))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: minor version 2.4 is newer than 2.3; upgrade nkms");
    assertThatThrownBy(
            () -> Envelope.open(Envelope.encode("Test", 1, 0xffff, BODY), "Test", 1, 0, 100))
        .hasMessageContaining("minor version 1.65535 is newer than 1.0");
  }

  @Test
  void refusesAnyOtherMajor() {
    assertThatThrownBy(() -> Envelope.open(Envelope.encode("Test", 0, 0, BODY), "Test", 1, 0, 100))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: unsupported major version 0 (this build reads 1)");
    assertThatThrownBy(() -> Envelope.open(Envelope.encode("Test", 2, 0, BODY), "Test", 1, 0, 100))
        .hasMessage("Test: unsupported major version 2 (this build reads 1)");
    assertThatThrownBy(
            () -> Envelope.open(Envelope.encode("Test", 0x0101, 0, BODY), "Test", 1, 0, 100))
        .hasMessage("Test: unsupported major version 257 (this build reads 1)");
  }

  @Test
  void refusesAWrongBrandAndPrintsItSafely() {
    assertThatThrownBy(() -> Envelope.open(Envelope.encode("Tesu", 1, 0, BODY), "Test", 1, 0, 100))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("expected a Test object, found brand 'Tesu'");
    byte[] binary = Envelope.encode("Test", 1, 0, BODY);
    binary[0] = 0;
    binary[1] = (byte) 0xff;
    binary[2] = '\n';
    assertThatThrownBy(() -> Envelope.open(binary, "Test", 1, 0, 100))
        .hasMessage("expected a Test object, found brand '\\x00\\xff\\x0at'");
  }

  @Test
  void brandIsCaseSensitive() {
    assertThatThrownBy(() -> Envelope.open(Envelope.encode("TEST", 1, 0, BODY), "Test", 1, 0, 100))
        .hasMessage("expected a Test object, found brand 'TEST'");
  }

  @Test
  void refusesATruncatedHeader() {
    byte[] full = Envelope.encode("Test", 1, 0, BODY);
    for (int len = 0; len < Envelope.HEADER_LENGTH; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> Envelope.open(cut, "Test", 1, 0, 100))
          .isInstanceOf(WireFormatException.class)
          .hasMessage("Test: truncated header (" + len + " bytes)");
    }
  }

  @Test
  void aHeaderWithNoBodyIsTruncatedInTheBody() throws Exception {
    MsgpackReader r = Envelope.open(Envelope.encode("Test", 1, 0, new byte[0]), "Test", 1, 0, 100);
    assertThatThrownBy(() -> r.struct(1, "body")).hasMessage("Test: field body: truncated input");
  }

  @Test
  void refusesOversizeBeforeLookingAtTheHeader() {
    byte[] big = new byte[101];
    assertThatThrownBy(() -> Envelope.open(big, "Test", 1, 0, 100))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: 101 bytes, at most 100 allowed");
    byte[] exact = Envelope.encode("Test", 1, 0, new byte[92]);
    assertThat(exact).hasSize(100);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> Envelope.open(exact, "Test", 1, 0, 100)))
        .isNull();
  }

  @Test
  void trailingBytesAfterTheBodyAreRefused() throws Exception {
    byte[] withTrailer = Arrays.copyOf(Envelope.encode("Test", 1, 0, BODY), 8 + BODY.length + 2);
    MsgpackReader r = Envelope.open(withTrailer, "Test", 1, 0, 100);
    r.struct(1, "body");
    r.uint(10, "v");
    assertThatThrownBy(r::end)
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: 2 trailing byte(s)");
  }

  @Test
  void encodeRefusesABrandThatIsNotFourAsciiCharacters() {
    assertThatThrownBy(() -> Envelope.encode("Tes", 1, 0, BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brand must be 4 ASCII characters");
    assertThatThrownBy(() -> Envelope.encode("Tests", 1, 0, BODY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void versionsAreBigEndianU16() {
    byte[] out = Envelope.encode("Test", 0xabcd, 0x1234, BODY);
    assertThat(Arrays.copyOfRange(out, 4, 8)).containsExactly(0xab, 0xcd, 0x12, 0x34);
  }
}
