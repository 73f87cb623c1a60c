package dev.nkms.chain;

import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * A node's own Ethereum account: its address is the node's address (the one its operator's stake is
 * bound to), so the contracts accept the node's health votes and fee withdrawals for that operator.
 * The node signs its transactions with its identity signing key; transaction hashes (keccak256 of
 * RLP) and nkms signatures (SHA-256 of a domain-tagged message) cannot be confused. It needs a
 * little ETH for gas, sent by its operator.
 */
public final class NodeAccount {
  private NodeAccount() {}

  public static Credentials of(SecretKey nodeSigningKey) {
    byte[] secret = nodeSigningKey.toSecretBytes();
    try {
      Credentials c = Credentials.create(ECKeyPair.create(new BigInteger(1, secret)));
      String expected = NodeAddress.of(nodeSigningKey.publicKey()).toHex();
      if (!c.getAddress().equalsIgnoreCase(expected)) {
        throw new IllegalStateException(
            "the node's Ethereum address " + c.getAddress() + " is not its address " + expected);
      }
      return c;
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
