package dev.nkms.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where to reach a node before knowing who it is: {@code host:port} (IPv6 in brackets). Used for
 * seeds ({@code --peer}); what is learned from a peer is verified, not trusted because of where it
 * came from.
 */
public record PeerAddress(String host, int port) {
  private static final Pattern FORM =
      Pattern.compile("(?:\\[([0-9a-fA-F:.]+)\\]|([A-Za-z0-9.-]+)):([0-9]{1,5})");

  public PeerAddress {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty() || host.length() > 253 || port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "a peer is host:port with a port in 1..65535, got " + host + ":" + port);
    }
  }

  /** Parses {@code host:port} or {@code [ipv6]:port}. */
  public static PeerAddress parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected host:port (IPv6 as [addr]:port), got '"
              + (text.length() > 80 ? text.substring(0, 80) + "…" : text)
              + "'");
    }
    String host = m.group(1) != null ? m.group(1) : m.group(2).toLowerCase(java.util.Locale.ROOT);
    return new PeerAddress(host, Integer.parseInt(m.group(3)));
  }

  /** Parses a comma-separated list of peers. */
  public static List<PeerAddress> parseList(String text) {
    List<PeerAddress> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      out.add(parse(part));
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
