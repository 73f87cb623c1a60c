/**
 * Talking to one node: {@link dev.nkms.client.transport.NodeApi} (the five calls of docs/http-api.md),
 * {@link dev.nkms.client.transport.HttpsNodeClient} (HTTPS pinned to the certificate fingerprint in the node's
 * signed metadata) and the typed failures ({@link dev.nkms.client.transport.NodeUnreachable},
 * {@link dev.nkms.client.transport.NodeRejected}, {@link dev.nkms.client.transport.NodeMisbehaved}).
 */
package dev.nkms.client.transport;
