package dev.nkms.network.transport;

import dev.nkms.protocol.NodeMetadata;

/**
 * Turns a node's metadata into a way of talking to it. Production: {@link
 * HttpsNodeClient#factory()}. Alice and Bob call it, and the returned {@link NodeApi}, from several
 * threads at once: both must be thread-safe.
 */
@FunctionalInterface
public interface NodeApiFactory {
  NodeApi connect(NodeMetadata node);
}
