package dev.nkms.cli;

import dev.nkms.protocol.NodeAddress;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Node addresses as the CLI prints them in a sentence: full hex, comma-separated ("none" for no
 * node).
 */
public final class Addresses {
  private Addresses() {}

  public static String join(Collection<NodeAddress> nodes) {
    if (nodes.isEmpty()) {
      return "none";
    }
    return nodes.stream().map(NodeAddress::toHex).collect(Collectors.joining(", "));
  }
}
