package dev.nkms.node.health;

import dev.nkms.protocol.NodeAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;

/**
 * What the latest health-check round found about one node.
 *
 * <p>The verdict depends on that round only: {@link Verdict#UNHEALTHY} if any check FAILED; {@link
 * Verdict#HEALTHY} if all three PASSED; otherwise (none failed, at least one INCONCLUSIVE) {@link
 * Verdict#UNKNOWN}. {@code consecutiveFailures} counts the UNHEALTHY rounds since the last HEALTHY
 * one: an UNHEALTHY round adds one, a HEALTHY round resets it to 0, an UNKNOWN round leaves it as
 * it was.
 */
public record HealthRecord(
    NodeAddress peer,
    Instant checkedAt,
    Map<HealthCheck, CheckResult> results,
    int consecutiveFailures) {

  public enum Verdict {
    HEALTHY,
    UNHEALTHY,
    UNKNOWN
  }

  public HealthRecord {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(results, "results");
    if (!results.keySet().equals(EnumSet.allOf(HealthCheck.class))
        || results.values().stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(
          "a record has one result for each of " + EnumSet.allOf(HealthCheck.class));
    }
    results = Collections.unmodifiableMap(new EnumMap<>(results));
    Verdict v = verdictOf(results);
    boolean consistent =
        switch (v) {
          case HEALTHY -> consecutiveFailures == 0;
          case UNHEALTHY -> consecutiveFailures >= 1;
          case UNKNOWN -> consecutiveFailures >= 0;
        };
    if (!consistent) {
      throw new IllegalArgumentException(
          consecutiveFailures + " consecutive failures contradict the verdict " + v);
    }
  }

  /**
   * The record of a round that found {@code results}, following {@code previous} (null for the
   * first round).
   */
  public static HealthRecord after(
      HealthRecord previous,
      NodeAddress peer,
      Instant checkedAt,
      Map<HealthCheck, CheckResult> results) {
    int before = previous == null ? 0 : previous.consecutiveFailures;
    int failures =
        switch (verdictOf(results)) {
          case HEALTHY -> 0;
          case UNHEALTHY -> before + 1;
          case UNKNOWN -> before;
        };
    return new HealthRecord(peer, checkedAt, results, failures);
  }

  public Verdict verdict() {
    return verdictOf(results);
  }

  public CheckResult result(HealthCheck check) {
    return results.get(check);
  }

  private static Verdict verdictOf(Map<HealthCheck, CheckResult> results) {
    if (results.values().stream().anyMatch(CheckResult::isFailed)) {
      return Verdict.UNHEALTHY;
    }
    return results.values().stream().allMatch(CheckResult::isPassed)
        ? Verdict.HEALTHY
        : Verdict.UNKNOWN;
  }
}
