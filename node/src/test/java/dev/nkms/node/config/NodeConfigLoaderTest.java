package dev.nkms.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.PeerAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeConfigLoaderTest {
  @TempDir Path dir;

  private Path yaml(String text) throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, text);
    return f;
  }

  private static NodeConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> flags)
      throws ConfigException {
    return NodeConfigLoader.load(file, env, flags);
  }

  private static final Map<String, String> DATA = Map.of("data-dir", "/var/lib/nkms");

  @Test
  void defaults() throws Exception {
    NodeConfig c = load(Optional.empty(), Map.of(), DATA);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/nkms"));
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.publicHost()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(9151);
    assertThat(c.maxRequestBytes()).isEqualTo(256 * 1024);
    assertThat(c.maxCapsulesPerRequest()).isEqualTo(1000);
    assertThat(c.maxConcurrentRequests()).isEqualTo(64);
    assertThat(c.maxPoliciesPerAlice()).isEqualTo(1000);
    assertThat(c.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.expirySweepInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.domain()).isEqualTo("local");
    assertThat(c.peers()).isEmpty();
    assertThat(c.federation()).isEmpty();
    assertThat(c.registry()).isEmpty();
    assertThat(c).isEqualTo(NodeConfig.builder(Path.of("/var/lib/nkms")).build());
  }

  @Test
  void theFileOverridesDefaults() throws Exception {
    Path f =
        yaml(
            "data-dir: /srv/nkms\n"
                + "host: 0.0.0.0\n"
                + "public-host: node.example.org\n"
                + "port: 0\n"
                + "max-request-bytes: 262145\n"
                + "max-capsules-per-request: 10\n"
                + "max-concurrent-requests: 8\n"
                + "max-policies-per-alice: 7\n"
                + "max-clock-skew: 30s\n"
                + "expiry-sweep-interval: 500ms\n"
                + "domain: testnet\n"
                + "peers: 10.0.0.1:9151,[::1]:9152,Seed.Example.org:1\n"
                + "federation: /etc/nkms/federation\n"
                + "registry: /etc/nkms/registry\n"
                + "learning-interval: 250ms\n"
                + "health-check-interval: 2m\n");
    NodeConfig c = load(Optional.of(f), Map.of(), Map.of());
    assertThat(c)
        .isEqualTo(
            NodeConfig.builder(Path.of("/srv/nkms"))
                .host("0.0.0.0")
                .publicHost("node.example.org")
                .port(0)
                .maxRequestBytes(262145)
                .maxCapsulesPerRequest(10)
                .maxConcurrentRequests(8)
                .maxPoliciesPerAlice(7)
                .maxClockSkew(Duration.ofSeconds(30))
                .expirySweepInterval(Duration.ofMillis(500))
                .domain("testnet")
                .peers(
                    List.of(
                        new PeerAddress("10.0.0.1", 9151),
                        new PeerAddress("::1", 9152),
                        new PeerAddress("seed.example.org", 1)))
                .federation(Path.of("/etc/nkms/federation"))
                .registry(Path.of("/etc/nkms/registry"))
                .learningInterval(Duration.ofMillis(250))
                .healthCheckInterval(Duration.ofMinutes(2))
                .build());
  }

  @Test
  void theEnvironmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws Exception {
    Path f =
        yaml(
            "data-dir: /from/file\nport: 1111\nmax-clock-skew: 1m\nmax-request-bytes: 2048\nhost: 10.0.0.1\n");
    Map<String, String> env =
        Map.of(
            "NKMS_NODE_PORT", "2222",
            "NKMS_NODE_MAX_CLOCK_SKEW", "2m",
            "NKMS_NODE_DATA_DIR", "/from/env",
            "NKMS_NODE_PASSPHRASE", "not a config setting: ignored",
            "PATH", "/usr/bin");
    Map<String, String> flags = Map.of("port", "3333", "data-dir", "/from/flag");
    NodeConfig c = load(Optional.of(f), env, flags);
    assertThat(c.port()).as("flag over env over file").isEqualTo(3333);
    assertThat(c.dataDir()).isEqualTo(Path.of("/from/flag"));
    assertThat(c.maxClockSkew()).as("env over file").isEqualTo(Duration.ofMinutes(2));
    assertThat(c.maxRequestBytes()).as("file over default").isEqualTo(2048);
    assertThat(c.host()).isEqualTo("10.0.0.1");
    assertThat(c.maxConcurrentRequests()).as("default").isEqualTo(64);
    assertThat(
            load(Optional.of(f), Map.of("NKMS_NODE_MAX_POLICIES_PER_ALICE", "50"), Map.of())
                .maxPoliciesPerAlice())
        .as("env")
        .isEqualTo(50);
    assertThat(
            load(
                    Optional.of(f),
                    Map.of("NKMS_NODE_MAX_POLICIES_PER_ALICE", "50"),
                    Map.of("max-policies-per-alice", "60"))
                .maxPoliciesPerAlice())
        .as("flag over env")
        .isEqualTo(60);

    NodeConfig withoutFlags = load(Optional.of(f), env, Map.of());
    assertThat(withoutFlags.port()).isEqualTo(2222);
    assertThat(withoutFlags.dataDir()).isEqualTo(Path.of("/from/env"));
    NodeConfig fileOnly = load(Optional.of(f), Map.of(), Map.of());
    assertThat(fileOnly.port()).isEqualTo(1111);
    assertThat(fileOnly.dataDir()).isEqualTo(Path.of("/from/file"));
  }

  @Test
  void publicHostFollowsTheBindHostFromWhicheverLayerSetsIt() throws Exception {
    assertThat(load(Optional.empty(), Map.of("NKMS_NODE_HOST", "10.9.8.7"), DATA).publicHost())
        .isEqualTo("10.9.8.7");
    Path f = yaml("data-dir: /d\npublic-host: Node.Example.org\n");
    NodeConfig c = load(Optional.of(f), Map.of(), Map.of("host", "10.9.8.7"));
    assertThat(c.host()).isEqualTo("10.9.8.7");
    assertThat(c.publicHost()).isEqualTo("node.example.org");
  }

  @Test
  void aWildcardBindHostNeedsAPublicHost() {
    assertThatThrownBy(() -> load(Optional.empty(), Map.of("NKMS_NODE_HOST", "0.0.0.0"), DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("host (environment variable NKMS_NODE_HOST): ")
        .hasMessageContaining("wildcard");
    assertThatThrownBy(
            () -> load(Optional.empty(), Map.of(), Map.of("data-dir", "/d", "host", "::")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("wildcard");
  }

  @Test
  void relativePathsInTheFileAreRelativeToTheFile() throws Exception {
    Path f = yaml("data-dir: state\nregistry: ../registry\nfederation: federation\n");
    NodeConfig c = load(Optional.of(f), Map.of(), Map.of());
    assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("state"));
    assertThat(c.registry()).contains(dir.toAbsolutePath().getParent().resolve("registry"));
    assertThat(c.federation()).contains(dir.toAbsolutePath().resolve("federation"));
    assertThat(load(Optional.empty(), Map.of(), Map.of("data-dir", "state")).dataDir())
        .isEqualTo(Path.of("state"));
  }

  @Test
  void badPeersAndALoneRegistryAreNamed() throws Exception {
    assertThatThrownBy(
            () -> load(Optional.empty(), Map.of(), Map.of("data-dir", "/d", "peers", "10.0.0.1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("peers (flag --peers): ")
        .hasMessageContaining("expected host:port");
    assertThatThrownBy(() -> load(Optional.empty(), Map.of("NKMS_NODE_REGISTRY", "/r"), DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "registry (environment variable NKMS_NODE_REGISTRY): federation and registry");
  }

  @Test
  void unknownKeysInTheFileAreNamedWithTheFile() throws Exception {
    Path f = yaml("data-dir: /d\nmax-request-byte: 5\n");
    assertThatThrownBy(() -> load(Optional.of(f), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("max-request-byte (file " + f + "): unknown setting")
        .satisfies(
            e -> {
              ConfigException ce = (ConfigException) e;
              assertThat(ce.key()).contains("max-request-byte");
              assertThat(ce.source()).isEqualTo("file " + f);
            });
  }

  @Test
  void unknownFlagsAreRefused() {
    assertThatThrownBy(
            () -> load(Optional.empty(), Map.of(), Map.of("data-dir", "/d", "--port", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--port (flag ----port): unknown setting");
    assertThatThrownBy(
            () -> load(Optional.empty(), Map.of(), Map.of("data-dir", "/d", "prot", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("prot (flag --prot): unknown setting");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "port|65536|must be between 0 and 65535, got 65536",
        "port|-1|must be between 0 and 65535, got -1",
        "port|80x|expected a whole number, got '80x'",
        "port|080|expected a whole number, got '080'",
        "port|99999999999999999999|expected a whole number",
        "max-request-bytes|1023|must be between 1024 and 67108864, got 1023",
        "max-capsules-per-request|1001|must be between 1 and 1000, got 1001",
        "max-capsules-per-request|0|must be between 1 and 1000, got 0",
        "max-concurrent-requests|0|must be between 1 and 4096, got 0",
        "max-policies-per-alice|0|must be between 1 and 100000000, got 0",
        "max-clock-skew|5|expected a duration such as 500ms, 60s, 5m or 1h, got '5'",
        "max-clock-skew|5 m|expected a duration such as 500ms, 60s, 5m or 1h",
        "max-clock-skew|1m30s|expected a duration such as 500ms, 60s, 5m or 1h",
        "max-clock-skew|2h|must be between 1s and 1h, got 2h",
        "max-clock-skew|999ms|must be between 1s and 1h, got 999ms",
        "expiry-sweep-interval|5ms|must be between 10ms and 24h, got 5ms",
        "expiry-sweep-interval|-1s|expected a duration",
        "host|bad host|neither an IP address nor a valid DNS name",
        "public-host|0.0.0.0|wildcard",
      })
  void badValuesAreNamedWithTheirSourceInEveryLayer(String key, String value, String problem)
      throws Exception {
    String envName = NodeConfigLoader.envName(key);
    assertThatThrownBy(() -> load(Optional.empty(), Map.of(), Map.of("data-dir", "/d", key, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + " (flag --" + key + "): ")
        .hasMessageContaining(problem);
    assertThatThrownBy(() -> load(Optional.empty(), Map.of(envName, value), DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + " (environment variable " + envName + "): ")
        .hasMessageContaining(problem);
    Path f = yaml("data-dir: /d\n" + key + ": \"" + value + "\"\n");
    assertThatThrownBy(() -> load(Optional.of(f), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + " (file " + f + "): ")
        .hasMessageContaining(problem);
  }

  @Test
  void aLaterLayerDoesNotRescueABadEarlierValue() throws Exception {
    // Every layer is checked on its own, so a typo in the file is reported even when a flag
    // overrides it.
    Path f = yaml("data-dir: /d\nport: eighty\n");
    assertThatThrownBy(() -> load(Optional.of(f), Map.of(), Map.of("port", "80")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("port (file " + f + ")");
  }

  @Test
  void durationsInEveryUnit() throws Exception {
    assertThat(NodeConfigLoader.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(NodeConfigLoader.duration("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(NodeConfigLoader.duration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(NodeConfigLoader.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(NodeConfigLoader.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(NodeConfigLoader.format(Duration.ofSeconds(90))).isEqualTo("90s");
  }

  @Test
  void yamlNumbersAndQuotedStringsReadTheSame() throws Exception {
    NodeConfig plain =
        load(
            Optional.of(yaml("data-dir: /d\nport: 8080\nmax-request-bytes: 262144\n")),
            Map.of(),
            Map.of());
    NodeConfig quoted =
        load(
            Optional.of(yaml("data-dir: /d\nport: '8080'\nmax-request-bytes: \"262144\"\n")),
            Map.of(),
            Map.of());
    assertThat(plain).isEqualTo(quoted);
    assertThat(plain.port()).isEqualTo(8080);
  }

  @Test
  void yamlShapesThatAreNotSettings() throws Exception {
    Path f = yaml("data-dir: /d\nport: 1.5\n");
    assertThatThrownBy(() -> load(Optional.of(f), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected a whole number");
    Path g = yaml("data-dir: /d\nport: true\n");
    assertThatThrownBy(() -> load(Optional.of(g), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("port (file");
    Path list = yaml("data-dir: /d\nhost: [a, b]\n");
    assertThatThrownBy(() -> load(Optional.of(list), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("host (file")
        .hasMessageContaining("single value");
    Path empty = yaml("data-dir: /d\nport:\n");
    assertThatThrownBy(() -> load(Optional.of(empty), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("port (file")
        .hasMessageContaining("no value");
    Path dup = yaml("data-dir: /d\nport: 1\nport: 2\n");
    assertThatThrownBy(() -> load(Optional.of(dup), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not valid YAML")
        .hasMessageContaining("port");
    Path scalar = yaml("just a string\n");
    assertThatThrownBy(() -> load(Optional.of(scalar), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be a mapping");
    Path broken = yaml("data-dir: [unclosed\n");
    assertThatThrownBy(() -> load(Optional.of(broken), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not valid YAML");
  }

  @Test
  void anEmptyFileSetsNothing() throws Exception {
    assertThat(load(Optional.of(yaml("")), Map.of(), DATA))
        .isEqualTo(load(Optional.empty(), Map.of(), DATA));
    assertThat(load(Optional.of(yaml("# only a comment\n")), Map.of(), DATA))
        .isEqualTo(load(Optional.empty(), Map.of(), DATA));
  }

  @Test
  void aMissingFileIsAnError() {
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> load(Optional.of(missing), Map.of(), DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessage("file " + missing + ": does not exist");
  }

  @Test
  void theDataDirectoryIsRequired() {
    assertThatThrownBy(() -> load(Optional.empty(), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("data-dir")
        .hasMessageContaining("NKMS_NODE_DATA_DIR")
        .hasMessageContaining("--data-dir");
  }

  @Test
  void emptyValuesAreRefused() {
    assertThatThrownBy(() -> load(Optional.empty(), Map.of("NKMS_NODE_PORT", ""), DATA))
        .isInstanceOf(ConfigException.class)
        .hasMessage("port (environment variable NKMS_NODE_PORT): has an empty value");
  }

  @Test
  void envNamesFollowTheSettingNames() {
    assertThat(NodeConfigLoader.envName("max-request-bytes"))
        .isEqualTo("NKMS_NODE_MAX_REQUEST_BYTES");
    assertThat(NodeConfigLoader.settingNames())
        .containsExactly(
            "data-dir",
            "host",
            "public-host",
            "port",
            "max-request-bytes",
            "max-capsules-per-request",
            "max-concurrent-requests",
            "max-policies-per-alice",
            "max-clock-skew",
            "expiry-sweep-interval",
            "domain",
            "peers",
            "federation",
            "registry",
            "learning-interval",
            "health-check-interval");
  }
}
