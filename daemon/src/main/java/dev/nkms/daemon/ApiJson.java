package dev.nkms.daemon;

import dev.nkms.client.NodeSummary;
import dev.nkms.client.PolicyAtNodes;
import dev.nkms.client.PolicySummary;
import dev.nkms.client.RelativeTime;
import dev.nkms.client.Share;
import dev.nkms.client.StoredObject;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Condition;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's JSON vocabulary (docs/api.md, openapi.json): the one place that says how a policy, a
 * share, a stored object, a node and a set of conditions look on the wire. Times are ISO-8601
 * instants, keys and ids hex, binary data base64.
 */
final class ApiJson {
  static final Set<String> CONDITION_MEMBERS = Set.of("access_log", "window");
  static final Set<String> WINDOW_MEMBERS = Set.of("start", "end");

  private ApiJson() {}

  static Map<String, Object> policy(PolicySummary p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", p.id().toHex());
    m.put("label", p.label());
    m.put("state", p.describeState());
    m.put("threshold", p.threshold());
    m.put("shares", p.shares());
    m.put("expires", p.expiry().toString());
    m.put("bob", p.bob().toHex());
    m.put("revision", p.revision());
    m.put("conditions", conditions(p.conditions()));
    m.put("receipts", p.receipts());
    Map<String, String> unconfirmed = new LinkedHashMap<>();
    p.unconfirmed().forEach((node, why) -> unconfirmed.put(node.toHex(), why));
    m.put("unconfirmed", unconfirmed);
    return m;
  }

  static Map<String, Object> share(Share s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", s.policy().toHex());
    m.put("label", s.label());
    m.put("threshold", s.threshold());
    m.put("shares", s.shares());
    m.put("expires", s.expiry().toString());
    m.put("treasure_map", Base64.getEncoder().encodeToString(s.treasureMap()));
    return m;
  }

  static Map<String, Object> object(StoredObject o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("location", o.location().toString());
    m.put("label", o.label());
    m.put("size", o.size());
    m.put("written", o.written().toString());
    return m;
  }

  static Map<String, Object> node(NodeSummary n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", n.address().toHex());
    m.put("host", n.host());
    m.put("port", n.port());
    m.put("verified_at", n.verifiedAt().map(Instant::toString).orElse(null));
    m.put("last_success", n.lastSuccess().toString());
    m.put("failures", n.failures());
    m.put("reported_unhealthy", n.reportedUnhealthy());
    return m;
  }

  static Map<String, Object> atNodes(PolicyAtNodes p) {
    List<Map<String, Object>> nodes = new ArrayList<>();
    p.answers()
        .forEach(
            (node, status) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("node", node.toHex());
              m.put("state", status.state().code);
              m.put("revision", status.revision());
              m.put("expires", status.expiry().map(Instant::toString).orElse(null));
              m.put("revoked_at", status.revokedAt().map(Instant::toString).orElse(null));
              m.put("at", status.at().toString());
              nodes.add(m);
            });
    nodes.sort(java.util.Comparator.comparing(m -> (String) m.get("node")));
    Map<String, String> failed = new java.util.TreeMap<>();
    p.failed().forEach((node, why) -> failed.put(node.toHex(), why));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", p.policy().toHex());
    m.put("nodes", nodes);
    m.put("failed", failed);
    m.put("disagreements", p.disagreements());
    return m;
  }

  static Map<String, Object> conditions(Conditions c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("access_log", false);
    for (Condition item : c.items()) {
      if (item instanceof AccessLogging) {
        m.put("access_log", true);
      } else if (item instanceof TimeWindow w) {
        m.put("window", Map.of("start", w.start().toString(), "end", w.end().toString()));
      }
    }
    return m;
  }

  /** {@code {"access_log": true, "window": {"start": …, "end": …}}}; both members optional. */
  static Conditions conditions(JsonBody body, Instant now) {
    List<Condition> items = new ArrayList<>();
    if (body.bool("access_log").orElse(false)) {
      items.add(AccessLogging.REQUIRED);
    }
    body.object("window", WINDOW_MEMBERS)
        .ifPresent(
            w -> {
              Instant start = time(w, "start", now);
              Instant end = time(w, "end", now);
              if (!end.isAfter(start)) {
                throw new JsonBody.BadRequest("\"window\" must end after it starts");
              }
              try {
                items.add(TimeWindow.between(start, end));
              } catch (IllegalArgumentException e) {
                throw new JsonBody.BadRequest("\"window\": " + e.getMessage());
              }
            });
    return Conditions.of(items);
  }

  /** A member holding a time: a duration from now (7d) or an ISO-8601 instant. */
  static Instant time(JsonBody body, String name, Instant now) {
    String text = body.requiredString(name);
    try {
      return RelativeTime.parse(text, now);
    } catch (IllegalArgumentException e) {
      throw new JsonBody.BadRequest("\"" + name + "\" " + e.getMessage());
    }
  }
}
