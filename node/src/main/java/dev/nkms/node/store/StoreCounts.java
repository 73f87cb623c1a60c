package dev.nkms.node.store;

/** How many rows each table holds: policies held, revocations accepted, access-log entries. */
public record StoreCounts(long policies, long revocations, long accessLogEntries) {}
