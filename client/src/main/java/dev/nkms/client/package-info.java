/**
 * The nkms client: the high-level API for data owners, data sources and recipients.
 *
 * <ul>
 *   <li>{@link dev.nkms.client.alice} — Alice: grant, revoke, renew, decrypt her own data; {@code Policy}.
 *   <li>{@link dev.nkms.client.bob} — Bob: parallel, hedged, verified retrieval; typed failures; resumable state.
 *   <li>{@link dev.nkms.client.message} — Enrico and the chunked sealed-message format.
 *   <li>{@link dev.nkms.protocol.keys} — Alice's and Bob's keys, Bob's public card.
 *   <li>{@link dev.nkms.network.transport} — one node over pinned HTTPS, and the typed node failures.
 * </ul>
 *
 * {@code dev.nkms.client.internal} is not API.
 */
package dev.nkms.client;
