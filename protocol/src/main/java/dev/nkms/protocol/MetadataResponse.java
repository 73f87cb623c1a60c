package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A teacher's answer to a {@link MetadataRequest}, signed by the teacher: its fleet state, and —
 * unless the states match — every node it knows (strictly ascending by address, so there are no
 * duplicates and the bytes are canonical); the federated registry document if the learner's is
 * older; and the nodes the teacher's health checks currently find unhealthy.
 *
 * <p>Parsing takes the teacher's key and checks the signature before reading the payload, so a
 * stranger's bytes cost one signature verification; every list is bounded before it is allocated.
 */
public final class MetadataResponse {
  public static final String BRAND = "MdRs";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  private static final String PURPOSE = "metadata-response";

  /**
   * At most this many nodes per answer; a learner never holds more than it can verify in one round.
   */
  public static final int MAX_NODES = 10_000;

  public static final int MAX_REGISTRY_BYTES = 12 * 1024 * 1024;
  public static final int MAX_SIZE = 24 * 1024 * 1024;

  private final NodeAddress teacher;
  private final FleetState fleetState;
  private final Instant timestamp;
  private final List<NodeMetadata> nodes;
  private final Optional<byte[]> registry;
  private final Set<NodeAddress> unhealthy;
  private final byte[] bytes;

  private MetadataResponse(
      NodeAddress teacher,
      FleetState fleetState,
      Instant timestamp,
      List<NodeMetadata> nodes,
      Optional<byte[]> registry,
      Set<NodeAddress> unhealthy,
      byte[] bytes) {
    this.teacher = teacher;
    this.fleetState = fleetState;
    this.timestamp = timestamp;
    this.nodes = nodes;
    this.registry = registry;
    this.unhealthy = unhealthy;
    this.bytes = bytes;
  }

  /**
   * Signs an answer. {@code nodes} are sent in address order (one per address, the caller's
   * newest); at most {@link #MAX_NODES} of each list.
   */
  public static MetadataResponse sign(
      Signer teacher,
      FleetState fleetState,
      Instant timestamp,
      Collection<NodeMetadata> nodes,
      Optional<byte[]> registry,
      Collection<NodeAddress> unhealthy,
      RandomSource random) {
    List<NodeMetadata> sorted = new ArrayList<>(nodes);
    sorted.sort((a, b) -> a.address().compareTo(b.address()));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).address().equals(sorted.get(i - 1).address())) {
        throw new IllegalArgumentException("two metadata for " + sorted.get(i).address());
      }
    }
    TreeSet<NodeAddress> bad = new TreeSet<>(unhealthy);
    if (sorted.size() > MAX_NODES || bad.size() > MAX_NODES) {
      throw new IllegalArgumentException("at most " + MAX_NODES + " nodes per answer");
    }
    if (registry.isPresent()
        && (registry.get().length == 0 || registry.get().length > MAX_REGISTRY_BYTES)) {
      throw new IllegalArgumentException(
          "a registry document is 1.." + MAX_REGISTRY_BYTES + " bytes");
    }
    MsgpackWriter w =
        new MsgpackWriter()
            .array(6)
            .bin(NodeAddress.of(teacher.verifyingKey()).toBytes())
            .bin(fleetState.checksum())
            .uint(timestamp.toEpochMilli())
            .array(sorted.size());
    for (NodeMetadata n : sorted) {
      w.bin(n.toBytes());
    }
    w.bin(registry.orElse(new byte[0])).array(bad.size());
    for (NodeAddress a : bad) {
      w.bin(a.toBytes());
    }
    byte[] payload = w.toBytes();
    byte[] bytes =
        SignedEnvelope.encode(
            BRAND, MAJOR, MINOR, payload, Signing.sign(teacher, PURPOSE, payload, random));
    return new MetadataResponse(
        NodeAddress.of(teacher.verifyingKey()),
        fleetState,
        timestamp,
        List.copyOf(sorted),
        registry.map(byte[]::clone),
        Set.copyOf(bad),
        bytes);
  }

  /**
   * Parses an answer from the teacher whose verifying key is {@code teacherKey}.
   *
   * @throws BadSignatureException if the teacher did not sign it, or a node's metadata is not
   *     self-signed
   * @throws WireFormatException for anything else malformed, out of order, duplicated or oversized
   */
  public static MetadataResponse fromBytes(byte[] bytes, PublicKey teacherKey)
      throws WireFormatException {
    Objects.requireNonNull(teacherKey);
    SignedEnvelope env = SignedEnvelope.decode(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    if (!Signing.verify(env.signature, teacherKey, PURPOSE, env.payload)) {
      throw new BadSignatureException(BRAND + ": not signed by the teacher");
    }
    MsgpackReader r = env.payloadReader(BRAND);
    r.struct(6, "response");
    NodeAddress teacher = NodeAddress.read(r, "teacher");
    if (!teacher.equals(NodeAddress.of(teacherKey))) {
      throw r.fail(
          "teacher", "names " + teacher + ", but the signer is " + NodeAddress.of(teacherKey));
    }
    byte[] checksum = r.binExact(FleetState.LENGTH, "fleet_checksum");
    long ts = r.uint(Long.MAX_VALUE, "timestamp");
    int n = r.list(MAX_NODES, "nodes");
    List<NodeMetadata> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] m = r.bin(NodeMetadata.MAX_SIZE, "nodes");
      NodeMetadata parsed;
      try {
        parsed = NodeMetadata.fromBytes(m);
      } catch (WireFormatException e) {
        throw Fields.nested(e, BRAND, "node " + i);
      }
      if (i > 0 && parsed.address().compareTo(nodes.get(i - 1).address()) <= 0) {
        throw r.fail("nodes", "node " + i + " is not in strictly ascending address order");
      }
      nodes.add(parsed);
    }
    byte[] registry = r.bin(MAX_REGISTRY_BYTES, "registry");
    int u = r.list(MAX_NODES, "unhealthy");
    TreeSet<NodeAddress> unhealthy = new TreeSet<>();
    for (int i = 0; i < u; i++) {
      if (!unhealthy.add(NodeAddress.read(r, "unhealthy"))) {
        throw r.fail("unhealthy", "an address is listed twice");
      }
    }
    r.end();
    return new MetadataResponse(
        teacher,
        FleetState.ofChecksum(checksum),
        Instant.ofEpochMilli(ts),
        List.copyOf(nodes),
        registry.length == 0 ? Optional.empty() : Optional.of(registry),
        Set.copyOf(unhealthy),
        bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public NodeAddress teacher() {
    return teacher;
  }

  public FleetState fleetState() {
    return fleetState;
  }

  public Instant timestamp() {
    return timestamp;
  }

  /** Empty when the teacher's state matched the learner's ("same"). */
  public List<NodeMetadata> nodes() {
    return nodes;
  }

  public Optional<byte[]> registry() {
    return registry.map(byte[]::clone);
  }

  public Set<NodeAddress> unhealthy() {
    return unhealthy;
  }
}
