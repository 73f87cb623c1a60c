package dev.nkms.daemon;

import dev.nkms.client.Nkms;
import dev.nkms.client.NkmsException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.transport.SelfSignedCertificate;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API server (docs/api.md): every route of {@link ApiRoute}, registered from that one
 * list, with the handlers of {@link PolicyHandlers}, {@link ObjectHandlers} and {@link
 * MessageHandlers}. Everything under {@code /v1} needs the bearer token; every error is problem
 * details; nothing a client sends stops it.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  static final String JSON = "application/json";
  static final String BINARY = "application/octet-stream";

  /**
   * Request attribute: a handler already answered with a problem; error pages must not replace it.
   */
  private static final String ANSWERED = "nkms.problem-written";

  /** An oversized body is read and dropped up to this many times the limit, so the 413 arrives. */
  private static final int DRAIN_FACTOR = 4;

  private final Javalin app;
  private final DaemonOptions options;
  private final BearerToken token;

  private Daemon(Javalin app, DaemonOptions options, BearerToken token) {
    this.app = app;
    this.options = options;
    this.token = token;
  }

  /**
   * Draws a token, writes it (and with TLS the certificate) to the state directory, and starts
   * serving {@code nkms}. The caller keeps ownership of {@code nkms}.
   */
  public static Daemon start(Nkms nkms, DaemonOptions options, Clock clock, RandomSource random)
      throws IOException {
    BearerToken token = BearerToken.random(random);
    token.writeTo(options.tokenFile());
    KeyStore tls = null;
    char[] tlsPassword = null;
    if (options.tls()) {
      SelfSignedCertificate cert = SelfSignedCertificate.generate(List.of(options.host()), clock);
      tlsPassword = Base64.getEncoder().encodeToString(random.nextBytes(18)).toCharArray();
      tls = cert.keyStore(tlsPassword);
      writePem(options.certificateFile(), cert.certificateDer());
    }
    Map<ApiRoute, Handler> handlers = new EnumMap<>(ApiRoute.class);
    new PolicyHandlers(nkms, clock).register(handlers);
    new ObjectHandlers(nkms).register(handlers);
    new MessageHandlers(nkms).register(handlers);
    new ConsoleHandlers().register(handlers);
    for (ApiRoute r : ApiRoute.values()) {
      if (!handlers.containsKey(r)) {
        throw new IllegalStateException("no handler for " + r.describe());
      }
    }
    KeyStore keyStore = tls;
    char[] keyStorePassword = tlsPassword;
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              // Data streams through; a compressing wrapper would buffer it and hide truncation.
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.http.prefer405over404 = true;
              config.jetty.addConnector(
                  (server, httpConfig) -> {
                    ServerConnector connector;
                    if (keyStore == null) {
                      connector =
                          new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                    } else {
                      SslContextFactory.Server ssl = new SslContextFactory.Server();
                      ssl.setKeyStore(keyStore);
                      ssl.setKeyStorePassword(new String(keyStorePassword));
                      ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
                      HttpConfiguration https = new HttpConfiguration(httpConfig);
                      https.addCustomizer(new SecureRequestCustomizer());
                      connector =
                          new ServerConnector(
                              server,
                              new SslConnectionFactory(ssl, "http/1.1"),
                              new HttpConnectionFactory(https));
                    }
                    connector.setHost(options.host());
                    connector.setPort(options.port());
                    return connector;
                  });
              for (ApiRoute r : ApiRoute.values()) {
                Handler h = handlers.get(r);
                Handler guarded =
                    r.access() == ApiRoute.Access.PUBLIC ? h : ctx -> authorized(ctx, token, h);
                config.routes.addHttpHandler(handlerType(r.method()), r.path(), guarded);
              }
              config.routes.exception(
                  JsonBody.BadRequest.class,
                  (e, ctx) -> problem(ctx, Problem.badRequest(e.getMessage())));
              config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e.problem));
              config.routes.exception(NkmsException.class, (e, ctx) -> problem(ctx, Problem.of(e)));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error(
                        "internal error on {} {}: {}", ctx.method(), ctx.path(), e.toString());
                    problem(
                        ctx,
                        Problem.of(
                            500,
                            "internal",
                            "Internal error",
                            "internal error; the daemon keeps serving"));
                  });
              config.routes.error(
                  404,
                  "*",
                  ctx ->
                      unlessAnswered(
                          ctx,
                          Problem.of(
                              404,
                              "no-such-route",
                              "No such route",
                              "no route "
                                  + ctx.method()
                                  + " "
                                  + clip(ctx.path())
                                  + "; see /openapi.json")));
              config.routes.error(
                  405,
                  "*",
                  ctx ->
                      unlessAnswered(
                          ctx,
                          Problem.of(
                              405,
                              "method-not-allowed",
                              "Method not allowed",
                              ctx.method() + " is not allowed on " + clip(ctx.path()))));
              config.routes.error(
                  413,
                  "*",
                  ctx ->
                      unlessAnswered(
                          ctx,
                          Problem.of(
                              413,
                              "too-large",
                              "Request too large",
                              "the request body is too large")));
            });
    try {
      app.start();
    } catch (io.javalin.util.JavalinBindException e) {
      throw new IOException(
          "port "
              + options.port()
              + " on "
              + options.host()
              + " is in use by another program; stop it or choose another with --port",
          e);
    }
    Daemon d = new Daemon(app, options, token);
    LOG.info("nkms daemon serving on {} (token in {})", d.url(), options.tokenFile());
    return d;
  }

  /** {@code http://127.0.0.1:PORT} (https with TLS). */
  public String url() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return (options.tls() ? "https" : "http") + "://" + host + ":" + port();
  }

  public int port() {
    return app.port();
  }

  public Path tokenFile() {
    return options.tokenFile();
  }

  /**
   * The console's address with the token in the fragment (never sent to the server, so never in a
   * log): what {@code nkms daemon} prints for the user to open.
   */
  public String consoleUrl() {
    return url() + "/#token=" + token.reveal();
  }

  @Override
  public void close() {
    app.stop();
  }

  // ------------------------------------------------------------------------------------------
  // shared helpers

  private static HandlerType handlerType(ApiRoute.Method method) {
    return switch (method) {
      case GET -> HandlerType.GET;
      case POST -> HandlerType.POST;
      case PUT -> HandlerType.PUT;
      case PATCH -> HandlerType.PATCH;
      case DELETE -> HandlerType.DELETE;
    };
  }

  private static void authorized(Context ctx, BearerToken token, Handler h) throws Exception {
    if (!token.accepts(ctx.header("Authorization"))) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"nkms\"");
      problem(
          ctx,
          Problem.of(
              401,
              "unauthorized",
              "Unauthorized",
              "send the token from the daemon's token file as Authorization: Bearer TOKEN"));
      return;
    }
    h.handle(ctx);
  }

  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType(JSON).result(JsonBody.MAPPER.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void problem(Context ctx, Problem p) {
    ctx.attribute(ANSWERED, Boolean.TRUE);
    if (ctx.res().isCommitted()) {
      // Data already went out under a 200: cut the connection before the chunked answer's last
      // chunk, so the client sees a broken transfer, never a short body that looks whole.
      ServletContextRequest.getServletContextRequest(ctx.req())
          .getServletChannel()
          .abort(new IOException(p.reason() + ": " + p.detail()));
      return;
    }
    ctx.res().resetBuffer();
    try {
      ctx.status(p.status())
          .contentType(Problem.MEDIA_TYPE)
          .result(JsonBody.MAPPER.writeValueAsBytes(p.toJson()));
    } catch (IOException e) {
      ctx.status(p.status()).result(p.reason());
    }
  }

  private static void unlessAnswered(Context ctx, Problem p) {
    if (ctx.attribute(ANSWERED) == null) {
      problem(ctx, p);
    }
  }

  /**
   * The body, refusing more than {@code max} bytes with 413 (read at most max + 1: an oversized
   * body is never held). The rest of an oversized body is read and dropped up to a bound first:
   * answering with unread input makes the kernel reset the connection, and a client still sending
   * would see the reset instead of the 413.
   */
  static byte[] body(Context ctx, int max) throws IOException {
    long declared = ctx.contentLength();
    InputStream in = ctx.bodyInputStream();
    if (declared > max) {
      drain(in, DRAIN_FACTOR * (long) max);
      throw new ProblemException(tooLarge(max));
    }
    byte[] b = in.readNBytes(max + 1);
    if (b.length > max) {
      drain(in, DRAIN_FACTOR * (long) max);
      throw new ProblemException(tooLarge(max));
    }
    return b;
  }

  private static void drain(InputStream in, long budget) {
    byte[] sink = new byte[64 * 1024];
    try {
      int n;
      while (budget > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, budget))) > 0) {
        budget -= n;
      }
    } catch (IOException e) {
      // the client stopped sending or went away; it gets the 413 if it still listens
    }
  }

  /** The declared body length of a streamed upload; 411 without one. */
  static long declaredLength(Context ctx) {
    long n = ctx.contentLength();
    if (n < 0) {
      throw new ProblemException(
          Problem.of(
              411,
              "length-required",
              "Length required",
              "send the data with a Content-Length (a streamed upload must say its size)"));
    }
    return n;
  }

  static String query(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw new JsonBody.BadRequest("the query parameter \"" + name + "\" is required");
    }
    return v;
  }

  private static Problem tooLarge(int max) {
    return Problem.of(
        413,
        "too-large",
        "Request too large",
        "the body is above " + max + " bytes; stream large data through /v1/objects");
  }

  private static String clip(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }

  private static void writePem(Path file, byte[] der) throws IOException {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END CERTIFICATE-----\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  /** A handler's refusal that is already a problem (status, reason, message). */
  static final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Problem problem;

    ProblemException(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }
  }
}
