package dev.nkms.protocol;

import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Objects;
import java.util.Optional;

/**
 * One learning round's question ({@code POST /v1/node-metadata}): "this is what I know (fleet
 * checksum and registry serial), and this is me" — the announcement is present when the learner is
 * a node. Unsigned: the announced metadata signs itself.
 */
public final class MetadataRequest {
  public static final String BRAND = "MdRq";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_SIZE = 64 + NodeMetadata.MAX_SIZE;

  private final FleetState fleetState;
  private final long registrySerial;
  private final Optional<NodeMetadata> announce;

  public MetadataRequest(
      FleetState fleetState, long registrySerial, Optional<NodeMetadata> announce) {
    this.fleetState = Objects.requireNonNull(fleetState);
    if (registrySerial < 0) {
      throw new IllegalArgumentException("the registry serial is not negative");
    }
    this.registrySerial = registrySerial;
    this.announce = Objects.requireNonNull(announce);
  }

  public static MetadataRequest fromBytes(byte[] bytes) throws WireFormatException {
    MsgpackReader r = Envelope.open(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    r.struct(3, "request");
    byte[] checksum = r.binExact(FleetState.LENGTH, "fleet_checksum");
    long serial = r.uint(Long.MAX_VALUE, "registry_serial");
    int n = r.list(1, "announce");
    Optional<NodeMetadata> announce = Optional.empty();
    if (n == 1) {
      byte[] m = r.bin(NodeMetadata.MAX_SIZE, "announce");
      try {
        announce = Optional.of(NodeMetadata.fromBytes(m));
      } catch (WireFormatException e) {
        throw Fields.nested(e, BRAND, "announce");
      }
    }
    r.end();
    return new MetadataRequest(FleetState.ofChecksum(checksum), serial, announce);
  }

  public byte[] toBytes() {
    MsgpackWriter w =
        new MsgpackWriter()
            .array(3)
            .bin(fleetState.checksum())
            .uint(registrySerial)
            .array(announce.isPresent() ? 1 : 0);
    announce.ifPresent(m -> w.bin(m.toBytes()));
    return Envelope.encode(BRAND, MAJOR, MINOR, w.toBytes());
  }

  /** The learner's fleet state (checksum only). */
  public FleetState fleetState() {
    return fleetState;
  }

  /** The serial of the federated registry the learner holds; 0 when it holds none. */
  public long registrySerial() {
    return registrySerial;
  }

  public Optional<NodeMetadata> announce() {
    return announce;
  }
}
