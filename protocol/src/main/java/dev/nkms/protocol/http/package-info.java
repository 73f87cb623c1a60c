/**
 * The node's HTTP vocabulary (docs/http-api.md), shared by the server and its clients so that
 * neither spells a path or an error code on its own: {@link dev.nkms.protocol.http.Routes}, {@link
 * dev.nkms.protocol.http.ErrorCode} and the typed {@code /v1/status} answer, {@link
 * dev.nkms.protocol.http.NodeStatus} (its JSON codec sits with the transport, in module {@code
 * network}, since this module has no JSON).
 */
package dev.nkms.protocol.http;
