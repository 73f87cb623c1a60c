package dev.nkms.registry;

import static dev.nkms.registry.Fixtures.LOCK;
import static dev.nkms.registry.Fixtures.MEMBERS;
import static dev.nkms.registry.Fixtures.node;
import static dev.nkms.registry.Fixtures.operator;
import static dev.nkms.registry.Fixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.WireFormatException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederatedRegistryTest {
  @TempDir Path dir;

  private static final Federation FEDERATION = Fixtures.federation(2, 3);
  private static final List<Stake> V1 = List.of(stake(1, 100), stake(2, 200), stake(3, 300));
  private static final List<Stake> V2 = List.of(stake(2, 250), stake(3, 300), stake(4, 400));

  private FederatedRegistry registry() throws Exception {
    return FederatedRegistry.of(FEDERATION, Fixtures.list(1, V1, 0, 1));
  }

  @Test
  void loadsAndVerifiesTheFilesAndAnswersFromTheList() throws Exception {
    Path fed = dir.resolve("federation");
    Path reg = dir.resolve("registry");
    FEDERATION.save(fed);
    Files.write(reg, Fixtures.list(1, V1, 0, 2).toBytes());
    FederatedRegistry r = FederatedRegistry.load(fed, reg);
    assertThat(r.domain()).isEqualTo(Fixtures.DOMAIN);
    assertThat(r.federation()).isEqualTo(FEDERATION);
    assertThat(r.serial()).isEqualTo(1);
    assertThat(r.minimumStake()).isEqualTo(100);
    assertThat(r.stakes()).containsExactlyElementsOf(V1);
    assertThat(r.stake(node(2))).contains(stake(2, 200));
    assertThat(r.stake(node(9))).isEmpty();
    assertThat(r.eligible(LOCK)).containsExactlyElementsOf(V1);
    assertThat(r.eligible(LOCK.plusSeconds(1))).isEmpty();
    assertThat(r.document()).isEqualTo(Files.readAllBytes(reg));
  }

  @Test
  void loadRefusesAListWithoutEnoughValidSignaturesNamingTheFile() throws Exception {
    Path fed = dir.resolve("federation");
    Path reg = dir.resolve("registry");
    FEDERATION.save(fed);
    Files.write(reg, Fixtures.list(1, V1, 0).toBytes());
    assertThatThrownBy(() -> FederatedRegistry.load(fed, reg))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage(reg + ": FdNl: 1 member signature(s), the federation requires 2");
    Files.write(reg, new byte[] {'F', 'd', 'N', 'l', 0, 1, 0, 0});
    Throwable t = catchThrowable(() -> FederatedRegistry.load(fed, reg));
    assertThat(t)
        .isInstanceOf(WireFormatException.class)
        .isNotInstanceOf(BadSignatureException.class)
        .hasMessage(reg + ": FdNl: field node list: truncated input");
    Files.write(reg, new byte[FederatedNodeList.MAX_SIZE + 1]);
    assertThatThrownBy(() -> FederatedRegistry.load(fed, reg))
        .isInstanceOf(WireFormatException.class)
        .hasMessageEndingWith("bytes, at most " + FederatedNodeList.MAX_SIZE + " allowed");
    Files.writeString(fed, "domain test-net\n");
    assertThatThrownBy(() -> FederatedRegistry.load(fed, reg))
        .isInstanceOf(RegistryFormatException.class)
        .hasMessage(fed + ": no 'threshold' line");
  }

  @Test
  void eligibleAppliesTheListsMinimumAndLockEnd() throws Exception {
    Stake below = stake(5, 99);
    Stake unlocksEarly =
        new Stake(operator(6), node(6), BigInteger.valueOf(500), LOCK.minusSeconds(1));
    FederatedRegistry r =
        FederatedRegistry.of(
            FEDERATION, Fixtures.list(1, List.of(stake(4, 100), below, unlocksEarly), 0, 1));
    assertThat(r.eligible(LOCK)).containsExactly(stake(4, 100));
    assertThat(r.eligible(LOCK.minusSeconds(1))).containsExactly(stake(4, 100), unlocksEarly);
  }

  @Test
  void adoptsANewerListAndTellsListenersWhatChanged() throws Exception {
    FederatedRegistry r = registry();
    List<RegistryChange> changes = new ArrayList<>();
    r.addListener(changes::add);
    FederatedNodeList v2 = Fixtures.list(2, V2, 1, 2);
    assertThat(r.offer(v2.toBytes())).isTrue();
    assertThat(changes)
        .containsExactly(
            new RegistryChange(
                List.of(stake(4, 400)), List.of(stake(1, 100)), List.of(stake(2, 250))));
    assertThat(r.serial()).isEqualTo(2);
    assertThat(r.current()).isEqualTo(v2);
    assertThat(r.document()).isEqualTo(v2.toBytes());
    assertThat(r.stakes()).containsExactlyElementsOf(V2);
    assertThat(r.stake(node(1))).isEmpty();
    assertThat(r.stake(node(4))).contains(stake(4, 400));
  }

  @Test
  void anAdoptionThatChangesNoStakeIsStillReported() throws Exception {
    FederatedRegistry r = registry();
    List<RegistryChange> changes = new ArrayList<>();
    r.addListener(changes::add);
    assertThat(r.offer(Fixtures.list(5, V1, 0, 1))).isTrue();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).isEmpty()).isTrue();
  }

  @Test
  void ignoresTheSameOrAnOlderSerialWithoutAnEvent() throws Exception {
    FederatedRegistry r = FederatedRegistry.of(FEDERATION, Fixtures.list(5, V1, 0, 1));
    List<RegistryChange> changes = new ArrayList<>();
    r.addListener(changes::add);
    assertThat(r.offer(Fixtures.list(5, V2, 0, 1).toBytes())).isFalse();
    assertThat(r.offer(Fixtures.list(4, V2, 0, 1).toBytes())).isFalse();
    assertThat(r.offer(Fixtures.list(5, V1, 1, 2).toBytes())).isFalse(); // same list, other signers
    assertThat(changes).isEmpty();
    assertThat(r.serial()).isEqualTo(5);
    assertThat(r.stakes()).containsExactlyElementsOf(V1);
  }

  @Test
  void refusesNewerListsThatDoNotVerifyOrAreForAnotherDomain() throws Exception {
    FederatedRegistry r = registry();
    List<RegistryChange> changes = new ArrayList<>();
    r.addListener(changes::add);
    assertThatThrownBy(() -> r.offer(Fixtures.list(2, V2, 0).toBytes()))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage("FdNl: 1 member signature(s), the federation requires 2");
    assertThatThrownBy(() -> r.offer(Fixtures.list(2, V2, 0, 5).toBytes()))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("which is not a member of the federation");
    FederatedNodeList other =
        FederatedNodeList.sign(
            "other-net",
            9,
            Fixtures.T0,
            BigInteger.ONE,
            V2,
            List.of(MEMBERS[0], MEMBERS[1]),
            Fixtures.random("other"));
    Throwable t = catchThrowable(() -> r.offer(other.toBytes()));
    assertThat(t)
        .isInstanceOf(WireFormatException.class)
        .isNotInstanceOf(BadSignatureException.class)
        .hasMessageContaining("the list is for 'other-net'");
    assertThatThrownBy(() -> r.offer(new byte[] {1, 2, 3})).isInstanceOf(WireFormatException.class);
    assertThat(changes).isEmpty();
    assertThat(r.serial()).isEqualTo(1);
  }

  @Test
  void savesAtomicallyAndReloadsTheAdoptedList() throws Exception {
    FederatedRegistry r = registry();
    r.offer(Fixtures.list(3, V2, 0, 2));
    Path fed = dir.resolve("federation");
    Path reg = dir.resolve("registry");
    FEDERATION.save(fed);
    Files.write(reg, new byte[] {0}); // replaced whole
    r.save(reg);
    assertThat(Files.exists(dir.resolve("registry.tmp"))).isFalse();
    FederatedRegistry back = FederatedRegistry.load(fed, reg);
    assertThat(back.serial()).isEqualTo(3);
    assertThat(back.current()).isEqualTo(r.current());
  }

  @Test
  void aThrowingListenerNeitherUndoesTheAdoptionNorSilencesTheOthers() throws Exception {
    FederatedRegistry r = registry();
    List<RegistryChange> seen = new ArrayList<>();
    r.addListener(
        c -> {
          throw new IllegalStateException("listener 1");
        });
    r.addListener(seen::add);
    assertThatThrownBy(() -> r.offer(Fixtures.list(2, V2, 0, 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listener 1");
    assertThat(r.serial()).isEqualTo(2);
    assertThat(seen).hasSize(1);
  }

  @Test
  void aRemovedListenerHearsNothingMore() throws Exception {
    FederatedRegistry r = registry();
    List<RegistryChange> seen = new ArrayList<>();
    Consumer<RegistryChange> l = seen::add;
    r.addListener(l);
    r.offer(Fixtures.list(2, V2, 0, 1));
    r.removeListener(l);
    r.offer(Fixtures.list(3, V1, 0, 1));
    assertThat(seen).hasSize(1);
  }

  @Test
  void concurrentOffersEndOnTheHighestSerialAndReportInAdoptionOrder() throws Exception {
    FederatedRegistry r = registry();
    List<FederatedNodeList> lists = new ArrayList<>();
    for (int s = 2; s <= 41; s++) {
      List<Stake> stakes =
          List.of(stake(1, s), new Stake(operator(2), node(2), BigInteger.valueOf(1000 + s), LOCK));
      lists.add(Fixtures.list(s, stakes, s % 3, (s + 1) % 3));
    }
    Collections.shuffle(lists, new Random(7));
    List<Long> serialsSeen = new CopyOnWriteArrayList<>();
    r.addListener(c -> serialsSeen.add(r.serial()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (FederatedNodeList l : lists) {
        done.add(pool.submit(() -> r.offer(l.toBytes())));
      }
      int adopted = 0;
      for (Future<Boolean> f : done) {
        adopted += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(adopted).isEqualTo(serialsSeen.size()).isBetween(1, 40);
    } finally {
      pool.shutdownNow();
    }
    assertThat(r.serial()).isEqualTo(41);
    assertThat(r.stake(node(1)).orElseThrow().amount()).isEqualTo(41);
    assertThat(serialsSeen).isSorted().doesNotHaveDuplicates().endsWith(41L);
  }

  @Test
  void diffPairsEntriesByNode() {
    Stake moved =
        new Stake(operator(7), node(2), BigInteger.valueOf(200), LOCK); // same node, new operator
    Stake relocked =
        new Stake(operator(3), node(3), BigInteger.valueOf(300), Instant.ofEpochSecond(5));
    RegistryChange c =
        RegistryChange.between(V1, List.of(moved, relocked, stake(5, 1), stake(6, 1)));
    assertThat(c.added()).containsExactly(stake(5, 1), stake(6, 1));
    assertThat(c.removed()).containsExactly(stake(1, 100));
    assertThat(c.updated()).containsExactly(moved, relocked);
    assertThat(RegistryChange.between(V1, V1).isEmpty()).isTrue();
    assertThat(RegistryChange.between(List.of(), V1).added()).containsExactlyElementsOf(V1);
    assertThat(RegistryChange.between(V1, List.of()).removed()).containsExactlyElementsOf(V1);
  }
}
