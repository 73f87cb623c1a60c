package dev.nkms.daemon;

import java.util.Arrays;
import java.util.List;

/**
 * Every route the daemon serves — the one list the server registers, the OpenAPI document is
 * checked against, and the docs name. Paths use OpenAPI's {@code {name}} template syntax, which is
 * also Javalin's.
 */
public enum ApiRoute {
  OPENAPI(Method.GET, "/openapi.json", Access.PUBLIC),
  CONSOLE(Method.GET, "/", Access.PUBLIC),
  CONSOLE_ASSET(Method.GET, "/console/{asset}", Access.PUBLIC),

  IDENTITY(Method.GET, "/v1/identity", Access.TOKEN),
  NODES(Method.GET, "/v1/nodes", Access.TOKEN),

  POLICIES(Method.GET, "/v1/policies", Access.TOKEN),
  SHARE(Method.POST, "/v1/policies", Access.TOKEN),
  POLICY(Method.GET, "/v1/policies/{policy}", Access.TOKEN),
  UPDATE_POLICY(Method.PATCH, "/v1/policies/{policy}", Access.TOKEN),
  DELETE_POLICY(Method.DELETE, "/v1/policies/{policy}", Access.TOKEN),
  RENEW(Method.POST, "/v1/policies/{policy}/renew", Access.TOKEN),
  REVOKE(Method.POST, "/v1/policies/{policy}/revoke", Access.TOKEN),
  POLICY_AT_NODES(Method.GET, "/v1/policies/{policy}/nodes", Access.TOKEN),

  OBJECTS(Method.GET, "/v1/objects", Access.TOKEN),
  WRITE(Method.PUT, "/v1/objects", Access.TOKEN),
  DELETE_OBJECT(Method.DELETE, "/v1/objects", Access.TOKEN),
  READ_OWN(Method.GET, "/v1/objects/content", Access.TOKEN),
  READ(Method.POST, "/v1/read", Access.TOKEN),

  ENCRYPT(Method.POST, "/v1/encrypt", Access.TOKEN),
  DECRYPT(Method.POST, "/v1/decrypt", Access.TOKEN),
  RETRIEVE(Method.POST, "/v1/retrieve", Access.TOKEN),
  SPLIT_EDEK(Method.POST, "/v1/split-edek", Access.TOKEN);

  /** The HTTP methods the daemon uses. */
  public enum Method {
    GET,
    POST,
    PUT,
    PATCH,
    DELETE
  }

  /** Whether a request needs the bearer token. */
  public enum Access {
    /** The OpenAPI document and the console's static files: nothing secret. */
    PUBLIC,
    TOKEN
  }

  private final Method method;
  private final String path;
  private final Access access;

  ApiRoute(Method method, String path, Access access) {
    this.method = method;
    this.path = path;
    this.access = access;
  }

  public Method method() {
    return method;
  }

  public String path() {
    return path;
  }

  public Access access() {
    return access;
  }

  /** {@code "GET /v1/nodes"}: how a route is named in messages and tests. */
  public String describe() {
    return method + " " + path;
  }

  public static List<ApiRoute> all() {
    return Arrays.asList(values());
  }
}
