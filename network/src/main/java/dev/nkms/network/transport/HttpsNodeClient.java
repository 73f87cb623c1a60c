package dev.nkms.network.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.http.NodeStatus;
import dev.nkms.protocol.http.Routes;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.bouncycastle.util.encoders.Hex;

/**
 * {@link NodeApi} over HTTPS with the JDK {@link HttpClient}, pinned to the node's certificate: the
 * TLS handshake succeeds only if SHA-256 of the server's leaf certificate equals the fingerprint in
 * the node's signed metadata (no CA, no hostname check — the pin is the identity). Every call is
 * bounded by the connect timeout plus the request timeout (defaults 2 s and 5 s), and every answer
 * by a size cap, so a node can neither hang nor flood the caller.
 */
public final class HttpsNodeClient implements NodeApi {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final String BINARY = "application/octet-stream";
  private static final int JSON_MAX = 4096;
  private static final int RECEIPT_MAX = 4096;

  /** The status lists known nodes and health verdicts: a few hundred bytes per node. */
  private static final int STATUS_MAX = 8 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeMetadata node;
  private final HttpClient http;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final String where;

  private HttpsNodeClient(
      NodeMetadata node, TrustManager trust, Duration connectTimeout, Duration requestTimeout) {
    this.node = node;
    this.connectTimeout = positive(connectTimeout, "connect timeout");
    this.requestTimeout = positive(requestTimeout, "request timeout");
    this.http = httpClient(trust, connectTimeout);
    this.where = "node " + node.address() + " at " + node.host() + ":" + node.port();
  }

