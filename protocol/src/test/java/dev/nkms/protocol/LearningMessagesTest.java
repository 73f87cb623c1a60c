package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.NODE_ENCRYPTING;
import static dev.nkms.protocol.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MdRq, MdRs and the fleet state (docs/protocol.md §6.12, §6.13). */
class LearningMessagesTest {
  private static NodeMetadata node(int i, int port) {
    return NodeMetadata.sign(
        Fixtures.nodeSigner(i),
        NODE_ENCRYPTING[i].publicKey(),
        "test",
        "127.0.0.1",
        port,
        Fixtures.bytes(32, i),
        T0,
        Fixtures.random(20 + i));
  }

  private static final List<NodeMetadata> NODES =
      List.of(node(0, 9000), node(1, 9001), node(2, 9002));

  @Test
  void fleetStateDependsOnTheSetAndVersionsNotTheOrder() {
    FleetState a = FleetState.of(NODES);
    FleetState b = FleetState.of(List.of(NODES.get(2), NODES.get(0), NODES.get(1)));
    assertThat(a).isEqualTo(b);
    assertThat(a.sameAs(b)).isTrue();
    assertThat(a.population()).isEqualTo(3);
    assertThat(FleetState.of(NODES.subList(0, 2))).isNotEqualTo(a);
    assertThat(FleetState.of(List.of(NODES.get(0), NODES.get(1), node(2, 9999))))
        .as("a newer version of node 2")
        .isNotEqualTo(a);
    assertThat(FleetState.of(List.of()).checksum()).hasSize(32);
  }

  @Test
  void requestRoundTripsWithAndWithoutAnAnnouncement() throws Exception {
    MetadataRequest r = new MetadataRequest(FleetState.of(NODES), 7, Optional.of(NODES.get(1)));
    MetadataRequest back = MetadataRequest.fromBytes(r.toBytes());
    assertThat(back.fleetState()).isEqualTo(FleetState.of(NODES));
    assertThat(back.registrySerial()).isEqualTo(7);
    assertThat(back.announce()).contains(NODES.get(1));
    assertThat(back.toBytes()).isEqualTo(r.toBytes());
    MetadataRequest client =
        MetadataRequest.fromBytes(
            new MetadataRequest(FleetState.of(List.of()), 0, Optional.empty()).toBytes());
    assertThat(client.announce()).isEmpty();
  }

