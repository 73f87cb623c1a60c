package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.chain.HealthRoundClient.Round;
import dev.nkms.chain.HealthRoundClient.Verdict;
import dev.nkms.crypto.keys.SecretKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * Gas of every health-round transaction as the registry grows to 100 nodes (more operators than dev
 * accounts, so fresh ones are funded from account 0). Each round: every checker commits and reveals
 * "checked[0] unhealthy", so the close takes the forfeit path and pays all checkers.
 */
class HealthRoundsGasTest {
  @RegisterExtension static final ChainFixture fx = ChainFixture.shared();

  @Test
  void gasOfOpenCommitRevealAndCloseByRegistrySize() throws Exception {
    Chain chain = fx.chain();
    long h = fx.economics().roundBlocks();
    Instant lock = chain.now().plus(Duration.ofDays(365));
    Transfer eth = new Transfer(chain.web3j(), chain.transactions(ChainFixture.deployer()));
    List<Credentials> operators = new ArrayList<>();
    HealthRoundClient anyone =
        new HealthRoundClient(chain, fx.deployment(), ChainFixture.account(23));
    List<String> table = new ArrayList<>();
    BitSet firstUnhealthy = new BitSet();
    firstUnhealthy.set(0);

    for (int n : new int[] {4, 9, 16, 25, 49, 100}) {
      while (operators.size() < n) {
        Credentials op =
            Credentials.create(
                ECKeyPair.create(
                    new BigInteger(
                        1,
                        Hash.sha256(
                            ("health gas operator " + operators.size())
                                .getBytes(StandardCharsets.US_ASCII)))));
        eth.sendFunds(op.getAddress(), BigDecimal.ONE, Convert.Unit.ETHER).send();
        fx.stake(op, SecretKey.random(), Economics.tokens(10_000 + 100L * operators.size()), lock);
        operators.add(op);
      }
      chain.increaseTime(Duration.ofDays(1)); // something to forfeit
      var previous = anyone.latestRound();
      if (previous.isPresent()) {
        chain.mine((int) Math.max(0, previous.get().openBlock() + h - 1 - chain.blockNumber()));
      }
      long open = anyone.open().getGasUsed().longValueExact();
      Round r = anyone.latestRound().orElseThrow();
      int k = (int) Math.ceil(Math.sqrt(n));
      assertThat(r.checked()).hasSize(k);
      assertThat(r.checkers()).hasSize(Math.min(k, n - k));

      List<HealthRoundClient> checkers = new ArrayList<>();
      for (var c : r.checkers()) {
        String address = Chain.call(fx.staking(ChainFixture.deployer()).operatorOf(c.toHex()));
        Credentials op =
            operators.stream()
                .filter(o -> o.getAddress().equalsIgnoreCase(address))
                .findFirst()
                .orElseThrow();
        checkers.add(new HealthRoundClient(chain, fx.deployment(), op));
      }
      long commitMin = Long.MAX_VALUE;
      long commitMax = 0;
      for (HealthRoundClient c : checkers) {
        long g = c.commit(r.number(), firstUnhealthy, salt(c)).getGasUsed().longValueExact();
        commitMin = Math.min(commitMin, g);
        commitMax = Math.max(commitMax, g);
      }
      chain.mine((int) (r.openBlock() + h / 2 - 1 - chain.blockNumber()));
      long revealMin = Long.MAX_VALUE;
      long revealMax = 0;
      for (HealthRoundClient c : checkers) {
        long g = c.reveal(r.number(), firstUnhealthy, salt(c)).getGasUsed().longValueExact();
        revealMin = Math.min(revealMin, g);
        revealMax = Math.max(revealMax, g);
      }
      chain.mine((int) (r.openBlock() + h - 1 - chain.blockNumber()));
      TransactionReceipt closed = anyone.close(r.number());
      Map<?, Verdict> verdicts = anyone.verdicts(r.number());
      assertThat(verdicts.get(r.checked().get(0))).isEqualTo(Verdict.UNHEALTHY);
      assertThat(verdicts.values()).filteredOn(v -> v == Verdict.UNHEALTHY).hasSize(1);

      table.add(
          String.format(
              "GAS N=%3d k=%2d checkers=%2d | open %9d | commit %6d..%6d | reveal %6d..%6d | close %8d",
              n,
              k,
              checkers.size(),
              open,
              commitMin,
              commitMax,
              revealMin,
              revealMax,
              closed.getGasUsed().longValueExact()));
    }
    System.out.println(
        "GAS health rounds (close: all checkers revealed, one node unhealthy, all paid)");
    table.forEach(System.out::println);
  }

  private static byte[] salt(HealthRoundClient c) {
    return Hash.sha3(c.sender().getBytes(StandardCharsets.US_ASCII));
  }
}
