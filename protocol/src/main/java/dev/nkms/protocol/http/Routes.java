package dev.nkms.protocol.http;

/**
 * The node's HTTP routes (docs/http-api.md): the one place their methods and paths are written. The
 * server registers exactly these and the client calls exactly these.
 */
public enum Routes {
  METADATA(Method.GET, "/v1/metadata"),
  NODE_METADATA(Method.POST, "/v1/node-metadata"),
  KFRAGS(Method.POST, "/v1/kfrags"),
  RENEW(Method.POST, "/v1/renew"),
  REENCRYPT(Method.POST, "/v1/reencrypt"),
  REVOKE(Method.POST, "/v1/revoke"),
  POLICY_STATUS(Method.POST, "/v1/policy-status"),
  STATUS(Method.GET, "/v1/status"),
  METRICS(Method.GET, "/metrics");

  /** The two methods the API uses: GET carries no body, POST carries one protocol object. */
  public enum Method {
    GET,
    POST
  }

  private final Method method;
  private final String path;

  Routes(Method method, String path) {
    this.method = method;
    this.path = path;
  }

  public Method method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** As docs/http-api.md writes it, e.g. {@code POST /v1/kfrags}. */
  public String display() {
    return method + " " + path;
  }
}
