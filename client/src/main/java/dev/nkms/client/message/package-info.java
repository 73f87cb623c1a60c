/**
 * Encrypting data for a policy key (Enrico), into the sealed-message format of {@code
 * dev.nkms.protocol.message}.
 */
package dev.nkms.client.message;
