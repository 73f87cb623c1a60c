package dev.nkms.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;

/**
 * What a participant knows about the network, as one 32-byte checksum: SHA-256 over the metadata it
 * knows, sorted by node address, each length-prefixed. Two learners with the same checksum know the
 * same nodes in the same versions, so a teacher can answer "same" instead of its whole list.
 */
public final class FleetState {
  public static final int LENGTH = 32;
  private final byte[] checksum;
  private final int population;

  private FleetState(byte[] checksum, int population) {
    this.checksum = checksum;
    this.population = population;
  }

  public static FleetState of(Collection<NodeMetadata> nodes) {
    List<NodeMetadata> sorted =
        nodes.stream().sorted(Comparator.comparing(NodeMetadata::address)).toList();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
    sha.update("nkms/fleet-state".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (NodeMetadata n : sorted) {
      byte[] b = n.toBytes();
      sha.update(new byte[] {(byte) (b.length >>> 8), (byte) b.length});
      sha.update(b);
    }
    return new FleetState(sha.digest(), sorted.size());
  }

  /** The checksum as a peer sent it (population unknown). */
  static FleetState ofChecksum(byte[] checksum) {
    if (checksum.length != LENGTH) {
      throw new IllegalArgumentException("a fleet checksum is 32 bytes");
    }
    return new FleetState(checksum.clone(), -1);
  }

  public byte[] checksum() {
    return checksum.clone();
  }

  /** How many nodes the state covers; -1 for a state received as a bare checksum. */
  public int population() {
    return population;
  }

  /** Same checksum (population is not compared: it is not on the wire). */
  public boolean sameAs(FleetState other) {
    return MessageDigest.isEqual(checksum, other.checksum);
  }

  public String shortHex() {
    return Hex.toHexString(checksum, 0, 4);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FleetState && Arrays.equals(checksum, ((FleetState) o).checksum);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(checksum);
  }

  @Override
  public String toString() {
    return "FleetState[" + shortHex() + (population >= 0 ? ", " + population + " nodes" : "") + "]";
  }
}
