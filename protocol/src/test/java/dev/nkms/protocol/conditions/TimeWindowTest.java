package dev.nkms.protocol.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.wire.MsgpackWriter;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
  private static final Instant START = Instant.parse("2030-06-01T12:00:00Z");
  private static final Instant END = Instant.parse("2030-06-02T12:00:00Z");
  private static final TimeWindow WINDOW = TimeWindow.between(START, END);

  private static RequestContext at(Instant now) {
    return new RequestContext(now, Map.of(), true);
  }

  @Test
  void holdsFromTheStartInclusiveToTheEndExclusive() {
    assertThat(WINDOW.check(at(START))).isEmpty();
    assertThat(WINDOW.check(at(START.plusSeconds(1)))).isEmpty();
    assertThat(WINDOW.check(at(END.minusSeconds(1)))).isEmpty();
    // sub-second precision is ignored: the check compares whole epoch seconds
    assertThat(WINDOW.check(at(END.minusNanos(1)))).isEmpty();
  }

  @Test
  void refusesBeforeTheStart() {
    assertThat(WINDOW.check(at(START.minusSeconds(1))))
        .contains("condition not met: time window opens at 2030-06-01T12:00:00Z");
    assertThat(WINDOW.check(at(START.minusNanos(1)))).isPresent();
  }

  @Test
  void refusesFromTheEnd() {
    assertThat(WINDOW.check(at(END)))
        .contains("condition not met: time window closed at 2030-06-02T12:00:00Z");
    assertThat(WINDOW.check(at(END.plusSeconds(3600)))).isPresent();
  }

  @Test
  void constructorRequiresZeroOrLaterStartBeforeEnd() {
    assertThatThrownBy(() -> new TimeWindow(-1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 ≤ start < end");
    assertThatThrownBy(() -> new TimeWindow(10, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TimeWindow(10, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TimeWindow.between(END, START))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new TimeWindow(0, 1).check(at(Instant.EPOCH))).isEmpty();
  }

  @Test
  void encodesAsTypeAndTwoEpochSeconds() {
    MsgpackWriter w = new MsgpackWriter();
    new TimeWindow(1, 0x100).write(w);
    assertThat(Hex.toHexString(w.toBytes()))
        .isEqualTo("93" + "ab" + Hex.toHexString("time-window".getBytes()) + "01" + "cd0100");
    assertThat(WINDOW.type()).isEqualTo("time-window").isEqualTo(TimeWindow.TYPE);
  }

  @Test
  void equalityAndText() {
    assertThat(TimeWindow.between(START, END))
        .isEqualTo(WINDOW)
        .hasSameHashCodeAs(WINDOW)
        .isNotEqualTo(TimeWindow.between(START, END.plusSeconds(1)));
    assertThat(WINDOW).hasToString("time-window[2030-06-01T12:00:00Z, 2030-06-02T12:00:00Z)");
  }
}
