/**
 * The nkms client: {@link dev.nkms.client.Nkms}, the API for applications ({@link
 * dev.nkms.client.NkmsConfig}, {@link dev.nkms.client.NkmsException}), over the characters below.
 *
 * <ul>
 *   <li>{@link dev.nkms.client.alice} — Alice: grant, revoke, renew, decrypt her own data; {@code
 *       Policy}.
 *   <li>{@link dev.nkms.client.bob} — Bob: parallel, hedged, verified retrieval; typed failures;
 *       resumable state.
 *   <li>{@link dev.nkms.client.message} — Enrico, who writes the sealed-message format of {@code
 *       dev.nkms.protocol.message}.
 *   <li>{@link dev.nkms.client.connect} — finding the network, opening a user's keystore.
 *   <li>{@link dev.nkms.protocol.keys} — Alice's and Bob's keys, Bob's public card.
 *   <li>{@link dev.nkms.network.transport} — one node over pinned HTTPS, and the typed node
 *       failures.
 * </ul>
 *
 * {@code dev.nkms.client.internal} is not API.
 */
package dev.nkms.client;
