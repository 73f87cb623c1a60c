package dev.nkms.registry;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/**
 * The Ethereum-style address of a stake's owner (the operator). One operator may run several nodes;
 * selection caps how many of a policy's nodes one operator may hold.
 */
public final class OperatorAddress implements Comparable<OperatorAddress> {
  public static final int LENGTH = 20;
  private final byte[] bytes;

  private OperatorAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  public static OperatorAddress of(byte[] bytes) {
    Objects.requireNonNull(bytes);
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("an operator address is 20 bytes, got " + bytes.length);
    }
    return new OperatorAddress(bytes.clone());
  }

  /** Parses {@code 0x} + 40 hex digits (the prefix is optional). */
  public static OperatorAddress fromHex(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (!h.matches("[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException(
          "operator address: expected 40 hex digits, got '" + hex + "'");
    }
    return new OperatorAddress(Hex.decode(h));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return "0x" + Hex.toHexString(bytes);
  }

  @Override
  public int compareTo(OperatorAddress o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OperatorAddress && Arrays.equals(bytes, ((OperatorAddress) o).bytes);
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