  @Test
  void requestRefusesGarbageTruncationTwoAnnouncementsAndAForgedAnnouncement() {
    byte[] good = new MetadataRequest(FleetState.of(NODES), 1, Optional.of(NODES.get(0))).toBytes();
    for (int cut = 0; cut < good.length; cut += 7) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThatThrownBy(() -> MetadataRequest.fromBytes(truncated))
          .isInstanceOf(WireFormatException.class);
    }
    byte[] two =
        Envelope.encode(
            "MdRq",
            1,
            0,
            new MsgpackWriter()
                .array(3)
                .bin(new byte[32])
                .uint(0)
                .array(2)
                .bin(NODES.get(0).toBytes())
                .bin(NODES.get(1).toBytes())
                .toBytes());
    assertThatThrownBy(() -> MetadataRequest.fromBytes(two))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("announce");
    byte[] forged = NODES.get(0).toBytes();
    forged[forged.length - 3] ^= 1;
    byte[] withForged =
        Envelope.encode(
            "MdRq",
            1,
            0,
            new MsgpackWriter().array(3).bin(new byte[32]).uint(0).array(1).bin(forged).toBytes());
    assertThatThrownBy(() -> MetadataRequest.fromBytes(withForged))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageStartingWith("MdRq: announce: ");
  }

  @Test
  void responseRoundTripsSortedAndIsCheckedAgainstTheTeachersKey() throws Exception {
    MetadataResponse r =
        MetadataResponse.sign(
            Fixtures.nodeSigner(0),
            FleetState.of(NODES),
            T0,
            List.of(NODES.get(2), NODES.get(0), NODES.get(1)),
            Optional.of(new byte[] {1, 2, 3}),
            Set.of(NODES.get(2).address()),
            Fixtures.random(30));
    MetadataResponse back =
        MetadataResponse.fromBytes(r.toBytes(), Fixtures.NODE_SIGNING[0].publicKey());
    assertThat(back.nodes())
        .isSortedAccordingTo(Comparator.comparing(NodeMetadata::address))
        .containsExactlyInAnyOrderElementsOf(NODES);
    assertThat(back.teacher()).isEqualTo(NODES.get(0).address());
    assertThat(back.registry()).hasValueSatisfying(d -> assertThat(d).containsExactly(1, 2, 3));
    assertThat(back.unhealthy()).containsExactly(NODES.get(2).address());
    assertThat(back.timestamp()).isEqualTo(T0);
    // Someone else's key: refused before the payload is read.
    assertThatThrownBy(
            () -> MetadataResponse.fromBytes(r.toBytes(), Fixtures.NODE_SIGNING[1].publicKey()))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage("MdRs: not signed by the teacher");
    // "same": no nodes, no registry.
    MetadataResponse same =
        MetadataResponse.fromBytes(
            MetadataResponse.sign(
                    Fixtures.nodeSigner(1),
                    FleetState.of(NODES),
                    T0,
                    List.of(),
                    Optional.empty(),
                    Set.of(),
                    Fixtures.random(31))
                .toBytes(),
            Fixtures.NODE_SIGNING[1].publicKey());
    assertThat(same.nodes()).isEmpty();
    assertThat(same.registry()).isEmpty();
  }

  @Test
  void responseRefusesDuplicatesDisorderAForeignTeacherFieldAndTruncation() {
    NodeMetadata[] sorted =
        NODES.stream()
            .sorted(Comparator.comparing(NodeMetadata::address))
            .toArray(NodeMetadata[]::new);
    byte[] disorder =
        Fixtures.signedEnvelope(
            "MdRs",
            "metadata-response",
            payload(NODES.get(0).address(), sorted[1], sorted[0]),
            Fixtures.nodeSigner(0));
    assertThatThrownBy(
            () -> MetadataResponse.fromBytes(disorder, Fixtures.NODE_SIGNING[0].publicKey()))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("strictly ascending");
    byte[] dup =
        Fixtures.signedEnvelope(
            "MdRs",
            "metadata-response",
            payload(NODES.get(0).address(), sorted[1], sorted[1]),
            Fixtures.nodeSigner(0));
    assertThatThrownBy(() -> MetadataResponse.fromBytes(dup, Fixtures.NODE_SIGNING[0].publicKey()))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("strictly ascending");
    byte[] otherTeacher =
        Fixtures.signedEnvelope(
            "MdRs",
            "metadata-response",
            payload(NODES.get(1).address(), sorted[0]),
            Fixtures.nodeSigner(0));
    assertThatThrownBy(
            () -> MetadataResponse.fromBytes(otherTeacher, Fixtures.NODE_SIGNING[0].publicKey()))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("teacher");
    byte[] good =
        MetadataResponse.sign(
                Fixtures.nodeSigner(0),
                FleetState.of(NODES),
                T0,
                NODES,
                Optional.empty(),
                Set.of(),
                Fixtures.random(32))
            .toBytes();
    for (int cut = 0; cut < good.length; cut += 11) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThatThrownBy(
              () -> MetadataResponse.fromBytes(truncated, Fixtures.NODE_SIGNING[0].publicKey()))
          .isInstanceOf(WireFormatException.class);
    }
    assertThatThrownBy(
            () ->
                MetadataResponse.sign(
                    Fixtures.nodeSigner(0),
                    FleetState.of(NODES),
                    T0,
                    List.of(NODES.get(0), NODES.get(0)),
                    Optional.empty(),
                    Set.of(),
                    Fixtures.random(33)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] payload(NodeAddress teacher, NodeMetadata... nodes) {
    MsgpackWriter w =
        new MsgpackWriter()
            .array(6)
            .bin(teacher.toBytes())
            .bin(new byte[32])
            .uint(0)
            .array(nodes.length);
    for (NodeMetadata n : nodes) {
      w.bin(n.toBytes());
    }
    return w.bin(new byte[0]).array(0).toBytes();
  }
}
