/**
 * Encrypting data for a policy key (Enrico) and the sealed-message format: {@code u32be(len(kit)) ‖ MessageKit ‖
 * AES-256-GCM chunks}, each chunk bound to its index, to whether it is the last, and to the exact kit, so chunks
 * cannot be reordered, dropped, appended or moved to another message.
 */
package dev.nkms.client.message;
