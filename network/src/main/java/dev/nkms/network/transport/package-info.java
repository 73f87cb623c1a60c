/**
 * Talking to one node: {@link dev.nkms.network.transport.NodeApi} (the five calls of
 * docs/http-api.md), {@link dev.nkms.network.transport.HttpsNodeClient} (HTTPS pinned to the
 * certificate fingerprint in the node's signed metadata), {@link
 * dev.nkms.network.transport.SelfSignedCertificate} (what a node serves and pins), the typed
 * failures ({@link dev.nkms.network.transport.NodeUnreachable}, {@link
 * dev.nkms.network.transport.NodeRejected}, {@link dev.nkms.network.transport.NodeMisbehaved}), and
 * the one JSON codec of the node's status ({@link dev.nkms.network.transport.NodeStatusJson}).
 */
package dev.nkms.network.transport;
