package dev.nkms.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartedPartsTest {
  @Test
  void partsStopLastFirstEachOnceAndAFailingOneDoesNotKeepTheOthersOpen() {
    List<String> closed = new ArrayList<>();
    StartedParts parts = new StartedParts();
    parts.add("store", () -> closed.add("store"));
    parts.add(
        "server",
        () -> {
          closed.add("server");
          throw new IllegalStateException("stuck");
        });
    AutoCloseable duties = () -> closed.add("duties");
    assertThat(parts.add("duties", duties)).isSameAs(duties);

    parts.close();
    parts.close();

    assertThat(closed).containsExactly("duties", "server", "store");
  }
}
