package dev.nkms.protocol;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.util.encoders.Hex;

/**
 * A node's address: the Ethereum-style address of its verifying key (last 20 bytes of Keccak-256
 * over the uncompressed x ‖ y), so the same identity can later be bound to a stake on chain.
 */
public final class NodeAddress implements Comparable<NodeAddress> {
  public static final int LENGTH = 20;
  private final byte[] bytes;

  private NodeAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  public static NodeAddress of(PublicKey verifyingKey) {
    byte[] xy = Arrays.copyOfRange(verifyingKey.point().toUncompressed(), 1, 65);
    KeccakDigest k = new KeccakDigest(256);
    k.update(xy, 0, xy.length);
    byte[] h = new byte[32];
    k.doFinal(h, 0);
    return new NodeAddress(Arrays.copyOfRange(h, 12, 32));
  }

  /**
   * The address from its 20 raw bytes (as read from a wire field that already checked the length).
   */
  public static NodeAddress of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a node address is 20 bytes, got " + bytes.length);
    }
    return new NodeAddress(bytes.clone());
  }

  public static NodeAddress fromHex(String hex) throws WireFormatException {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (!h.matches("[0-9a-fA-F]{40}")) {
      throw new WireFormatException("node address: expected 40 hex digits, got '" + hex + "'");
    }
    return new NodeAddress(Hex.decode(h));
  }

  static NodeAddress read(MsgpackReader r, String field) throws WireFormatException {
    return new NodeAddress(r.binExact(LENGTH, field));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return "0x" + Hex.toHexString(bytes);
  }

  @Override
  public int compareTo(NodeAddress o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeAddress && Arrays.equals(bytes, ((NodeAddress) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
