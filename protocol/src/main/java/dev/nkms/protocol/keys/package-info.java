/** Alice's and Bob's key material, and Bob's public card that Alice grants to. */
package dev.nkms.protocol.keys;
