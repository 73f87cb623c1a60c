package dev.nkms.node.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nkms.protocol.PeerAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link NodeConfig} from four layers, each overriding the one before: defaults, a YAML
 * file, environment variables, command-line flags. The same names everywhere: kebab-case in the
 * file and for flags ({@code max-request-bytes}), upper snake case with the {@code NKMS_NODE_}
 * prefix in the environment ({@code NKMS_NODE_MAX_REQUEST_BYTES}). Every value is parsed strictly
 * from its text, whatever the layer: whole numbers in canonical decimal, durations as {@code
 * 500ms}, {@code 60s}, {@code 5m} or {@code 1h}.
 */
public final class NodeConfigLoader {
  public static final String ENV_PREFIX = "NKMS_NODE_";

  /** A node config file is a handful of lines; anything larger is a mistake, not a config. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
  private static final Pattern DURATION = Pattern.compile("(0|[1-9][0-9]{0,9})(ms|s|m|h)");
  private static final int MAX_ECHO = 80;

  private NodeConfigLoader() {}

  /** One setting: its kebab-case name and how a text value is applied to the builder. */
  private interface Setting {
    void apply(NodeConfig.Builder b, String value, Optional<Path> baseDir);
  }

  private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put("data-dir", (b, v, base) -> b.dataDir(path(v, base)));
    SETTINGS.put("host", (b, v, base) -> b.host(v));
    SETTINGS.put("public-host", (b, v, base) -> b.publicHost(v));
    SETTINGS.put("port", (b, v, base) -> b.port(integer(v)));
    SETTINGS.put("max-request-bytes", (b, v, base) -> b.maxRequestBytes(whole(v)));
    SETTINGS.put("max-capsules-per-request", (b, v, base) -> b.maxCapsulesPerRequest(integer(v)));
    SETTINGS.put("max-concurrent-requests", (b, v, base) -> b.maxConcurrentRequests(integer(v)));
    SETTINGS.put("max-policies-per-alice", (b, v, base) -> b.maxPoliciesPerAlice(integer(v)));
    SETTINGS.put("max-clock-skew", (b, v, base) -> b.maxClockSkew(duration(v)));
    SETTINGS.put("expiry-sweep-interval", (b, v, base) -> b.expirySweepInterval(duration(v)));
    SETTINGS.put("domain", (b, v, base) -> b.domain(v));
    SETTINGS.put("peers", (b, v, base) -> b.peers(PeerAddress.parseList(v)));
    SETTINGS.put("federation", (b, v, base) -> b.federation(path(v, base)));
    SETTINGS.put("registry", (b, v, base) -> b.registry(path(v, base)));
    SETTINGS.put("learning-interval", (b, v, base) -> b.learningInterval(duration(v)));
    SETTINGS.put("health-check-interval", (b, v, base) -> b.healthCheckInterval(duration(v)));
  }

  /** The setting names, kebab-case, in documentation order. */
  public static Iterable<String> settingNames() {
    return SETTINGS.keySet();
  }

  /**
   * The environment variable for a setting: {@code max-request-bytes} → {@code
   * NKMS_NODE_MAX_REQUEST_BYTES}.
   */
  public static String envName(String setting) {
    return ENV_PREFIX + setting.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * Loads the configuration.
   *
   * @param yamlFile a YAML mapping of settings; relative paths in it are resolved against the
   *     file's directory
   * @param env the process environment; only variables named {@code NKMS_NODE_<SETTING>} are read
   * @param flags command-line settings by kebab-case name, without leading dashes
   * @throws ConfigException naming the key and its source for an unknown key in the file or among
   *     the flags, a value that does not parse, a value out of range, or a missing data directory
   */
  public static NodeConfig load(
      Optional<Path> yamlFile, Map<String, String> env, Map<String, String> flags)
      throws ConfigException {
    Objects.requireNonNull(yamlFile, "yamlFile");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(flags, "flags");
    NodeConfig.Builder b = new NodeConfig.Builder();
    Map<String, String> sourceOf = new TreeMap<>();
    if (yamlFile.isPresent()) {
      Path file = yamlFile.get();
      String source = "file " + file;
      Optional<Path> base = Optional.ofNullable(file.toAbsolutePath().getParent());
      for (Map.Entry<String, String> e : readYaml(file).entrySet()) {
        apply(b, e.getKey(), e.getValue(), source, base, sourceOf);
      }
    }
    // Unknown NKMS_NODE_* variables are ignored, not refused: other parts of nkms (the CLI's
    // passphrase, for one)
    // may use the same prefix, and the process environment is not this loader's to police.
    for (String key : SETTINGS.keySet()) {
      String value = env.get(envName(key));
      if (value != null) {
        apply(b, key, value, "environment variable " + envName(key), Optional.empty(), sourceOf);
      }
    }
    for (Map.Entry<String, String> e : new TreeMap<>(flags).entrySet()) {
      String key = e.getKey();
      if (!SETTINGS.containsKey(key)) {
        throw new ConfigException(
            key,
            "flag --" + key,
            "unknown setting; known: " + String.join(", ", SETTINGS.keySet()));
      }
      apply(
          b,
          key,
          Objects.requireNonNull(e.getValue(), "flag value"),
          "flag --" + key,
          Optional.empty(),
          sourceOf);
    }
    if (!sourceOf.containsKey("data-dir")) {
      throw new ConfigException(
          "data-dir",
          "not set anywhere",
          "the node needs a data directory: set data-dir in the file, "
              + envName("data-dir")
              + " or --data-dir");
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      // build() checks two things together: the pairing of federation and registry, and the public
      // host; blame
      // whichever layer set the setting concerned.
      String key =
          e.getMessage().startsWith("federation and registry")
              ? (sourceOf.containsKey("registry") ? "registry" : "federation")
              : sourceOf.containsKey("public-host") ? "public-host" : "host";
      throw new ConfigException(key, sourceOf.getOrDefault(key, "default"), e.getMessage());
    }
  }

  private static void apply(
      NodeConfig.Builder b,
      String key,
      String value,
      String source,
      Optional<Path> base,
      Map<String, String> sourceOf)
      throws ConfigException {
    Setting setting = SETTINGS.get(key);
    if (setting == null) {
      throw new ConfigException(
          echo(key), source, "unknown setting; known: " + String.join(", ", SETTINGS.keySet()));
    }
    if (value.isEmpty()) {
      throw new ConfigException(key, source, "has an empty value");
    }
    try {
      setting.apply(b, value, base);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, source, e.getMessage());
    }
    sourceOf.put(key, source);
  }

  private static Map<String, String> readYaml(Path file) throws ConfigException {
    String source = "file " + file;
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw ConfigException.forSource(
            source, "is larger than " + MAX_FILE_BYTES + " bytes; not a node config", null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw ConfigException.forSource(source, "does not exist", e);
    } catch (IOException e) {
      throw ConfigException.forSource(source, "cannot be read: " + e, e);
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = yaml.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ConfigException.forSource(
          source,
          "is not valid YAML: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"),
          e);
    } catch (IOException e) {
      throw ConfigException.forSource(source, "cannot be read: " + e, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out; // an empty file: nothing set
    }
    if (!root.isObject()) {
      throw ConfigException.forSource(
          source, "must be a mapping of settings (key: value lines)", null);
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      if (!SETTINGS.containsKey(key)) {
        throw new ConfigException(
            echo(key), source, "unknown setting; known: " + String.join(", ", SETTINGS.keySet()));
      }
      JsonNode v = e.getValue();
      if (v.isNull()) {
        throw new ConfigException(key, source, "has no value");
      }
      if (v.isContainerNode()) {
        throw new ConfigException(key, source, "must be a single value, not a list or mapping");
      }
      out.put(key, v.asText());
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------ value parsers

  private static long whole(String v) {
    if (!WHOLE.matcher(v).matches()) {
      throw new IllegalArgumentException("expected a whole number, got '" + echo(v) + "'");
    }
    return Long.parseLong(v);
  }

  private static int integer(String v) {
    long n = whole(v);
    // Out-of-int values still reach the setter's range check, which names the allowed range.
    return n > Integer.MAX_VALUE
        ? Integer.MAX_VALUE
        : n < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) n;
  }

  static Duration duration(String v) {
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration such as 500ms, 60s, 5m or 1h, got '" + echo(v) + "'");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      default:
        return Duration.ofHours(n);
    }
  }

  /** A duration in the notation {@link #duration} reads, in the largest unit that is exact. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static Path path(String v, Optional<Path> base) {
    if (v.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a path cannot contain a NUL character");
    }
    try {
      Path p = Path.of(v);
      return base.isPresent() && !p.isAbsolute() ? base.get().resolve(p).normalize() : p;
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a valid path: " + e.getReason());
    }
  }

  private static String echo(String s) {
    return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "…";
  }
}
