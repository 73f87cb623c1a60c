package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.app.network.LocalNetwork;
import dev.nkms.client.Nkms;
import dev.nkms.client.NkmsConfig;
import dev.nkms.client.connect.UserKeys;
import dev.nkms.crypto.RandomSource;
import dev.nkms.daemon.Daemon;
import dev.nkms.daemon.DaemonOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's web console in a real browser: Debian's chromium, driven by playwright-core from
 * {@code tools/console-test} (installed by ./run-tests), grants a policy through the page's form
 * and revokes it through the page; the daemon's API then says the policy is revoked. A missing
 * chromium fails the test (CI installs it), it does not skip.
 */
class ConsoleBrowserTest {
  private static final String PASSPHRASE = "console passphrase";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern POLICY_LINE = Pattern.compile("(?m)^policy ([0-9a-f]{32}) (\\S+)$");

  @TempDir static Path work;
  private static LocalNetwork network;

  @BeforeAll
  static void up() throws Exception {
    network = TestNetworks.start(work.resolve(".nkms/network"), 5);
  }

  @AfterAll
  static void down() throws Exception {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @Test
  void aPolicyGrantedAndRevokedThroughThePageIsRevokedInTheApi() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(
          CHROMIUM
              + " is missing: the console's browser test needs Debian's chromium"
              + " (apt-get install -y chromium; .ci/run installs it)");
    }
    Path tool = repoRoot().resolve("tools/console-test");
    if (!Files.isDirectory(tool.resolve("node_modules/playwright-core"))) {
      fail("playwright-core is not installed: run `npm ci` in " + tool + " (./run-tests does)");
    }

    Path home = Files.createDirectories(work.resolve("home"));
    try (Nkms alice = Nkms.connect(config(home, "alice.keys").threshold(2).shares(3).build());
        Nkms bob = Nkms.connect(config(home, "bob.keys").build());
        Daemon daemon =
            Daemon.start(
                alice,
                DaemonOptions.loopback(0, work.resolve("daemon")),
                Clock.systemUTC(),
                RandomSource.secure())) {
      String token = Files.readString(daemon.tokenFile(), StandardCharsets.US_ASCII).strip();
      assertThat(daemon.consoleUrl()).isEqualTo(daemon.url() + "/#token=" + token);

      ProcessBuilder pb =
          new ProcessBuilder(
                  "node",
                  tool.resolve("console-test.mjs").toString(),
                  daemon.url(),
                  token,
                  bob.card().toHex())
              .directory(tool.toFile())
              .redirectErrorStream(true);
      Process p = pb.start();
      // Read on this thread until the script ends; the timeout stops it if it hangs.
      Thread watchdog =
          new Thread(
              () -> {
                try {
                  if (!p.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "console-test watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ended = p.waitFor(30, TimeUnit.SECONDS);
      watchdog.interrupt();
      System.out.print(output);
      assertThat(ended).as("console-test.mjs ended\n%s", output).isTrue();
      assertThat(p.exitValue())
          .as("console-test.mjs exit code (timeout %s)\n%s", SCRIPT_TIMEOUT, output)
          .isZero();

      Matcher m = POLICY_LINE.matcher(output);
      assertThat(m.find()).as("the script names the policy it granted\n%s", output).isTrue();
      String policy = m.group(1);
      String label = m.group(2);

      // Through the API, with the token: the page's policy exists and is revoked.
      JsonNode policies = get(daemon, token, "/v1/policies").get("policies");
      List<JsonNode> granted = new ArrayList<>();
      policies.forEach(
          n -> {
            if (policy.equals(n.path("policy").asText())) {
              granted.add(n);
            }
          });
      assertThat(granted).as("GET /v1/policies: %s\nscript:\n%s", policies, output).hasSize(1);
      JsonNode record = granted.get(0);
      assertThat(record.path("label").asText()).isEqualTo(label);
      assertThat(record.path("bob").asText())
          .as("Bob's verifying key")
          .isEqualTo(HexFormat.of().formatHex(bob.card().verifyingKey().toCompressedBytes()));
      assertThat(record.path("threshold").asInt()).isEqualTo(2);
      assertThat(record.path("shares").asInt()).isEqualTo(3);
      assertThat(record.path("conditions").path("access_log").asBoolean()).isTrue();
      assertThat(record.path("state").asText()).as("%s", record).isEqualTo("revoked");
      assertThat(record.path("receipts").asInt()).as("%s", record).isPositive();
      assertThat(record.path("unconfirmed").size()).as("%s", record).isZero();

      // And the console's files carry the policy that lets the page run only its own code.
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(daemon.url() + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("script-src 'self'")
          .contains("style-src 'self'");
    }
  }

  private static JsonNode get(Daemon daemon, String token, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(daemon.url() + path))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  private static NkmsConfig.Builder config(Path home, String keystore) throws Exception {
    Path keys = work.resolve(keystore);
    UserKeys.random(RandomSource.secure()).write(keys, PASSPHRASE.toCharArray());
    return NkmsConfig.builder()
        .home(home.resolve(keystore))
        .environment(Map.of())
        .network(network.dir())
        .passphrase(PASSPHRASE.toCharArray())
        .keys(keys);
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null
        && !(Files.exists(p.resolve("run-tests")) && Files.isDirectory(p.resolve("tools")))) {
      p = p.getParent();
    }
    if (p == null) {
      fail("the repository root (run-tests, tools/) is not above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
