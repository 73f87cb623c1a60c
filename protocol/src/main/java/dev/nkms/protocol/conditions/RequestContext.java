package dev.nkms.protocol.conditions;

import java.time.Instant;
import java.util.Map;

/**
 * What a node knows about a re-encryption request when it evaluates conditions: the time (from the
 * node's injected clock), the requester-supplied context, and whether the request is already
 * durably in the access log.
 */
public final class RequestContext {
  private final Instant now;
  private final Map<String, String> requesterContext;
  private final boolean accessLogged;

  public RequestContext(Instant now, Map<String, String> requesterContext, boolean accessLogged) {
    this.now = now;
    this.requesterContext = Map.copyOf(requesterContext);
    this.accessLogged = accessLogged;
  }

  public Instant now() {
    return now;
  }

  public Map<String, String> requesterContext() {
    return requesterContext;
  }

  public boolean accessLogged() {
    return accessLogged;
  }
}
