package dev.nkms.daemon;

import dev.nkms.client.Nkms;
import dev.nkms.client.PolicySummary;
import dev.nkms.client.Share;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.protocol.wire.WireFormatException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alice's policies: share (a label or a path prefix), list, read, update, renew, revoke, delete.
 */
final class PolicyHandlers {
  static final int MAX_JSON = 64 * 1024;
  static final Set<String> SHARE_MEMBERS =
      Set.of("bob", "label", "path", "expires", "threshold", "shares", "conditions");
  static final Set<String> UPDATE_MEMBERS = Set.of("expires", "conditions");
  static final Set<String> RENEW_MEMBERS = Set.of("expires");

  private final Nkms nkms;
  private final Clock clock;

  PolicyHandlers(Nkms nkms, Clock clock) {
    this.nkms = nkms;
    this.clock = clock;
  }

  void register(Map<ApiRoute, Handler> h) {
    h.put(ApiRoute.POLICIES, this::list);
    h.put(ApiRoute.SHARE, this::share);
    h.put(ApiRoute.POLICY, ctx -> Daemon.json(ctx, 200, ApiJson.policy(find(ctx))));
    h.put(ApiRoute.UPDATE_POLICY, this::update);
    h.put(ApiRoute.RENEW, this::renew);
    h.put(
        ApiRoute.REVOKE, ctx -> Daemon.json(ctx, 200, ApiJson.policy(nkms.revoke(find(ctx).id()))));
    h.put(
        ApiRoute.POLICY_AT_NODES,
        ctx -> Daemon.json(ctx, 200, ApiJson.atNodes(nkms.checkPolicy(find(ctx).id()))));
    h.put(
        ApiRoute.DELETE_POLICY,
        ctx -> Daemon.json(ctx, 200, ApiJson.policy(nkms.deletePolicy(find(ctx).id()))));
  }

  private void list(Context ctx) {
    Daemon.json(
        ctx, 200, Map.of("policies", nkms.policies().stream().map(ApiJson::policy).toList()));
  }

  private void share(Context ctx) throws Exception {
    JsonBody body = JsonBody.parse(Daemon.body(ctx, MAX_JSON), SHARE_MEMBERS);
    BobCard bob;
    try {
      bob = BobCard.fromHex(body.requiredString("bob").strip());
    } catch (MalformedInputException e) {
      throw new JsonBody.BadRequest("\"bob\" is not an nkms card (" + e.getMessage() + ")");
    }
    Instant now = clock.instant();
    Instant expiry = ApiJson.time(body, "expires", now);
    int m = body.integer("threshold", 1, 255).orElse(nkms.defaultThreshold());
    int n = body.integer("shares", 1, 255).orElse(nkms.defaultShares());
    Conditions conditions =
        body.object("conditions", ApiJson.CONDITION_MEMBERS)
            .map(c -> ApiJson.conditions(c, now))
            .orElse(Conditions.NONE);
    var label = body.string("label");
    var path = body.string("path");
    if (label.isPresent() == path.isPresent()) {
      throw new JsonBody.BadRequest("give exactly one of \"label\" and \"path\"");
    }
    List<Share> shares =
        label.isPresent()
            ? List.of(nkms.share(bob, label.get(), expiry, m, n, conditions))
            : nkms.share(bob, location(path.get(), "path"), expiry, m, n, conditions);
    Daemon.json(ctx, 201, Map.of("policies", shares.stream().map(ApiJson::share).toList()));
  }

  private void update(Context ctx) throws Exception {
    PolicySummary p = find(ctx);
    JsonBody body = JsonBody.parse(Daemon.body(ctx, MAX_JSON), UPDATE_MEMBERS);
    Instant now = clock.instant();
    Instant expiry =
        body.string("expires").isPresent() ? ApiJson.time(body, "expires", now) : p.expiry();
    Conditions conditions =
        body.object("conditions", ApiJson.CONDITION_MEMBERS)
            .map(c -> ApiJson.conditions(c, now))
            .orElse(p.conditions());
    Daemon.json(ctx, 200, ApiJson.policy(nkms.updatePolicy(p.id(), expiry, conditions)));
  }

  private void renew(Context ctx) throws Exception {
    PolicySummary p = find(ctx);
    JsonBody body = JsonBody.parse(Daemon.body(ctx, MAX_JSON), RENEW_MEMBERS);
    Daemon.json(
        ctx,
        200,
        ApiJson.policy(nkms.renew(p.id(), ApiJson.time(body, "expires", clock.instant()))));
  }

  /** The policy the path names, or 404. */
  private PolicySummary find(Context ctx) {
    String text = ctx.pathParam("policy");
    Hrac id;
    try {
      id = Hrac.fromHex(text);
    } catch (WireFormatException | IllegalArgumentException e) {
      throw new JsonBody.BadRequest("a policy id is " + 2 * Hrac.LENGTH + " hex digits");
    }
    return nkms.policy(id)
        .orElseThrow(
            () ->
                new Daemon.ProblemException(
                    Problem.notFound("no policy " + id.toHex() + " of this Alice")));
  }

  static URI location(String text, String name) {
    try {
      URI u = new URI(text);
      if (u.getScheme() == null) {
        throw new JsonBody.BadRequest(
            "\"" + name + "\" must be a URI with a scheme (file:, s3:, ipfs:)");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new JsonBody.BadRequest("\"" + name + "\" is not a URI: " + e.getReason());
    }
  }
}
