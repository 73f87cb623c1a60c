package dev.nkms.daemon;

import dev.nkms.client.Deletion;
import dev.nkms.client.Nkms;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.OutputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stored objects: write (Enrico seals and stores, streaming), Alice's index and her own reads,
 * Bob's reads with a treasure map, delete (which revokes the policies that covered only the
 * object). Data streams both ways: the daemon never holds an object in memory.
 */
final class ObjectHandlers {
  static final Set<String> READ_MEMBERS = Set.of("location", "treasure_map");

  private final Nkms nkms;

  ObjectHandlers(Nkms nkms) {
    this.nkms = nkms;
  }

  void register(Map<ApiRoute, Handler> h) {
    h.put(ApiRoute.OBJECTS, this::list);
    h.put(ApiRoute.WRITE, this::write);
    h.put(ApiRoute.DELETE_OBJECT, this::delete);
    h.put(ApiRoute.READ_OWN, this::readOwn);
    h.put(ApiRoute.READ, this::read);
  }

  private void list(Context ctx) {
    Daemon.json(ctx, 200, Map.of("objects", nkms.objects().stream().map(ApiJson::object).toList()));
  }

  /**
   * {@code PUT /v1/objects?location=URI[&label=L]}, or {@code ?label=L} alone for the default
   * store; without a label the object is sealed under its folder's label.
   */
  private void write(Context ctx) throws Exception {
    String location = ctx.queryParam("location");
    String label = ctx.queryParam("label");
    long length = Daemon.declaredLength(ctx);
    URI stored;
    if (location == null) {
      if (label == null) {
        throw new JsonBody.BadRequest("give \"location\", \"label\", or both");
      }
      stored = nkms.write(label, ctx.bodyInputStream(), length);
    } else if (label == null) {
      stored =
          nkms.write(PolicyHandlers.location(location, "location"), ctx.bodyInputStream(), length);
    } else {
      stored =
          nkms.write(
              PolicyHandlers.location(location, "location"), label, ctx.bodyInputStream(), length);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("location", stored.toString());
    body.put("size", length);
    Daemon.json(ctx, 201, body);
  }

  private void delete(Context ctx) {
    Deletion d = nkms.delete(PolicyHandlers.location(Daemon.query(ctx, "location"), "location"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("location", d.location().toString());
    body.put("result", d.result().name().toLowerCase(java.util.Locale.ROOT));
    body.put("revoked", d.revoked().stream().map(ApiJson::policy).toList());
    Daemon.json(ctx, 200, body);
  }

  private void readOwn(Context ctx) throws Exception {
    URI location = PolicyHandlers.location(Daemon.query(ctx, "location"), "location");
    String label = ctx.queryParam("label");
    ctx.status(200).contentType(Daemon.BINARY);
    OutputStream out = ctx.outputStream();
    if (label == null) {
      nkms.readOwn(location, out);
    } else {
      nkms.readOwn(location, label, out);
    }
  }

  private void read(Context ctx) throws Exception {
    JsonBody body = JsonBody.parse(Daemon.body(ctx, MessageHandlers.MAX_MAP_JSON), READ_MEMBERS);
    URI location = PolicyHandlers.location(body.requiredString("location"), "location");
    byte[] map = body.requiredBase64("treasure_map");
    ctx.status(200).contentType(Daemon.BINARY);
    nkms.read(location, map, ctx.outputStream());
  }
}
