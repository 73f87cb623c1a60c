package dev.nkms.daemon;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OpenAPI document and the web console's static files, from the class path. Public: they hold
 * nothing secret; the console asks for the token and sends it with each API call.
 */
final class ConsoleHandlers {
  static final String OPENAPI = "/dev/nkms/daemon/openapi.json";
  static final String CONSOLE = "/dev/nkms/daemon/console/";
  private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,40}\\.(js|css)");
  private static final Map<String, String> TYPES =
      Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

  void register(Map<ApiRoute, Handler> h) {
    h.put(ApiRoute.OPENAPI, ctx -> serve(ctx, OPENAPI, Daemon.JSON));
    h.put(ApiRoute.CONSOLE, ctx -> serve(ctx, CONSOLE + "index.html", "text/html; charset=utf-8"));
    h.put(
        ApiRoute.CONSOLE_ASSET,
        ctx -> {
          String asset = ctx.pathParam("asset");
          if (!ASSET.matcher(asset).matches()) {
            throw new Daemon.ProblemException(Problem.notFound("no console file " + asset));
          }
          serve(ctx, CONSOLE + asset, TYPES.get(asset.substring(asset.lastIndexOf('.') + 1)));
        });
  }

  private static void serve(Context ctx, String resource, String type) {
    try (InputStream in = ConsoleHandlers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new Daemon.ProblemException(Problem.notFound("no console file " + resource));
      }
      ctx.header("Cache-Control", "no-cache")
          .header("X-Content-Type-Options", "nosniff")
          .header(
              "Content-Security-Policy",
              "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'")
          .status(200)
          .contentType(type)
          .result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
