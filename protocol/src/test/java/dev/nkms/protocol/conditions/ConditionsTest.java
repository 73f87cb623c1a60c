package dev.nkms.protocol.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final TimeWindow WINDOW = new TimeWindow(1000, 2000);

  private static byte[] encode(Conditions c) {
    MsgpackWriter w = new MsgpackWriter();
    c.write(w);
    return w.toBytes();
  }

  private static Conditions read(byte[] b) throws WireFormatException {
    MsgpackReader r = new MsgpackReader("PTrm", b, 0);
    Conditions c = Conditions.read(r, "conditions");
    r.end();
    return c;
  }

  @Test
  void roundTrips() throws Exception {
    for (Conditions c :
        new Conditions[] {
          Conditions.NONE,
          Conditions.of(WINDOW),
          Conditions.of(AccessLogging.REQUIRED),
          Conditions.of(WINDOW, AccessLogging.REQUIRED),
          Conditions.of(AccessLogging.REQUIRED, WINDOW, WINDOW)
        }) {
      byte[] b = encode(c);
      assertThat(read(b)).isEqualTo(c).hasSameHashCodeAs(c);
      assertThat(encode(read(b))).isEqualTo(b);
    }
    assertThat(Hex.toHexString(encode(Conditions.NONE))).isEqualTo("90");
  }

  @Test
  void orderMatters() {
    assertThat(Conditions.of(WINDOW, AccessLogging.REQUIRED))
        .isNotEqualTo(Conditions.of(AccessLogging.REQUIRED, WINDOW));
  }

  @Test
  void refusesUnknownTypes() {
    for (String type :
        new String[] {"geo-fence", "", "Time-Window", "access-log ", "time-window\0"}) {
      byte[] b = new MsgpackWriter().array(1).array(1).str(type).toBytes();
      assertThatThrownBy(() -> read(b))
          .isInstanceOf(WireFormatException.class)
          .hasMessage(
              "PTrm: field conditions[0]: unknown condition type '"
                  + type
                  + "'; this node cannot enforce it");
    }
    // an unknown type after a known one is refused too: nothing is silently dropped
    MsgpackWriter w = new MsgpackWriter().array(2);
    AccessLogging.REQUIRED.write(w);
    w.array(2).str("max-uses").uint(3);
    byte[] second = w.toBytes();
    assertThatThrownBy(() -> read(second))
        .hasMessageContaining("field conditions[1]: unknown condition type 'max-uses'");
  }

  @Test
  void refusesMalformedConditions() {
    assertThatThrownBy(() -> read(Hex.decode("9190")))
        .hasMessage("PTrm: field conditions[0]: empty condition");
    assertThatThrownBy(() -> read(new MsgpackWriter().array(1).array(1).uint(1).toBytes()))
        .hasMessage("PTrm: field conditions[0].type: expected a string, found 0x01");
    assertThatThrownBy(
            () -> read(new MsgpackWriter().array(1).array(1).str("x".repeat(65)).toBytes()))
        .hasMessage("PTrm: field conditions[0].type: 65 bytes, at most 64 allowed");
    assertThatThrownBy(
            () -> read(new MsgpackWriter().array(1).array(2).str("time-window").uint(1).toBytes()))
        .hasMessage("PTrm: field conditions[0]: time-window takes 2 parameters, found 1");
    assertThatThrownBy(
            () ->
                read(
                    new MsgpackWriter()
                        .array(1)
                        .array(4)
                        .str("time-window")
                        .uint(1)
                        .uint(2)
                        .uint(3)
                        .toBytes()))
        .hasMessage("PTrm: field conditions[0]: time-window takes 2 parameters, found 3");
    assertThatThrownBy(
            () -> read(new MsgpackWriter().array(1).array(2).str("access-log").nil().toBytes()))
        .hasMessage("PTrm: field conditions[0]: access-log takes no parameters");
    assertThatThrownBy(
            () ->
                read(
                    new MsgpackWriter()
                        .array(1)
                        .array(3)
                        .str("time-window")
                        .uint(5)
                        .uint(5)
                        .toBytes()))
        .hasMessage("PTrm: field conditions[0]: time window ends before it starts");
    assertThatThrownBy(
            () ->
                read(
                    new MsgpackWriter()
                        .array(1)
                        .array(3)
                        .str("time-window")
                        .uint(6)
                        .uint(5)
                        .toBytes()))
        .hasMessage("PTrm: field conditions[0]: time window ends before it starts");
    assertThatThrownBy(
            () ->
                read(
                    new MsgpackWriter()
                        .array(1)
                        .array(3)
                        .str("time-window")
                        .str("0")
                        .uint(5)
                        .toBytes()))
        .hasMessage(
            "PTrm: field conditions[0].not_before: expected an unsigned integer, found 0xa1");
    assertThatThrownBy(() -> read(Hex.decode("c0")))
        .hasMessage("PTrm: field conditions: expected an array, found 0xc0");
  }

  @Test
  void timeWindowBeyondTheInstantRangeIsRefusedOrUsable() {
    byte[] b =
        new MsgpackWriter()
            .array(1)
            .array(3)
            .str("time-window")
            .uint(Long.MAX_VALUE - 1)
            .uint(Long.MAX_VALUE)
            .toBytes();
    Throwable t =
        catchThrowable(
            () -> {
              Conditions c = read(b);
              c.check(new RequestContext(Instant.EPOCH, Map.of(), true));
              c.toString();
            });
    assertThat(t)
        .satisfiesAnyOf(
            x -> assertThat(x).isNull(),
            x -> assertThat(x).isInstanceOf(WireFormatException.class));
  }

  @Test
  void atMostSixteen() throws Exception {
    MsgpackWriter w = new MsgpackWriter().array(17);
    for (int i = 0; i < 17; i++) {
      AccessLogging.REQUIRED.write(w);
    }
    assertThatThrownBy(() -> read(w.toBytes()))
        .hasMessage("PTrm: field conditions: 17 elements, at most 16 allowed");
    assertThat(read(encode(Conditions.of(Collections.nCopies(16, AccessLogging.REQUIRED)))).items())
        .hasSize(16);
    assertThatThrownBy(() -> Conditions.of(Collections.nCopies(17, AccessLogging.REQUIRED)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at most 16 conditions");
  }

  @Test
  void checkReportsTheFirstFailingCondition() {
    Conditions c = Conditions.of(WINDOW, AccessLogging.REQUIRED);
    assertThat(c.check(new RequestContext(Instant.ofEpochSecond(1500), Map.of(), true))).isEmpty();
    assertThat(
            c.check(new RequestContext(Instant.ofEpochSecond(1500), Map.of(), false)).orElseThrow())
        .contains("access log");
    assertThat(
            c.check(new RequestContext(Instant.ofEpochSecond(999), Map.of(), false)).orElseThrow())
        .contains("time window opens");
    assertThat(
            c.check(new RequestContext(Instant.ofEpochSecond(2000), Map.of(), true)).orElseThrow())
        .contains("time window closed");
    assertThat(Conditions.NONE.check(new RequestContext(Instant.EPOCH, Map.of(), false))).isEmpty();
    assertThat(Conditions.NONE.isEmpty()).isTrue();
    assertThat(c.isEmpty()).isFalse();
    assertThat(c.items()).containsExactly(WINDOW, AccessLogging.REQUIRED);
  }
}
