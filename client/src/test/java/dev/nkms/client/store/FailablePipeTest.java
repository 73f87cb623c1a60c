package dev.nkms.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FailablePipeTest {
  @Test
  void bytesComeOutInOrderThroughASmallRing() throws Exception {
    byte[] data = new byte[100_003];
    new SplittableRandom(1).nextBytes(data);
    FailablePipe pipe = new FailablePipe(1000);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                for (int off = 0; off < data.length; off += 777) {
                  pipe.sink.write(data, off, Math.min(777, data.length - off));
                }
                pipe.sink.close();
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    assertThat(pipe.source.readAllBytes()).isEqualTo(data);
    writer.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aFailedWriterIsAnErrorForTheReaderNotAnEndOfStream() throws Exception {
    FailablePipe pipe = new FailablePipe(1000);
    pipe.sink.write(new byte[10]);
    pipe.fail(new IOException("the source file shrank"));
    assertThatThrownBy(pipe.source::readAllBytes)
        .isInstanceOf(IOException.class)
        .hasMessage("the data being stored failed: the source file shrank");
  }

  @Test
  void aReaderThatStopsUnblocksTheWriter() throws Exception {
    FailablePipe pipe = new FailablePipe(10);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                pipe.sink.write(new byte[1000]); // blocks once the ring is full
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    assertThat(pipe.source.read(new byte[5])).isEqualTo(5);
    pipe.source.close();
    assertThatThrownBy(() -> writer.get(30, TimeUnit.SECONDS))
        .hasRootCauseMessage("the reader stopped reading");
  }
}
