package dev.nkms.cli.facade;

import dev.nkms.client.PolicySummary;
import dev.nkms.protocol.NodeAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The facade's results as {@code --json} shows them (the keys are listed in docs/cli.md). */
final class FacadeJson {
  private FacadeJson() {}

  /** A policy after a change: {@code policy}, {@code label}, {@code state}, {@code unconfirmed}. */
  static Map<String, Object> brief(PolicySummary s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("policy", s.id().toHex());
    o.put("label", s.label());
    o.put("state", s.describeState());
    o.put("unconfirmed", unconfirmed(s.unconfirmed()));
    return o;
  }

  /** {@link #brief} with the terms' {@code revision} and {@code expires}. */
  static Map<String, Object> summary(PolicySummary s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("policy", s.id().toHex());
    o.put("label", s.label());
    o.put("state", s.describeState());
    o.put("revision", s.revision());
    o.put("expires", s.expiry().toString());
    o.put("unconfirmed", unconfirmed(s.unconfirmed()));
    return o;
  }

  /** Node address → what it said, sorted by address. */
  static Map<String, Object> unconfirmed(Map<NodeAddress, String> nodes) {
    Map<String, Object> o = new LinkedHashMap<>();
    nodes.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(NodeAddress::toHex)))
        .forEach(e -> o.put(e.getKey().toHex(), e.getValue()));
    return o;
  }

  /** One detail line per node that did not confirm, for --verbose. */
  static List<String> details(PolicySummary s) {
    return s.unconfirmed().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(NodeAddress::toHex)))
        .map(e -> "policy " + s.id().toHex() + ", node " + e.getKey().toHex() + ": " + e.getValue())
        .toList();
  }
}
