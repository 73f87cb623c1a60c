package dev.nkms.client.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nkms.client.NkmsException;
import dev.nkms.client.StoredObject;
import dev.nkms.client.internal.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Alice's object index: what she wrote where, under which label. One small file per object in one
 * directory, named by the SHA-256 (hex) of the object's normalized location plus {@value #SUFFIX},
 * each written atomically and 0600 ({@link AtomicFiles#write}): a crash leaves the old entry or the
 * new one, and at worst a leftover temporary file ({@code .NAME.tmp}) that is not an entry. An
 * entry is a JSON object of exactly {@code location}, {@code label}, {@code size} and {@code
 * written}, parsed strictly; one that does not parse (or sits under another location's name) is
 * listed as damaged, never taken for an object.
 */
public final class ObjectIndex {
  public static final String SUFFIX = ".object";

  /** An entry is a location and a label (at most 1 KiB of UTF-8) and two numbers. */
  static final int MAX_ENTRY_BYTES = 16 * 1024;

  private static final Set<String> FIELDS = Set.of("location", "label", "size", "written");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Path dir;
  private final Clock clock;

  public ObjectIndex(Path dir, Clock clock) {
    this.dir = Objects.requireNonNull(dir);
    this.clock = Objects.requireNonNull(clock);
  }

  public Path dir() {
    return dir;
  }

  /** The file the entry of {@code location} lives in. */
  public Path fileOf(URI location) {
    return dir.resolve(sha256(canonical(location).toString()) + SUFFIX);
  }

  /** Records (or replaces) the entry of {@code location}, written now; returns it. */
  public StoredObject record(URI location, String label, long size) throws IOException {
    StoredObject o =
        new StoredObject(
            canonical(location),
            label,
            size,
            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    AtomicFiles.write(fileOf(location), toBytes(o));
    return o;
  }

  /**
   * The entry of {@code location}, if there is one.
   *
   * @throws DamagedEntry if its file does not hold a valid entry for this location
   */
  public Optional<StoredObject> find(URI location) throws IOException {
    Path file = fileOf(location);
    try {
      return Optional.of(read(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Removes the entry of {@code location} (durably); true if there was one. */
  public boolean remove(URI location) throws IOException {
    return AtomicFiles.delete(fileOf(location));
  }

  /** Every entry, and the files that are not valid entries with why. */
  public record Listing(List<StoredObject> objects, Map<Path, String> damaged) {
    public Listing {
      objects = List.copyOf(objects);
      damaged = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(damaged));
    }
  }

  /**
   * Every valid entry sorted by location, and every damaged one with its problem; temporary files
   * are neither.
   */
  public Listing list() throws IOException {
    List<StoredObject> objects = new ArrayList<>();
    Map<Path, String> damaged = new LinkedHashMap<>();
    List<Path> files = AtomicFiles.listed(dir, SUFFIX);
    for (Path f : files) {
      try {
        objects.add(read(f));
      } catch (NoSuchFileException e) {
        // removed while listing: not an entry any more
      } catch (IOException e) {
        damaged.put(f, e.getMessage());
      }
    }
    objects.sort(Comparator.comparing(o -> o.location().toString()));
    return new Listing(objects, damaged);
  }

  /** A file in the index that does not hold a valid entry. */
  public static final class DamagedEntry extends IOException {
    DamagedEntry(Path file, String problem) {
      super("the object index entry " + file + " is damaged: " + problem);
    }
  }

  private static StoredObject read(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new DamagedEntry(file, "it is a directory");
    }
    long size = Files.size(file);
    if (size > MAX_ENTRY_BYTES) {
      throw new DamagedEntry(file, size + " bytes, larger than any entry");
    }
    StoredObject o = parse(file, Files.readAllBytes(file));
    String expected = sha256(o.location().toString()) + SUFFIX;
    if (!file.getFileName().toString().equals(expected)) {
      throw new DamagedEntry(file, "it names " + o.location() + ", whose entry is " + expected);
    }
    return o;
  }

  static StoredObject parse(Path file, byte[] bytes) throws DamagedEntry {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new DamagedEntry(file, "not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new DamagedEntry(file, "not a JSON object");
    }
    Set<String> names = new java.util.TreeSet<>();
    root.fieldNames().forEachRemaining(names::add);
    if (!names.equals(new java.util.TreeSet<>(FIELDS))) {
      throw new DamagedEntry(
          file, "fields " + names + ", not exactly " + new java.util.TreeSet<>(FIELDS));
    }
    JsonNode location = root.get("location");
    JsonNode label = root.get("label");
    JsonNode size = root.get("size");
    JsonNode written = root.get("written");
    if (!location.isTextual() || !label.isTextual() || !written.isTextual()) {
      throw new DamagedEntry(file, "location, label and written must be strings");
    }
    if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
      throw new DamagedEntry(file, "size must be a whole number of bytes");
    }
    if (label.textValue().isEmpty()
        || label.textValue().getBytes(StandardCharsets.UTF_8).length
            > dev.nkms.protocol.grant.GrantPlan.MAX_LABEL_BYTES) {
      throw new DamagedEntry(file, "the label is empty or too long");
    }
    URI uri;
    try {
      uri = new URI(location.textValue());
    } catch (URISyntaxException e) {
      throw new DamagedEntry(file, "the location is not a URI");
    }
    if (uri.getScheme() == null || !canonical(uri).toString().equals(location.textValue())) {
      throw new DamagedEntry(file, "the location is not a normalized absolute URI");
    }
    Instant at;
    try {
      at = Instant.parse(written.textValue());
    } catch (DateTimeParseException e) {
      throw new DamagedEntry(file, "written is not an instant (like 2026-01-31T12:00:00Z)");
    }
    return new StoredObject(uri, label.textValue(), size.longValue(), at);
  }

  static byte[] toBytes(StoredObject o) {
    ObjectNode n = JSON.createObjectNode();
    n.put("location", o.location().toString());
    n.put("label", o.label());
    n.put("size", o.size());
    n.put("written", o.written().toString());
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a tree of strings and a number always writes
    }
  }

  /**
   * The form locations are kept and compared in: {@link URI#normalize normalized}, the scheme in
   * lower case, and a local file as {@code file:/path} (not {@code file:///path} or {@code
   * file://localhost/path}).
   */
  public static URI canonical(URI location) {
    URI n = location.normalize();
    String scheme = n.getScheme();
    if (scheme == null) {
      return n;
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    String authority = n.getRawAuthority();
    if (lower.equals("file")
        && !n.isOpaque()
        && (authority == null || authority.isEmpty() || authority.equals("localhost"))) {
      return URI.create(
          "file:"
              + n.getRawPath()
              + (n.getRawQuery() == null ? "" : "?" + n.getRawQuery())
              + (n.getRawFragment() == null ? "" : "#" + n.getRawFragment()));
    }
    return URI.create(lower + n.toString().substring(scheme.length()));
  }

  /**
   * The folder label of a location: the location (normalized, see {@link #canonical}) with its last
   * path segment removed, ending in {@code /} — {@code s3://b/photos/2024/a.jpg} → {@code
   * s3://b/photos/2024/}, {@code file:/x/y/z.txt} → {@code file:/x/y/}; a location ending in {@code
   * /} is its own folder label. What {@link dev.nkms.client.Nkms#write(URI, java.io.InputStream,
   * long)} encrypts under, and what sharing a folder prefix grants.
   *
   * @throws NkmsException (invalid input) for {@code ipfs:} (the CID is not known before the object
   *     is stored: give the label) and for a location with no path, a query or a fragment
   */
  public static String folderLabel(URI where) {
    URI c = canonical(where);
    if (c.getScheme() == null) {
      throw new NkmsException(
          NkmsException.Kind.INVALID_INPUT, "'" + where + "' is not an absolute location");
    }
    if (c.getScheme().equals("ipfs")) {
      throw new NkmsException(
          NkmsException.Kind.INVALID_INPUT,
          "an ipfs: location has no folder to take the label from (the CID is known only after"
              + " storing); give the label");
    }
    String path = c.getRawPath();
    if (c.isOpaque()
        || path == null
        || !path.startsWith("/")
        || c.getRawQuery() != null
        || c.getRawFragment() != null) {
      throw new NkmsException(
          NkmsException.Kind.INVALID_INPUT,
          "'" + where + "' has no folder path to take the label from; give the label");
    }
    String s = c.toString();
    return s.substring(0, s.lastIndexOf('/') + 1);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JVM has SHA-256
    }
  }
}
