package dev.nkms.registry;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.NetworkDomain;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Hex;

/**
 * The trust anchor of a federated network: the network's domain, the federation members' public
 * keys (1 to 16, distinct) and how many of them must sign a node list (the threshold t, 1 ≤ t ≤
 * members). Every node of the network is configured with the same federation file; a node list is
 * accepted only with t member signatures.
 *
 * <p>The file is UTF-8 text, one setting per line, {@code #} starts a comment line, blank lines are
 * ignored:
 *
 * <pre>
 * domain mainnet
 * threshold 2
 * member 02…(66 hex digits: the compressed public key)
 * member 03…
 * </pre>
 *
 * {@code domain} and {@code threshold} appear exactly once, {@code member} 1 to 16 times; the order
 * is free.
 */
public final class Federation {
  public static final int MAX_MEMBERS = 16;
  private static final Comparator<PublicKey> KEY_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.toCompressedBytes(), b.toCompressedBytes());
  private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");
  private static final Pattern THRESHOLD = Pattern.compile("[1-9][0-9]?");
  private static final Pattern KEY_HEX = Pattern.compile("[0-9a-fA-F]{66}");

  private final String domain;
  private final int threshold;
  private final List<PublicKey> members;
  private final Set<PublicKey> memberSet;

  private Federation(String domain, int threshold, List<PublicKey> sortedMembers) {
    this.domain = domain;
    this.threshold = threshold;
    this.members = List.copyOf(sortedMembers);
    this.memberSet = Set.copyOf(sortedMembers);
  }

  /**
   * Throws {@link IllegalArgumentException} unless the domain is valid, the members distinct and 1
   * ≤ t ≤ members ≤ 16.
   */
  public static Federation of(String domain, int threshold, Collection<PublicKey> members) {
    NetworkDomain.check(domain);
    List<PublicKey> sorted = new ArrayList<>(members);
    sorted.forEach(Objects::requireNonNull);
    if (sorted.isEmpty() || sorted.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException(
          "a federation has 1 to " + MAX_MEMBERS + " members, got " + sorted.size());
    }
    if (new HashSet<>(sorted).size() != sorted.size()) {
      throw new IllegalArgumentException("federation members must be distinct keys");
    }
    if (threshold < 1 || threshold > sorted.size()) {
      throw new IllegalArgumentException(
          "the threshold must be 1 to " + sorted.size() + " (the members), got " + threshold);
    }
    sorted.sort(KEY_ORDER);
    return new Federation(domain, threshold, sorted);
  }

  public static Federation load(Path file) throws IOException, RegistryFormatException {
    byte[] raw = Files.readAllBytes(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(raw))
              .toString();
    } catch (CharacterCodingException e) {
      throw new RegistryFormatException(file + ": not valid UTF-8");
    }
    return parse(text, file.toString());
  }

  /**
   * Parses the file format; {@code source} names the text in error messages (a path, or
   * "federation").
   */
  public static Federation parse(String text, String source) throws RegistryFormatException {
    String domain = null;
    int threshold = 0;
    int thresholdLine = 0;
    List<PublicKey> members = new ArrayList<>();
    Set<PublicKey> seen = new HashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String where = source + " line " + (i + 1) + ": ";
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] kv = WHITESPACE.split(line);
      if (kv.length != 2) {
        throw new RegistryFormatException(
            where + "expected '<setting> <value>', got '" + line + "'");
      }
      switch (kv[0]) {
        case "domain" -> {
          if (domain != null) {
            throw new RegistryFormatException(where + "domain: given twice");
          }
          if (!NetworkDomain.isValid(kv[1])) {
            throw new RegistryFormatException(
                where
                    + "domain: a domain is 1 to 32 characters of a-z, 0-9 and '-',"
                    + " got '"
                    + kv[1]
                    + "'");
          }
          domain = kv[1];
        }
        case "threshold" -> {
          if (thresholdLine != 0) {
            throw new RegistryFormatException(where + "threshold: given twice");
          }
          if (!THRESHOLD.matcher(kv[1]).matches() || Integer.parseInt(kv[1]) > MAX_MEMBERS) {
            throw new RegistryFormatException(
                where
                    + "threshold: expected a number from 1 to "
                    + MAX_MEMBERS
                    + ", got '"
                    + kv[1]
                    + "'");
          }
          threshold = Integer.parseInt(kv[1]);
          thresholdLine = i + 1;
        }
        case "member" -> {
          if (!KEY_HEX.matcher(kv[1]).matches()) {
            throw new RegistryFormatException(
                where
                    + "member: expected a compressed public key (66 hex digits),"
                    + " got '"
                    + kv[1]
                    + "'");
          }
          PublicKey key;
          try {
            key = PublicKey.fromCompressedBytes(Hex.decode(kv[1]));
          } catch (MalformedInputException e) {
            throw new RegistryFormatException(where + "member: " + e.getMessage());
          }
          if (!seen.add(key)) {
            throw new RegistryFormatException(
                where + "member: " + key.toHex() + " is listed twice");
          }
          if (members.size() == MAX_MEMBERS) {
            throw new RegistryFormatException(
                where + "member: more than " + MAX_MEMBERS + " members");
          }
          members.add(key);
        }
        default ->
            throw new RegistryFormatException(
                where + "unknown setting '" + kv[0] + "' (expected domain, threshold or member)");
      }
    }
    if (domain == null) {
      throw new RegistryFormatException(source + ": no 'domain' line");
    }
    if (thresholdLine == 0) {
      throw new RegistryFormatException(source + ": no 'threshold' line");
    }
    if (members.isEmpty()) {
      throw new RegistryFormatException(source + ": no 'member' line");
    }
    if (threshold > members.size()) {
      throw new RegistryFormatException(
          source
              + " line "
              + thresholdLine
              + ": threshold: "
              + threshold
              + " is more than the "
              + members.size()
              + " member(s)");
    }
    members.sort(KEY_ORDER);
    return new Federation(domain, threshold, members);
  }

  /**
   * The file text: domain, threshold, then the members in key order, so equal federations give
   * equal files.
   */
  public String format() {
    StringBuilder sb =
        new StringBuilder("# nkms federation: the keys that sign this network's node list\n");
    sb.append("domain ").append(domain).append('\n');
    sb.append("threshold ").append(threshold).append('\n');
    for (PublicKey k : members) {
      sb.append("member ").append(k.toHex()).append('\n');
    }
    return sb.toString();
  }

  /** Writes atomically (temp file + rename), so a reader never sees half a file. */
  public void save(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, format(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public String domain() {
    return domain;
  }

  public int threshold() {
    return threshold;
  }

  /** The members in ascending order of their compressed key bytes. */
  public List<PublicKey> members() {
    return members;
  }

  public boolean isMember(PublicKey key) {
    return memberSet.contains(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Federation f
        && domain.equals(f.domain)
        && threshold == f.threshold
        && members.equals(f.members);
  }

  @Override
  public int hashCode() {
    return Objects.hash(domain, threshold, members);
  }

  @Override
  public String toString() {
    return "Federation[" + domain + ", " + threshold + " of " + members.size() + "]";
  }
}
