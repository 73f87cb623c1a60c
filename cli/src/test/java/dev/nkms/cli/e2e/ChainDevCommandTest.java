package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.chain.Chain;
import dev.nkms.chain.Deployment;
import dev.nkms.chain.DevChain;
import dev.nkms.chain.Economics;
import dev.nkms.chain.contracts.NkmsToken;
import dev.nkms.cli.CliRunner;
import dev.nkms.cli.chain.ChainCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nkms chain dev}: a running chain with the contracts deployed, the deployment written,
 * operators funded.
 */
class ChainDevCommandTest {
  @Test
  void startsAChainDeploysWritesTheDeploymentFundsTheOperatorsAndEndsWithTheChain(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("chain").resolve("deployment.json");
    CompletableFuture<CliRunner> run =
        CompletableFuture.supplyAsync(
            () -> CliRunner.run("chain", "dev", "--out", out.toString(), "--domain", "dev-test"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!Files.exists(out) && !run.isDone() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100); // polling for a file the command writes, not waiting for time
    }
    assertThat(out)
        .as("deployment written (command: %s)", run.isDone() ? run.join() : "running")
        .exists();

    Deployment d = Deployment.load(out);
    assertThat(d.domain()).isEqualTo("dev-test");
    try (Chain chain = Chain.connect(d.url())) {
      NkmsToken token = chain.load(NkmsToken::load, d.token(), DevChain.account(1));
      assertThat(Chain.call(token.maxSupply())).isEqualTo(Economics.defaults().maxSupply());
      for (int i = 1; i <= 19; i++) {
        assertThat(Chain.call(token.balanceOf(DevChain.account(i).getAddress())))
            .isEqualTo(ChainCommand.OPERATOR_FUNDS);
      }
    }

    // Ending the chain (as Ctrl-C does to the whole process group) ends the command.
    ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("ganache"))
        .forEach(ProcessHandle::destroy);
    CliRunner r = run.get(30, TimeUnit.SECONDS);
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out)
        .contains("deployment written to " + out)
        .contains("running; Ctrl-C stops the chain");
  }
}
