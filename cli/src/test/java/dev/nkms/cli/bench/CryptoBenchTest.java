package dev.nkms.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.app.bench.CryptoBench;
import dev.nkms.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CryptoBenchTest {
  @Test
  void jsonHasExactlyTheTenKeysWithPositiveNumbers() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute("bench", "crypto", "--json", "--seconds", "0.005");
    assertThat(code).as("exit code; stderr: %s", err).isZero();

    String stdout = out.toString();
    assertThat(stdout.strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(stdout);
    dev.nkms.cli.JsonKeys.check("bench crypto", stdout); // the keys docs/cli.md lists
    assertThat(json.isObject()).isTrue();
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(CryptoBench.KEYS);
    assertThat(names).hasSize(10);
    for (String k : names) {
      assertThat(json.get(k).isNumber()).as(k).isTrue();
      assertThat(json.get(k).asDouble()).as(k).isPositive();
    }
    assertThat(err.toString()).contains("bench: ");
  }

  @Test
  void tableNamesBackendJdkAndCpu() {
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute("bench", "crypto", "--seconds", "0.002");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("secp256k1 back-end:", "JDK:", "CPU:", "reencrypt", "MB/s");
  }

  @Test
  void rejectsNonPositiveSeconds() {
    int code = Main.run("bench", "crypto", "--seconds", "0");
    assertThat(code).isNotZero();
  }
}
