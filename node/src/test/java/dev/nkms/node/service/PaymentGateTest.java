package dev.nkms.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.RandomSource;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.store.NodeStore;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.http.ErrorCode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stores a kfrag only if its payment gate says the policy is paid for this node and this
 * kfrag.
 */
class PaymentGateTest {
  static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  @TempDir Path dir;
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final NodeIdentity node = NodeIdentity.generate(List.of("127.0.0.1"), clock);
  final Grant grant = new Grant("paid");
  final List<byte[]> asked = new ArrayList<>();
  NodeStore store;

  @BeforeEach
  void open() {
    store = NodeStore.open(dir.resolve("node.db"), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  ReencryptionService service(PaymentGate gate) {
    return new ReencryptionService(
        node,
        store,
        clock,
        RandomSource.secure(),
        new ReencryptionService.Limits(100, 4, Duration.ofMinutes(5)),
        new Metrics(),
        ReencryptionService.DevFault.NONE,
        gate);
  }

  SignedPolicyTerms terms() {
    return grant.signed(NOW.minusSeconds(10), NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void aPaidPolicyIsStoredAndTheGateSawThisNodeAndTheKfragBytes() throws Exception {
    ReencryptionService service =
        service(
            (PolicyTerms t, NodeAddress n, byte[] kfrag) -> {
              assertThat(n).isEqualTo(node.address());
              asked.add(kfrag);
              return Optional.empty();
            });
    SignedPolicyTerms terms = terms();
    service.acceptKFrag(grant.delivery(terms, node).toBytes());

    assertThat(store.policies().get(grant.hrac)).isPresent();
    assertThat(asked).singleElement().isEqualTo(grant.kfrags.get(0).toBytes());
  }

  @Test
  void anUnpaidPolicyIsRefusedWith402AndNothingIsStored() {
    ReencryptionService service = service((t, n, k) -> Optional.of("no such policy on chain"));

    assertThatThrownBy(() -> service.acceptKFrag(grant.delivery(terms(), node).toBytes()))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED);
              assertThat(e.code().status()).isEqualTo(402);
              assertThat(e.getMessage())
                  .contains("not paid for this node: no such policy on chain");
            });
    assertThat(store.policies().get(grant.hrac)).isEmpty();
  }

  @Test
  void aGateThatCannotCheckNowMakesTheNodeBusyNotAcceptingAndNotRefusingForGood() {
    ReencryptionService service =
        service(
            (t, n, k) -> {
              throw new PaymentGate.Unavailable("chain unreachable", null);
            });

    assertThatThrownBy(() -> service.acceptKFrag(grant.delivery(terms(), node).toBytes()))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BUSY);
              assertThat(e.getMessage())
                  .contains("cannot check the payment")
                  .contains("chain unreachable");
            });
    assertThat(store.policies().get(grant.hrac)).isEmpty();
  }
}
