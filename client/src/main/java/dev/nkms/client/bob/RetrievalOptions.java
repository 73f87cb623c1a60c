package dev.nkms.client.bob;

import dev.nkms.protocol.ReencryptionRequest;
import java.time.Duration;

/**
 * How Bob retrieves: the per-node timeout (default 3 s), the hedge — how many nodes beyond the
 * threshold are asked at once, so one slow node does not delay him (default 1) — and the most
 * capsules per request (default the protocol's maximum; lower it for nodes configured with a
 * smaller limit).
 */
public final class RetrievalOptions {
  public static final Duration DEFAULT_PER_NODE_TIMEOUT = Duration.ofSeconds(3);
  public static final int DEFAULT_HEDGE = 1;

  private final Duration perNodeTimeout;
  private final int hedge;
  private final int maxCapsulesPerRequest;

  public RetrievalOptions(Duration perNodeTimeout, int hedge, int maxCapsulesPerRequest) {
    if (perNodeTimeout == null || perNodeTimeout.isNegative() || perNodeTimeout.isZero()) {
      throw new IllegalArgumentException(
          "the per-node timeout must be positive, got " + perNodeTimeout);
    }
    if (hedge < 0 || hedge > 255) {
      throw new IllegalArgumentException("hedge must be in [0, 255], got " + hedge);
    }
    if (maxCapsulesPerRequest < 1 || maxCapsulesPerRequest > ReencryptionRequest.MAX_CAPSULES) {
      throw new IllegalArgumentException(
          "capsules per request must be in [1, "
              + ReencryptionRequest.MAX_CAPSULES
              + "], got "
              + maxCapsulesPerRequest);
    }
    this.perNodeTimeout = perNodeTimeout;
    this.hedge = hedge;
    this.maxCapsulesPerRequest = maxCapsulesPerRequest;
  }

  public static RetrievalOptions defaults() {
    return new RetrievalOptions(
        DEFAULT_PER_NODE_TIMEOUT, DEFAULT_HEDGE, ReencryptionRequest.MAX_CAPSULES);
  }

  public RetrievalOptions withPerNodeTimeout(Duration timeout) {
    return new RetrievalOptions(timeout, hedge, maxCapsulesPerRequest);
  }

  public RetrievalOptions withHedge(int extraNodes) {
    return new RetrievalOptions(perNodeTimeout, extraNodes, maxCapsulesPerRequest);
  }

  public RetrievalOptions withMaxCapsulesPerRequest(int max) {
    return new RetrievalOptions(perNodeTimeout, hedge, max);
  }

  public Duration perNodeTimeout() {
    return perNodeTimeout;
  }

  public int hedge() {
    return hedge;
  }

  public int maxCapsulesPerRequest() {
    return maxCapsulesPerRequest;
  }

  @Override
  public String toString() {
    return "RetrievalOptions[timeout "
        + perNodeTimeout.toMillis()
        + " ms, hedge "
        + hedge
        + ", "
        + maxCapsulesPerRequest
        + " capsules per request]";
  }
}