  /** A client for one node with the default timeouts. */
  public static HttpsNodeClient connect(NodeMetadata node) {
    return connect(node, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  public static HttpsNodeClient connect(
      NodeMetadata node, Duration connectTimeout, Duration requestTimeout) {
    return new HttpsNodeClient(
        node, PinningTrustManager.pinned(node.tlsFingerprint()), connectTimeout, requestTimeout);
  }

  /** A factory with the default timeouts that reuses one client per node metadata. */
  public static NodeApiFactory factory() {
    return factory(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  /** A factory that reuses one client (one connection pool) per node metadata. */
  public static NodeApiFactory factory(Duration connectTimeout, Duration requestTimeout) {
    positive(connectTimeout, "connect timeout");
    positive(requestTimeout, "request timeout");
    Map<NodeMetadata, NodeApi> clients = new ConcurrentHashMap<>();
    return node -> clients.computeIfAbsent(node, n -> connect(n, connectTimeout, requestTimeout));
  }

  /**
   * Bootstrap: fetches the metadata of a node known only by host and port. The TLS handshake
   * accepts any certificate; afterwards the certificate actually presented must have the
   * fingerprint that the returned metadata (self-signed, verified when parsed) carries, so a man in
   * the middle would have to forge the node's signature. Trust on first use: the caller learns
   * <em>a</em> node's authentic metadata, not that it is the node they meant — compare the returned
   * address with one obtained out of band where it matters. {@code timeout} bounds the connection
   * and, separately, the request.
   */
  public static NodeMetadata fetchMetadataTrustOnFirstUse(String host, int port, Duration timeout)
      throws NodeException {
    if (host == null || host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("need a host and a port in 1..65535");
    }
    positive(timeout, "timeout");
    String where = "node at " + host + ":" + port;
    HttpClient http = httpClient(PinningTrustManager.acceptAnyForTrustOnFirstUse(), timeout);
    URI uri =
        URI.create(
            "https://"
                + (host.contains(":") ? "[" + host + "]" : host)
                + ":"
                + port
                + Routes.METADATA.path());
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    HttpResponse<byte[]> response =
        exchange(http, request, NodeMetadata.MAX_SIZE, timeout.plus(timeout), where);
    byte[] body = successBody(response, where);
    NodeMetadata metadata;
    try {
      metadata = NodeMetadata.fromBytes(body);
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(where + " answered with invalid metadata: " + e.getMessage(), e);
    }
    byte[] presented = presentedFingerprint(response.sslSession(), where);
    if (!MessageDigest.isEqual(presented, metadata.tlsFingerprint())) {
      throw new NodeMisbehaved(
          where
              + " presented a certificate with fingerprint "
              + Hex.toHexString(presented)
              + " but its signed metadata pins "
              + metadata.tlsFingerprintHex());
    }
    return metadata;
  }

  @Override
  public NodeMetadata metadata() throws NodeException {
    byte[] body = successBody(call(Routes.METADATA, null, NodeMetadata.MAX_SIZE), where);
    NodeMetadata fresh;
    try {
      fresh = NodeMetadata.fromBytes(body);
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(where + " answered with invalid metadata: " + e.getMessage(), e);
    }
    if (!fresh.address().equals(node.address())) {
      throw new NodeMisbehaved(
          where + " answered with the metadata of another node, " + fresh.address());
    }
    return fresh;
  }

  @Override
  public MetadataResponse learn(MetadataRequest request) throws NodeException {
    byte[] body =
        successBody(
            call(Routes.NODE_METADATA, request.toBytes(), MetadataResponse.MAX_SIZE), where);
    try {
      return MetadataResponse.fromBytes(body, node.verifyingKey());
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(
          where + " answered a learning request with an invalid response: " + e.getMessage(), e);
    }
  }

  @Override
  public void deliver(KFragDelivery delivery) throws NodeException {
    acknowledgement(call(Routes.KFRAGS, delivery.toBytes(), JSON_MAX), null, -1);
  }

  @Override
  public void renew(SignedPolicyTerms terms) throws NodeException {
    acknowledgement(
        call(Routes.RENEW, terms.toBytes(), JSON_MAX),
        terms.terms().hrac(),
        terms.terms().revision());
  }

  @Override
  public ReencryptionResponse reencrypt(ReencryptionRequest request) throws NodeException {
    byte[] body =
        successBody(
            call(Routes.REENCRYPT, request.toBytes(), ReencryptionResponse.MAX_SIZE), where);
    try {
      return ReencryptionResponse.fromBytes(body);
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(
          where + " answered with an invalid re-encryption response: " + e.getMessage(), e);
    }
  }

  @Override
  public RevocationReceipt revoke(RevocationOrder order) throws NodeException {
    byte[] body = successBody(call(Routes.REVOKE, order.toBytes(), RECEIPT_MAX), where);
    try {
      return RevocationReceipt.fromBytes(body);
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(
          where + " answered with an invalid revocation receipt: " + e.getMessage(), e);
    }
  }

  @Override
  public PolicyStatus status(PolicyStatusQuery query) throws NodeException {
    byte[] body =
        successBody(call(Routes.POLICY_STATUS, query.toBytes(), PolicyStatus.MAX_SIZE), where);
    PolicyStatus status;
    try {
      status = PolicyStatus.fromBytes(body);
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(
          where + " answered a status query with an invalid status: " + e.getMessage(), e);
    }
    if (!status.isSignedBy(node.verifyingKey())) {
      throw new NodeMisbehaved(
          where + " answered a status query with a status not signed by its key");
    }
    if (!status.hrac().equals(query.hrac()) || !status.node().equals(node.address())) {
      throw new NodeMisbehaved(
          where
              + " answered with the status of policy "
              + status.hrac()
              + " at node "
              + status.node()
              + ", not of "
              + query.hrac()
              + " at "
              + node.address());
    }
    return status;
  }

  /** The node's status ({@code GET /v1/status}), for operators; not part of the signed protocol. */
  public NodeStatus status() throws NodeException {
    byte[] body = successBody(call(Routes.STATUS, null, STATUS_MAX), where);
    try {
      return NodeStatusJson.fromBytes(body);
    } catch (NodeStatusJson.InvalidStatus e) {
      throw new NodeMisbehaved(
          where
              + " answered "
              + Routes.STATUS.path()
              + " not as docs/http-api.md says: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public String toString() {
    return "HttpsNodeClient[" + where + ", pinned " + node.tlsFingerprintHex() + "]";
  }

  /** {@code body} is null exactly for the GET routes. */
  private HttpResponse<byte[]> call(Routes route, byte[] body, int maxAnswer) throws NodeException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(node.baseUrl() + route.path())).timeout(requestTimeout);
    if (route.method() == Routes.Method.GET) {
      b.GET();
    } else {
      b.header("Content-Type", BINARY).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return exchange(http, b.build(), maxAnswer, connectTimeout.plus(requestTimeout), where);
  }

  /** {@code {"hrac": hex, "revision": n}}; checked against what was sent when known. */
  private void acknowledgement(
      HttpResponse<byte[]> response, Hrac expectedHrac, long expectedRevision)
      throws NodeException {
    byte[] body = successBody(response, where);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new NodeMisbehaved(where + " acknowledged with a body that is not JSON");
    }
    if (json == null
        || !json.isObject()
        || !json.path("hrac").isTextual()
        || !json.path("revision").canConvertToLong()
        || json.path("revision").asLong() < 0) {
      throw new NodeMisbehaved(
          where + " acknowledged without the {\"hrac\", \"revision\"} of docs/http-api.md");
    }
    Hrac hrac;
    try {
      hrac = Hrac.fromHex(json.get("hrac").asText());
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(where + " acknowledged with an invalid hrac: " + e.getMessage());
    }
    if (expectedHrac != null
        && (!hrac.equals(expectedHrac) || json.get("revision").asLong() != expectedRevision)) {
      throw new NodeMisbehaved(
          where
              + " acknowledged policy "
              + hrac
              + " revision "
              + json.get("revision").asLong()
              + ", not the "
              + expectedHrac
              + " revision "
              + expectedRevision
              + " that was sent");
    }
  }

  private static byte[] successBody(HttpResponse<byte[]> response, String where)
      throws NodeException {
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    if (status >= 400 && status <= 599) {
      try {
        JsonNode json = JSON.readTree(response.body());
        if (json != null
            && json.isObject()
            && json.path("error").isTextual()
            && json.path("message").isTextual()) {
          String wire = json.get("error").asText();
          Optional<ErrorCode> code = ErrorCode.fromWire(wire);
          if (code.isEmpty() || code.get().status() != status) {
            throw new NodeMisbehaved(
                where
                    + " answered HTTP "
                    + status
                    + " with error code '"
                    + UntrustedText.sanitize(wire, 64)
                    + "', which docs/http-api.md does not pair with that status");
          }
          throw new NodeRejected(code.get(), json.get("message").asText());
        }
      } catch (IOException e) {
        // fall through: not the JSON error body
      }
    }
    throw new NodeMisbehaved(
        where + " answered HTTP " + status + " without the JSON error body of docs/http-api.md");
  }

  private static HttpResponse<byte[]> exchange(
      HttpClient http, HttpRequest request, int maxAnswer, Duration bound, String where)
      throws NodeException {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(
            request, info -> new BoundedBody(info.statusCode() == 200 ? maxAnswer : JSON_MAX));
    try {
      return future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new NodeUnreachable("no answer from " + where + " within " + bound.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new NodeUnreachable("interrupted while waiting for " + where);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), where);
    }
  }

  private static NodeException failure(Throwable cause, String where) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof PinningTrustManager.PinMismatch) {
        return new NodeUnreachable(
            where
                + " is not the pinned node: "
                + t.getMessage()
                + " (stale metadata or an impostor)",
            cause);
      }
      if (t instanceof BoundedBody.TooLarge) {
        return new NodeMisbehaved(where + ": " + t.getMessage(), cause);
      }
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return new NodeUnreachable("could not connect to " + where + " in time", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new NodeUnreachable("no answer from " + where + " in time", cause);
    }
    if (cause instanceof ConnectException) {
      return new NodeUnreachable("could not connect to " + where + ": " + describe(cause), cause);
    }
    return new NodeUnreachable("exchange with " + where + " failed: " + describe(cause), cause);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName()
        + (m == null ? "" : " (" + UntrustedText.sanitize(m, 200) + ")");
  }

  private static byte[] presentedFingerprint(Optional<SSLSession> session, String where)
      throws NodeException {
    try {
      Certificate[] chain =
          session
              .orElseThrow(() -> new NodeMisbehaved(where + ": no TLS session"))
              .getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
        throw new NodeMisbehaved(where + " presented no X.509 certificate");
      }
      return PinningTrustManager.fingerprint((X509Certificate) chain[0]);
    } catch (GeneralSecurityException | javax.net.ssl.SSLPeerUnverifiedException e) {
      throw new NodeMisbehaved(
          where + ": cannot read the presented certificate: " + e.getMessage(), e);
    }
  }

  private static HttpClient httpClient(TrustManager trust, Duration connectTimeout) {
    SSLContext tls;
    try {
      tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trust}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot set up TLS: " + e.getMessage(), e);
    }
    SSLParameters params = new SSLParameters();
    params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(tls)
        .sslParameters(params)
        .build();
  }

  private static Duration positive(Duration d, String what) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}
