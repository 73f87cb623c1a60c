package dev.nkms.cli.characters;

import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One policy record as {@code --json} shows it (the keys are listed in docs/cli.md). */
final class PolicyJson {
  private PolicyJson() {}

  static Map<String, Object> of(PolicyRecord r, Instant now, PolicyBook book) {
    Map<String, Object> o = new LinkedHashMap<>();
    var t = r.terms().terms();
    o.put("policy", r.hrac().toHex());
    o.put("label", r.label());
    o.put("state", r.describeStateAt(now));
    o.put("threshold", t.threshold());
    o.put("shares", t.shares());
    o.put("expires", t.expiry().toString());
    o.put("revision", t.revision());
    o.put("file", book.fileOf(r.hrac()).toString());
    List<Map<String, Object>> nodes = new ArrayList<>();
    r.targets()
        .forEach(
            (a, m) -> {
              Map<String, Object> n = new LinkedHashMap<>();
              n.put("node", a.toHex());
              n.put("address", m.host() + ":" + m.port());
              n.put("holder", r.policy().map(p -> p.nodes().containsKey(a)).orElse(false));
              n.put(
                  "revoked_at",
                  r.receipts().containsKey(a) ? r.receipts().get(a).revokedAt().toString() : null);
              nodes.add(n);
            });
    o.put("nodes", nodes);
    o.put("refunded", r.isRefunded());
    return o;
  }
}
