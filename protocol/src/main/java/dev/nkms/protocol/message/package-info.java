/**
 * The sealed-message format Enrico writes and Bob reads: {@code u32be(len(kit)) ‖ MessageKit ‖
 * AES-256-GCM chunks}, each chunk bound to its index, to whether it is the last, and to the exact
 * kit, so chunks cannot be reordered, dropped, appended or moved to another message
 * (docs/protocol.md).
 */
package dev.nkms.protocol.message;
