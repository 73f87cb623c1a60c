package dev.nkms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FanoutTest {
  @Test
  void outcomesComeInCompletionOrderWithValuesAndFailures() throws Exception {
    CountDownLatch firstDone = new CountDownLatch(1);
    try (Fanout<String, Integer> f = new Fanout<>("test", Duration.ofSeconds(10))) {
      f.launch(
          "slow",
          () -> {
            firstDone.await();
            return 2;
          });
      f.launch("fast", () -> 1);
      Fanout.Outcome<String, Integer> a = f.next().orElseThrow();
      assertThat(a.key()).isEqualTo("fast");
      assertThat(a.value()).isEqualTo(1);
      firstDone.countDown();
      Fanout.Outcome<String, Integer> b = f.next().orElseThrow();
      assertThat(b.key()).isEqualTo("slow");
      assertThat(b.value()).isEqualTo(2);

      f.launch(
          "broken",
          () -> {
            throw new IllegalStateException("boom");
          });
      Fanout.Outcome<String, Integer> c = f.next().orElseThrow();
      assertThat(c.succeeded()).isFalse();
      assertThat(c.timedOut()).isFalse();
      assertThat(c.failure()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
      assertThatThrownBy(c::value).isInstanceOf(IllegalStateException.class);
      assertThat(f.next()).isEmpty();
    }
  }

  @Test
  void aCallPastItsDeadlineIsReportedAndInterrupted() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    Duration timeout = Duration.ofMillis(200);
    try (Fanout<String, Integer> f = new Fanout<>("test", timeout)) {
      long start = System.nanoTime(); // before launch: the deadline counts from the launch
      f.launch(
          "hangs",
          () -> {
            try {
              new CountDownLatch(1).await();
            } catch (InterruptedException e) {
              interrupted.countDown();
            }
            return 0;
          });
      Fanout.Outcome<String, Integer> o = f.next().orElseThrow();
      assertThat(o.timedOut()).isTrue();
      assertThat(o.failure()).isNull();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(f.inFlight()).isZero();
      assertThat(f.next()).isEmpty(); // the late "0" is never reported
    }
  }

  @Test
  void closeLeavesUnneededCallsToFinishOnTheirOwn() throws Exception {
    // An interrupted HTTP exchange loses its pooled connection, so a hedge that was not needed must
    // not be interrupted.
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean interrupted =
        new java.util.concurrent.atomic.AtomicBoolean();
    Fanout<String, Integer> f = new Fanout<>("test", Duration.ofSeconds(30));
    f.launch(
        "runs",
        () -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
          finished.countDown();
          return 0;
        });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    f.close();
    assertThat(f.inFlight()).isZero();
    assertThat(f.next()).isEmpty();
    release.countDown();
    assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).isFalse();
  }

  @Test
  void rejectsNonPositiveTimeouts() {
    assertThatThrownBy(() -> new Fanout<String, Integer>("test", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
