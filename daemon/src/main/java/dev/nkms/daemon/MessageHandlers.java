package dev.nkms.daemon;

import dev.nkms.client.Nkms;
import dev.nkms.client.SplitMessage;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sealed messages a client keeps itself: encrypt (Enrico, streaming), Alice's own decrypt, Bob's
 * retrieve with a treasure map, split-edek; and who this user is and which nodes it knows.
 */
final class MessageHandlers {
  /** Byte verbs hold the message in memory: bounded; large data goes through /v1/objects. */
  static final int MAX_MESSAGE = 16 * 1024 * 1024;

  /** A JSON body carrying a treasure map (up to 255 destinations) and a location. */
  static final int MAX_MAP_JSON = 1024 * 1024;

  static final Set<String> RETRIEVE_MEMBERS = Set.of("treasure_map", "sealed");

  private final Nkms nkms;

  MessageHandlers(Nkms nkms) {
    this.nkms = nkms;
  }

  void register(Map<ApiRoute, Handler> h) {
    h.put(ApiRoute.IDENTITY, ctx -> Daemon.json(ctx, 200, Map.of("card", nkms.card().toHex())));
    h.put(
        ApiRoute.NODES,
        ctx ->
            Daemon.json(
                ctx, 200, Map.of("nodes", nkms.nodes().stream().map(ApiJson::node).toList())));
    h.put(ApiRoute.ENCRYPT, this::encrypt);
    h.put(ApiRoute.DECRYPT, this::decrypt);
    h.put(ApiRoute.RETRIEVE, this::retrieve);
    h.put(ApiRoute.SPLIT_EDEK, this::splitEdek);
  }

  private void encrypt(Context ctx) throws Exception {
    String label = Daemon.query(ctx, "label");
    long length = Daemon.declaredLength(ctx);
    ctx.status(200).contentType(Daemon.BINARY);
    nkms.encrypt(label, ctx.bodyInputStream(), length, ctx.outputStream());
  }

  private void decrypt(Context ctx) throws Exception {
    String label = Daemon.query(ctx, "label");
    byte[] sealed = Daemon.body(ctx, MAX_MESSAGE);
    ctx.status(200).contentType(Daemon.BINARY).result(nkms.decrypt(label, sealed));
  }

  private void retrieve(Context ctx) throws Exception {
    JsonBody body = JsonBody.parse(Daemon.body(ctx, 2 * MAX_MESSAGE), RETRIEVE_MEMBERS);
    byte[] map = body.requiredBase64("treasure_map");
    byte[] sealed = body.requiredBase64("sealed");
    ctx.status(200).contentType(Daemon.BINARY).result(nkms.retrieve(map, sealed));
  }

  private void splitEdek(Context ctx) throws Exception {
    SplitMessage split = nkms.splitEdek(Daemon.body(ctx, MAX_MESSAGE));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("edek", Base64.getEncoder().encodeToString(split.edek()));
    body.put("payload", Base64.getEncoder().encodeToString(split.payload()));
    Daemon.json(ctx, 200, body);
  }
}
