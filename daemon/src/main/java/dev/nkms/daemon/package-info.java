/**
 * The local API server for applications that are not Java (docs/api.md): every verb of the {@link
 * dev.nkms.client.Nkms} facade over HTTP — JSON for control, raw streaming bodies for data — behind
 * a bearer token, with errors as RFC 9457 problem details, an OpenAPI 3 document at {@code
 * /openapi.json}, and the data owner's web console at {@code /}.
 */
package dev.nkms.daemon;
