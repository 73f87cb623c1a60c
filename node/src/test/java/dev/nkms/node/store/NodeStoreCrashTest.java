package dev.nkms.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged writes survive kill -9: a child JVM appends N entries, says DONE after the last
 * commit, and is SIGKILLed at once (while it is in the middle of further appends). The database
 * must then hold all N, intact.
 */
class NodeStoreCrashTest {
  private static final int N = 200;

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void acknowledgedAppendsSurviveSigkill() throws Exception {
    Path db = dir.resolve("node.db");
    Path stderr = dir.resolve("child.err");
    Process child = new ProcessBuilder(childCommand(db)).redirectError(stderr.toFile()).start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("child output; its stderr: %s", errors(stderr)).isEqualTo("DONE");
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close, no checkpoint
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    try (NodeStore store = NodeStore.open(db)) {
      long total = store.counts().accessLogEntries();
      assertThat(total).isGreaterThanOrEqualTo(N);
      List<AccessLogEntry> first = store.accessLog().entries(1, N);
      assertThat(first).hasSize(N);
      for (int i = 1; i <= N; i++) {
        AccessLogEntry e = first.get(i - 1);
        assertThat(e.seq()).isEqualTo(i);
        assertThat(e.capsules()).isEqualTo(i);
        assertThat(e.at()).isEqualTo(CrashAppender.BASE.plusMillis(i));
      }
      ChainCheck check = store.accessLog().verify();
      assertThat(check.isValid()).as("%s", check).isTrue();
      assertThat(check.entries()).isEqualTo(total);
    }
  }

  private static List<String> childCommand(Path db) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 22) {
      cmd.add(
          "--enable-native-access=ALL-UNNAMED"); // sqlite-jdbc and libsecp256k1 load native code
    }
    String backend = System.getProperty("nkms.backend");
    if (backend != null) {
      cmd.add("-Dnkms.backend=" + backend);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashAppender.class.getName());
    cmd.add(db.toString());
    cmd.add(String.valueOf(N));
    return cmd;
  }

  private static String errors(Path stderr) {
    try {
      return Files.readString(stderr);
    } catch (Exception e) {
      return "(unreadable: " + e + ")";
    }
  }
}
