/**
 * Bob: opens a treasure map, asks threshold + hedge nodes in parallel for cfrags (one batched
 * request per node), verifies every answer, names misbehaving nodes with the evidence, resumes
 * partial retrievals, and decrypts.
 */
package dev.nkms.client.bob;
