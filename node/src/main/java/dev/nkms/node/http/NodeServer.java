package dev.nkms.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.network.transport.NodeStatusJson;
import dev.nkms.node.service.Metrics;
import dev.nkms.node.service.ReencryptionService;
import dev.nkms.node.service.RefusedException;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.http.NodeStatus;
import dev.nkms.protocol.http.Routes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTPS endpoints (docs/http-api.md). Handlers are thin: read at most the configured
 * number of bytes, call the service, map a refusal to its status and JSON error. Nothing a client
 * sends can stop the server.
 */
public final class NodeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BINARY = "application/octet-stream";

  /**
   * Request attribute: a refusal already wrote its JSON, so Javalin's status handlers must not
   * replace it.
   */
  private static final String ERROR_WRITTEN = "nkms.error-written";

  /**
   * Oversized bodies are read and dropped up to this many times the limit, so the 413 reaches the
   * client.
   */
  private static final long DRAIN_FACTOR = 16;

  private final Javalin app;
  private final String bindHost;
  private final int bindPort;

  /** The learning loop's teacher side: request bytes in, signed answer bytes out, or a refusal. */
  public interface Teacher {
    byte[] answer(byte[] request) throws RefusedException;
  }

  /** What the status endpoint shows; supplied by the runtime so this class stays HTTP-only. */
  public interface StatusSource {
    NodeStatus status();
  }

  public NodeServer(
      String bindHost,
      int port,
      KeyStore tlsKeyStore,
      char[] tlsKeyStorePassword,
      ReencryptionService service,
      Supplier<byte[]> metadata,
      Teacher teacher,
      StatusSource status,
      Metrics metrics,
      long maxRequestBytes) {
    this.bindHost = bindHost;
    this.bindPort = port;
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = maxRequestBytes;
              config.jetty.addConnector(
                  (server, httpConfig) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStore(tlsKeyStore);
                    ssl.setKeyStorePassword(new String(tlsKeyStorePassword));
                    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
                    HttpConfiguration https = new HttpConfiguration(httpConfig);
                    // Clients pin the certificate, not a name: accept any SNI host (e.g. 127.0.0.1,
                    // or a changed IP).
                    SecureRequestCustomizer src = new SecureRequestCustomizer();
                    src.setSniHostCheck(false);
                    https.addCustomizer(src);
                    ServerConnector connector =
                        new ServerConnector(
                            server,
                            new SslConnectionFactory(ssl, "http/1.1"),
                            new HttpConnectionFactory(https));
                    connector.setHost(bindHost);
                    connector.setPort(port);
                    return connector;
                  });
              route(
                  config, Routes.METADATA, ctx -> ctx.contentType(BINARY).result(ready(metadata)));
              route(
                  config,
                  Routes.NODE_METADATA,
                  ctx -> {
                    byte[] request = body(ctx, MetadataRequest.MAX_SIZE);
                    ready(metadata);
                    ctx.contentType(BINARY).result(teacher.answer(request));
                  });
              route(
                  config,
                  Routes.KFRAGS,
                  ctx -> {
                    ReencryptionService.Accepted a =
                        service.acceptKFrag(body(ctx, maxRequestBytes));
                    json(ctx, 200, Map.of("hrac", a.hrac.toHex(), "revision", a.revision));
                  });
              route(
                  config,
                  Routes.RENEW,
                  ctx -> {
                    ReencryptionService.Accepted a = service.renew(body(ctx, maxRequestBytes));
                    json(ctx, 200, Map.of("hrac", a.hrac.toHex(), "revision", a.revision));
                  });
              route(
                  config,
                  Routes.REENCRYPT,
                  ctx ->
                      ctx.contentType(BINARY)
                          .result(service.reencrypt(body(ctx, maxRequestBytes))));
              route(
                  config,
                  Routes.REVOKE,
                  ctx ->
                      ctx.contentType(BINARY).result(service.revoke(body(ctx, maxRequestBytes))));
              route(
                  config,
                  Routes.POLICY_STATUS,
                  ctx ->
                      ctx.contentType(BINARY).result(service.status(body(ctx, maxRequestBytes))));
              route(
                  config,
                  Routes.STATUS,
                  ctx -> {
                    ready(metadata);
                    NodeStatus s = status.status();
                    String accept = ctx.header("Accept");
                    if ("html".equals(ctx.queryParam("format"))
                        || (accept != null && accept.contains("text/html"))) {
                      ctx.contentType("text/html; charset=utf-8")
                          .result(StatusPage.render(NodeStatusJson.toTree(s)));
                    } else {
                      ctx.status(200)
                          .contentType("application/json")
                          .result(NodeStatusJson.toBytes(s));
                    }
                  });
              route(
                  config,
                  Routes.METRICS,
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.render()));
              config.routes.exception(
                  AlreadyAnswered.class,
                  (e, ctx) -> metrics.count("nkms_http_responses_total", "status=\"413\"", 1));
              config.routes.exception(
                  RefusedException.class,
                  (e, ctx) -> {
                    metrics.count(
                        "nkms_http_responses_total", "status=\"" + e.code().status() + "\"", 1);
                    error(ctx, e.code(), e.getMessage());
                  });
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error(
                        "internal error on {} {}: {}", ctx.method(), ctx.path(), e.toString());
                    error(ctx, ErrorCode.INTERNAL, "internal error; the node keeps serving");
                  });
              // Statuses Javalin or Jetty set themselves get the same JSON shape; refusals already
              // wrote theirs.
              config.routes.error(
                  ErrorCode.NOT_FOUND.status(),
                  "*",
                  ctx ->
                      errorUnlessWritten(
                          ctx,
                          ErrorCode.NOT_FOUND,
                          "no such endpoint: " + ctx.method() + " " + ctx.path()));
              config.routes.error(
                  ErrorCode.METHOD_NOT_ALLOWED.status(),
                  "*",
                  ctx ->
                      errorUnlessWritten(ctx, ErrorCode.METHOD_NOT_ALLOWED, "method not allowed"));
              config.routes.error(
                  ErrorCode.TOO_LARGE.status(),
                  "*",
                  ctx ->
                      errorUnlessWritten(
                          ctx,
                          ErrorCode.TOO_LARGE,
                          "request body above " + maxRequestBytes + " bytes"));
            });
  }

  /**
   * Registers {@code handler} for the route's method and path: both come from the one vocabulary.
   */
  private static void route(JavalinConfig config, Routes route, Handler handler) {
    switch (route.method()) {
      case GET -> config.routes.get(route.path(), handler);
      case POST -> config.routes.post(route.path(), handler);
      default -> throw new IllegalArgumentException("no registration for method " + route.method());
    }
  }

  /**
   * @throws PortInUseException when another program holds the port
   */
  public NodeServer start() throws PortInUseException {
    try {
      app.start();
    } catch (io.javalin.util.JavalinBindException e) {
      throw new PortInUseException(bindHost, bindPort, e);
    }
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  /** The node's signed metadata, or a 503 in the moment between binding the port and signing it. */
  private static byte[] ready(Supplier<byte[]> metadata) throws RefusedException {
    byte[] m = metadata.get();
    if (m == null) {
      throw new RefusedException(ErrorCode.BUSY, "the node is starting; retry shortly");
    }
    return m;
  }

  /** Reads the body, refusing more than {@code max} bytes without buffering them. */
  private static byte[] body(Context ctx, long max) throws IOException, AlreadyAnswered {
    long declared = ctx.contentLength();
    InputStream in = ctx.bodyInputStream();
    if (declared > max) {
      tooLarge(ctx, in, max, "request body of " + declared + " bytes; the limit is " + max);
    }
    byte[] b = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
    if (b.length > max) {
      tooLarge(ctx, in, max, "request body above " + max + " bytes");
    }
    return b;
  }

  /**
   * Answers 413 at once (a client that stops sending still gets it), then reads and drops the rest
   * of the body up to a bound: closing with unread input makes the kernel reset the connection, and
   * a client still sending would see the reset instead of the 413.
   */
  private static void tooLarge(Context ctx, InputStream in, long max, String message)
      throws IOException, AlreadyAnswered {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", ErrorCode.TOO_LARGE.wire());
    body.put("message", message);
    byte[] json = JSON.writeValueAsBytes(body);
    ctx.attribute(ERROR_WRITTEN, ErrorCode.TOO_LARGE.wire());
    ctx.res().setStatus(ErrorCode.TOO_LARGE.status());
    ctx.res().setContentType("application/json");
    ctx.res().setHeader("Connection", "close");
    ctx.res().setContentLength(json.length);
    ctx.res().getOutputStream().write(json);
    ctx.res().flushBuffer();
    drain(in, max);
    throw new AlreadyAnswered();
  }

  /** The handler already wrote and committed its response. */
  private static final class AlreadyAnswered extends Exception {
    AlreadyAnswered() {
      super(null, null, false, false);
    }
  }

  private static void drain(InputStream in, long max) {
    long budget = DRAIN_FACTOR * max;
    byte[] sink = new byte[8192];
    try {
      int n;
      while (budget > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, budget))) > 0) {
        budget -= n;
      }
    } catch (IOException e) {
      // the client went away or stopped sending; it already has its answer
    }
  }

  private static void json(Context ctx, int status, Map<String, ?> body) throws IOException {
    ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
  }

  private static void errorUnlessWritten(Context ctx, ErrorCode code, String message) {
    if (ctx.attribute(ERROR_WRITTEN) == null) {
      error(ctx, code, message);
    }
  }

  private static void error(Context ctx, ErrorCode code, String message) {
    ctx.attribute(ERROR_WRITTEN, code.wire());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code.wire());
    body.put("message", message);
    try {
      json(ctx, code.status(), body);
    } catch (IOException e) {
      ctx.status(code.status()).result(code.wire());
    }
  }
}
