package dev.nkms.network.learning;

import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.FleetState;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A node as a teacher (its {@code POST /v1/node-metadata}): takes in the learner's announced
 * metadata like any learned one, then answers "same" or with every node known (and itself), a newer
 * registry document if the learner's is older, and the node's own health verdicts; signed with the
 * node's key ({@link Teaching}).
 */
final class TeacherSide {
  private final KnownNodes known;
  private final RegistrySync sync;
  private final Teaching teaching;
  private final Consumer<NodeMetadata> newerRegistryHint;
  private final Clock clock;
  private final RandomSource random;

  /**
   * @param newerRegistryHint told of a learner we could not take in whose registry is newer than
   *     ours: it may be unknown to us exactly because our registry is older
   */
  TeacherSide(
      KnownNodes known,
      RegistrySync sync,
      Teaching teaching,
      Consumer<NodeMetadata> newerRegistryHint,
      Clock clock,
      RandomSource random) {
    this.known = known;
    this.sync = sync;
    this.teaching = teaching;
    this.newerRegistryHint = newerRegistryHint;
    this.clock = clock;
    this.random = random;
  }

  MetadataResponse answer(MetadataRequest request) {
    request
        .announce()
        .ifPresent(
            m -> {
              if (known.consider(m, false).isPresent()
                  && request.registrySerial() > sync.serial()
                  && m.domain().equals(known.domain())) {
                newerRegistryHint.accept(m);
              }
            });
    known.commit();
    FleetState state = known.fleetState();
    List<NodeMetadata> list = List.of();
    if (!request.fleetState().sameAs(state)) {
      List<NodeMetadata> all = new ArrayList<>();
      known.self().ifPresent(all::add);
      all.addAll(known.metadata(MetadataResponse.MAX_NODES - all.size()));
      list = all;
    }
    Optional<byte[]> doc =
        sync.serial() > request.registrySerial() ? sync.document() : Optional.empty();
    Set<NodeAddress> unhealthy = teaching.unhealthy().get();
    known.commit();
    return MetadataResponse.sign(
        teaching.signer(),
        state,
        clock.instant(),
        list,
        doc,
        unhealthy.size() > MetadataResponse.MAX_NODES ? Set.of() : unhealthy,
        random);
  }
}
