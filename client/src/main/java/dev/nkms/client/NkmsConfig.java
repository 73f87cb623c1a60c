package dev.nkms.client;

import dev.nkms.client.NetworkSource.ChainSource;
import dev.nkms.client.NetworkSource.FederatedSource;
import dev.nkms.client.NetworkSource.NetworkDirectorySource;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.protocol.PeerAddress;
import dev.nkms.storage.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@link Nkms#connect} needs: which network (a network directory; or a federation, its signed
 * registry and a peer; or a chain deployment and a peer), whose keys, where Alice keeps her policy
 * records and her object index ({@code objects}), where a write given only a label goes ({@code
 * storage.default}), and the default m-of-n.
 *
 * <p>Three layers, each overriding the one before: a YAML file ({@code ~/.nkms/config.yaml} when it
 * exists, or the file given to {@link Builder#file}), environment variables ({@code NKMS_NETWORK},
 * {@code NKMS_KEYS}, …: the setting's name in upper snake case after {@code NKMS_}), then the
 * builder's own setters. The same kebab-case names in the file ({@code passphrase-file}); relative
 * paths in the file are resolved against its directory. The passphrase itself comes from {@code
 * NKMS_PASSPHRASE}, a {@code passphrase-file} or {@link Builder#passphrase} — never the file.
 * Naming the network in a layer (any of {@code network}, {@code federation}, {@code deployment})
 * replaces the network an earlier layer named.
 *
 * <p>Why this file is long: the three layers (file, environment, builder), the three network shapes
 * and their checks are one cascade that reads best in one place; the file layer is NkmsConfigFile.
 */
public final class NkmsConfig {
  /** The default file, under the user's home directory. */
  public static final String DEFAULT_FILE = ".nkms/config.yaml";

  /** A config is a handful of lines; anything larger is a mistake. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  static final String PASSPHRASE_ENV = "NKMS_PASSPHRASE";
  private static final Pattern WHOLE = Pattern.compile("[1-9][0-9]{0,3}");
  private static final List<String> SETTINGS =
      List.of(
          "network",
          "federation",
          "registry",
          "peers",
          "deployment",
          "keys",
          "passphrase-file",
          "policies",
          "objects",
          "storage.default",
          "known-nodes",
          "threshold",
          "shares",
          "s3.endpoint",
          "s3.region",
          "s3.path_style",
          "s3.part_size",
          "ipfs.api");

  /**
   * The storage back-ends' settings a file or the environment may carry (docs/storage.md); S3
   * credentials never: they come from the AWS SDK's chains or the builder.
   */
  static final Set<String> BACK_END_SETTINGS =
      Set.of("s3.endpoint", "s3.region", "s3.path_style", "s3.part_size", "ipfs.api");

  private static final Set<String> NETWORK =
      Set.of("network", "federation", "registry", "deployment");

  private final NetworkSource network;
  private final Path keys;
  private final Optional<char[]> passphrase;
  private final Optional<Path> passphraseFile;
  private final Path policies;
  private final Path objects;
  private final URI storageDefault;
  private final Path knownNodes;
  private final int threshold;
  private final int shares;
  private final StorageSettings storage;

  private NkmsConfig(
      NetworkSource network,
      Path keys,
      Optional<char[]> passphrase,
      Optional<Path> passphraseFile,
      Path policies,
      Path objects,
      URI storageDefault,
      Path knownNodes,
      int threshold,
      int shares,
      StorageSettings storage) {
    this.network = network;
    this.keys = keys;
    this.passphrase = passphrase;
    this.passphraseFile = passphraseFile;
    this.policies = policies;
    this.objects = objects;
    this.storageDefault = storageDefault;
    this.knownNodes = knownNodes;
    this.threshold = threshold;
    this.shares = shares;
    this.storage = storage;
  }

  /**
   * The storage back-ends' settings ({@code s3.endpoint}, {@code ipfs.api}, …: docs/storage.md);
   * set in code. S3 credentials, region and endpoint also come from the AWS SDK's standard chains.
   */
  public StorageSettings storage() {
    return storage;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The default file (if present) and the process environment, with nothing set in code. */
  public static NkmsConfig load() {
    return builder().build();
  }

  public NetworkSource network() {
    return network;
  }

  /**
   * The keystore holding this user's Alice and Bob keys ({@code nkms keys generate} writes one).
   */
  public Path keys() {
    return keys;
  }

  /** Where Alice keeps one record per policy (receipts, state). */
  public Path policies() {
    return policies;
  }

  /**
   * Alice's object index: one small file per object she wrote (location, label, size, time); {@code
   * ~/.nkms/alice/objects} unless set.
   */
  public Path objects() {
    return objects;
  }

  /**
   * Where {@link Nkms#write(String, java.io.InputStream, long)} stores an object given only a
   * label: a location prefix ending in {@code /} (setting {@code storage.default}; {@code
   * file:~/.nkms/store/} unless set).
   */
  public URI storageDefault() {
    return storageDefault;
  }

  /**
   * Where the client keeps the nodes it learned, for next time (inside the network directory if
   * there is one).
   */
  public Path knownNodes() {
    return knownNodes;
  }

  /** The default m of an m-of-n share. */
  public int threshold() {
    return threshold;
  }

  /** The default n of an m-of-n share. */
  public int shares() {
    return shares;
  }

  /**
   * The keystore's passphrase, a fresh copy the caller wipes; from the builder, NKMS_PASSPHRASE or
   * the file.
   */
  char[] passphrase() {
    if (passphrase.isPresent()) {
      return passphrase.get().clone();
    }
    Path file =
        passphraseFile.orElseThrow(
            () ->
                new NkmsException(
                    Kind.INVALID_INPUT,
                    "no passphrase for "
                        + keys
                        + ": set "
                        + PASSPHRASE_ENV
                        + " or passphrase-file (in the config file, NKMS_PASSPHRASE_FILE or"
                        + " the builder)"));
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      Arrays.fill(bytes, (byte) 0);
      int end = text.indexOf('\n');
      return (end < 0 ? text : text.substring(0, end)).strip().toCharArray();
    } catch (IOException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT, "cannot read the passphrase file " + file + ": " + e.getMessage());
    }
  }

  /** Collects the layers; {@link #build} applies them in order. */
  public static final class Builder {
    private Optional<Path> file = Optional.empty();
    private Map<String, String> env = System.getenv();
    private Path home = Path.of(System.getProperty("user.home"));
    private final Map<String, String> set = new LinkedHashMap<>();
    private char[] passphrase;
    private StorageSettings storage = StorageSettings.none();

    private Builder() {}

    /** Settings for the storage back-ends (docs/storage.md). */
    public Builder storage(StorageSettings settings) {
      this.storage = java.util.Objects.requireNonNull(settings);
      return this;
    }

    /**
     * The YAML file to read instead of {@code ~/.nkms/config.yaml} (the command line's {@code
     * --config}).
     */
    public Builder file(Path file) {
      this.file = Optional.of(file);
      return this;
    }

    /** The environment to read instead of the process's (for tests and embedding). */
    public Builder environment(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** The home directory under which the default file, policies and known nodes live. */
    public Builder home(Path home) {
      this.home = Objects.requireNonNull(home);
      return this;
    }

    public Builder network(Path dir) {
      return put("network", dir);
    }

    public Builder federated(Path federation, Path registry, List<PeerAddress> peers) {
      put("federation", federation);
      put("registry", registry);
      return put(
          "peers", String.join(",", peers.stream().map(p -> p.host() + ":" + p.port()).toList()));
    }

    public Builder chain(Path deployment, List<PeerAddress> peers) {
      put("deployment", deployment);
      return put(
          "peers", String.join(",", peers.stream().map(p -> p.host() + ":" + p.port()).toList()));
    }

    public Builder keys(Path keystore) {
      return put("keys", keystore);
    }

    /**
     * The keystore's passphrase; copied here, and the copy wiped by nobody but the garbage
     * collector.
     */
    public Builder passphrase(char[] passphrase) {
      this.passphrase = passphrase.clone();
      return this;
    }

    public Builder passphraseFile(Path file) {
      return put("passphrase-file", file);
    }

    public Builder policies(Path dir) {
      return put("policies", dir);
    }

    public Builder objects(Path dir) {
      return put("objects", dir);
    }

    /**
     * {@code storage.default}: a location prefix ending in {@code /}, e.g. {@code s3://b/nkms/}.
     */
    public Builder storageDefault(URI prefix) {
      return put("storage.default", prefix);
    }

    public Builder knownNodes(Path file) {
      return put("known-nodes", file);
    }

    public Builder threshold(int m) {
      return put("threshold", m);
    }

    public Builder shares(int n) {
      return put("shares", n);
    }

    private Builder put(String key, Object value) {
      set.put(key, Objects.requireNonNull(value, key).toString());
      return this;
    }

    /**
     * Reads the file and the environment and applies the builder's settings over them.
     *
     * @throws NkmsException (invalid input) naming the setting and where it came from, for an
     *     unknown setting in the file, a value that does not parse, a network named in two shapes
     *     at once, or none at all
     */
    public NkmsConfig build() {
      Map<String, String> merged = new LinkedHashMap<>();
      Map<String, String> sourceOf = new LinkedHashMap<>();
      Optional<Path> fileToRead =
          file.isPresent() ? file : Optional.of(home.resolve(DEFAULT_FILE)).filter(Files::exists);
      if (fileToRead.isPresent()) {
        Path f = fileToRead.get();
        layer(
            merged,
            sourceOf,
            NkmsConfigFile.read(f, SETTINGS),
            "config file " + f,
            Optional.ofNullable(f.toAbsolutePath().getParent()));
      }
      Map<String, String> fromEnv = new LinkedHashMap<>();
      for (String key : SETTINGS) {
        String v = env.get(envName(key));
        if (v != null) {
          fromEnv.put(key, v);
        }
      }
      layer(merged, sourceOf, fromEnv, "environment", Optional.empty());
      layer(merged, sourceOf, set, "builder", Optional.empty());
      return make(merged, sourceOf);
    }

    private static void layer(
        Map<String, String> merged,
        Map<String, String> sourceOf,
        Map<String, String> layer,
        String source,
        Optional<Path> base) {
      if (layer.keySet().stream().anyMatch(NETWORK::contains)) {
        NETWORK.forEach(
            k -> {
              merged.remove(k);
              sourceOf.remove(k);
            });
        if (!layer.containsKey("peers")) {
          merged.remove("peers");
        }
      }
      for (Map.Entry<String, String> e : layer.entrySet()) {
        String key = e.getKey();
        String value = e.getValue();
        if (value.isBlank()) {
          throw invalid(key, source, "has an empty value");
        }
        boolean isPath =
            !Set.of("peers", "threshold", "shares", "storage.default").contains(key)
                && !BACK_END_SETTINGS.contains(key);
        merged.put(key, isPath ? path(key, value, source, base).toString() : value);
        sourceOf.put(key, source);
      }
    }

    private NkmsConfig make(Map<String, String> s, Map<String, String> sourceOf) {
      NetworkSource network;
      List<PeerAddress> peers =
          s.containsKey("peers") ? peers(s.get("peers"), sourceOf.get("peers")) : List.of();
      int shapes =
          (s.containsKey("network") ? 1 : 0)
              + (s.containsKey("federation") || s.containsKey("registry") ? 1 : 0)
              + (s.containsKey("deployment") ? 1 : 0);
      if (shapes > 1) {
        throw new NkmsException(
            Kind.INVALID_INPUT,
            "the network is named twice (network, federation and"
                + " deployment are alternatives); keep one");
      }
      Path defaultKnown = home.resolve(".nkms").resolve("client-known-nodes");
      Path knownNodes;
      if (s.containsKey("network")) {
        Path dir = Path.of(s.get("network"));
        network = new NetworkDirectorySource(dir);
        knownNodes = dir.resolve(dev.nkms.client.connect.NetworkDirectory.CLIENT_KNOWN_NODES);
      } else if (s.containsKey("federation") || s.containsKey("registry")) {
        if (!s.containsKey("federation") || !s.containsKey("registry")) {
          String missing = s.containsKey("federation") ? "registry" : "federation";
          throw invalid(
              missing,
              "not set anywhere",
              "a federated network needs both federation and registry");
        }
        requirePeers(peers, "federated");
        network =
            new FederatedSource(Path.of(s.get("federation")), Path.of(s.get("registry")), peers);
        knownNodes = defaultKnown;
      } else if (s.containsKey("deployment")) {
        requirePeers(peers, "chain");
        network = new ChainSource(Path.of(s.get("deployment")), peers);
        knownNodes = defaultKnown;
      } else {
        throw new NkmsException(
            Kind.INVALID_INPUT,
            "no network configured: set network (a network directory),"
                + " federation + registry + peers, or deployment + peers in ~/"
                + DEFAULT_FILE
                + ", the environment"
                + " (NKMS_NETWORK, …) or NkmsConfig.builder()");
      }
      if (s.containsKey("known-nodes")) {
        knownNodes = Path.of(s.get("known-nodes"));
      }
      if (!s.containsKey("keys")) {
        throw invalid(
            "keys",
            "not set anywhere",
            "set keys (a keystore from `nkms keys generate`) in the config"
                + " file, NKMS_KEYS or the builder");
      }
      int m =
          s.containsKey("threshold")
              ? whole("threshold", s.get("threshold"), sourceOf.get("threshold"))
              : 3;
      int n =
          s.containsKey("shares") ? whole("shares", s.get("shares"), sourceOf.get("shares")) : 5;
      if (m > n) {
        throw invalid(
            "threshold",
            sourceOf.getOrDefault("threshold", "default"),
            "m = " + m + " is more than n = " + n + " shares");
      }
      Optional<char[]> pass =
          passphrase != null
              ? Optional.of(passphrase)
              : Optional.ofNullable(env.get(PASSPHRASE_ENV)).map(String::toCharArray);
      return new NkmsConfig(
          network,
          Path.of(s.get("keys")),
          pass,
          Optional.ofNullable(s.get("passphrase-file")).map(Path::of),
          Path.of(s.getOrDefault("policies", home.resolve(".nkms").resolve("alice").toString())),
          Path.of(
              s.getOrDefault(
                  "objects", home.resolve(".nkms").resolve("alice").resolve("objects").toString())),
          s.containsKey("storage.default")
              ? parseStorageDefault(s.get("storage.default"), sourceOf.get("storage.default"))
              : defaultStore(home.resolve(".nkms").resolve("store")),
          knownNodes,
          m,
          n,
          backEnds(s));
    }

    /** The builder's storage settings, with the file's and environment's where it sets none. */
    private StorageSettings backEnds(Map<String, String> s) {
      StorageSettings out = storage;
      for (String key : BACK_END_SETTINGS) {
        if (s.containsKey(key) && out.get(key).isEmpty()) {
          out = out.with(key, s.get(key));
        }
      }
      return out;
    }

    private static void requirePeers(List<PeerAddress> peers, String shape) {
      if (peers.isEmpty()) {
        throw invalid(
            "peers",
            "not set anywhere",
            "a "
                + shape
                + " network needs at least one peer (host:port)"
                + " to learn the nodes from");
      }
    }
  }

  /**
   * {@code passphrase-file} → {@code NKMS_PASSPHRASE_FILE}; {@code storage.default} → {@code
   * NKMS_STORAGE_DEFAULT}.
   */
  public static String envName(String setting) {
    return "NKMS_" + setting.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  /** {@code file:DIR/}, DIR absolute and percent-encoded as a URI path. */
  static URI defaultStore(Path dir) {
    String path = dir.toAbsolutePath().toUri().getRawPath();
    return URI.create("file:" + (path.endsWith("/") ? path : path + "/"));
  }

  private static URI parseStorageDefault(String value, String source) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid("storage.default", source, "is not a URI: " + echo(e.getReason()));
    }
    if (uri.getScheme() == null || uri.isOpaque()) {
      throw invalid(
          "storage.default",
          source,
          "must be a location prefix with a scheme, like s3://bucket/nkms/ or file:/srv/nkms/, not '"
              + echo(value)
              + "'");
    }
    if (uri.getScheme().equalsIgnoreCase("ipfs")) {
      throw invalid(
          "storage.default",
          source,
          "cannot be on ipfs: IPFS chooses the location (the CID); write to ipfs:/ with a label");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || !value.endsWith("/")) {
      throw invalid(
          "storage.default",
          source,
          "must be a location prefix ending in / with no ? or #, not '" + echo(value) + "'");
    }
    return dev.nkms.client.store.ObjectIndex.canonical(uri);
  }

  /** The setting names, kebab-case, in documentation order. */
  public static List<String> settingNames() {
    return SETTINGS;
  }

  static NkmsException invalid(String key, String source, String problem) {
    return new NkmsException(Kind.INVALID_INPUT, key + " (" + source + ") " + problem);
  }

  private static Path path(String key, String value, String source, Optional<Path> base) {
    if (value.indexOf('\0') >= 0) {
      throw invalid(key, source, "cannot contain a NUL character");
    }
    try {
      Path p = Path.of(value);
      return base.isPresent() && !p.isAbsolute() ? base.get().resolve(p).normalize() : p;
    } catch (InvalidPathException e) {
      throw invalid(key, source, "is not a valid path: " + e.getReason());
    }
  }

  private static int whole(String key, String value, String source) {
    if (!WHOLE.matcher(value).matches()) {
      throw invalid(
          key, source, "must be a whole number from 1 to 9999, not '" + echo(value) + "'");
    }
    return Integer.parseInt(value);
  }

  private static List<PeerAddress> peers(String value, String source) {
    List<PeerAddress> out = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      try {
        out.add(PeerAddress.parse(part.strip()));
      } catch (IllegalArgumentException e) {
        throw invalid("peers", source, "holds '" + echo(part.strip()) + "', not host:port");
      }
    }
    return out;
  }

  static String echo(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return dev.nkms.network.transport.UntrustedText.sanitize(t);
  }
}
