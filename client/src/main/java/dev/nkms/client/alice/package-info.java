/**
 * Alice: grant (m-of-n kfrags delivered in parallel, failed nodes replaced, bounded in time),
 * revoke (signed orders, verified receipts), renew, and decrypting her own data. {@link
 * dev.nkms.client.alice.Policy} is what she keeps.
 */
package dev.nkms.client.alice;
