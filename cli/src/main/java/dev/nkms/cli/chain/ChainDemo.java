package dev.nkms.cli.chain;

import dev.nkms.app.chain.ChainPayment;
import dev.nkms.app.chain.DevAccounts;
import dev.nkms.app.chain.EvidenceFile;
import dev.nkms.app.network.LocalNetwork;
import dev.nkms.chain.Chain;
import dev.nkms.chain.Deployment;
import dev.nkms.chain.DevChain;
import dev.nkms.chain.Economics;
import dev.nkms.chain.EthereumStakeRegistry;
import dev.nkms.chain.EvidenceSubmission;
import dev.nkms.chain.PolicyPayments;
import dev.nkms.chain.Staking;
import dev.nkms.cli.Narrator;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.Policy;
import dev.nkms.client.alice.RevocationReport;
import dev.nkms.client.bob.Bob;
import dev.nkms.client.bob.Evidence;
import dev.nkms.client.bob.Retrieval;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.client.connect.ClientNetwork;
import dev.nkms.client.message.Enrico;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.registry.Stake;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code nkms demo --chain}: the economic story on a real EVM node — nodes stake, Alice pays for a
 * policy, periods pass and rewards and fees accrue, a cheating node is caught by Bob's evidence and
 * slashed on chain, Alice revokes and is refunded for the unused time.
 */
public final class ChainDemo {
  private static final String LABEL = "q3-financials";
  private static final int NODES = 5;
  private static final int CHEATER = 4;
  private static final BigInteger FEE = Economics.TOKEN; // 1 ETH

  private ChainDemo() {}

  public static int run(Narrator say, Path netDir) throws Exception {
    say.title("nkms demo --chain — staking, payments, rewards and slashing on a real EVM node");
    say.step("A dev chain starts (ganache, a real EVM) and the nkms contracts are deployed");
    try (DevChain dev = DevChain.start(DevChain.findTools());
        Chain chain = Chain.connect(dev.url())) {
      Deployment d = ChainCommand.deploy(chain, LocalNetwork.DOMAIN, Economics.defaults());
      Path deploymentFile = netDir.resolve("chain-deployment.json");
      java.nio.file.Files.createDirectories(netDir);
      d.save(deploymentFile);
      Economics e = Economics.defaults();
      say.item(
          "token "
              + d.token()
              + "  (S_max "
              + Tokens.format(e.maxSupply())
              + ", S(0) "
              + Tokens.format(e.initialSupply())
              + ")");
      say.item(
          "staking "
              + d.staking()
              + ", policies "
              + d.policies()
              + ", adjudicator "
              + d.adjudicator()
              + ", health rounds "
              + d.healthRounds());
      say.item(
          "first-period reward s0 "
              + Tokens.format(e.firstPeriodReward())
              + ", decaying as s0·e^(−t/T), "
              + "periods of "
              + e.period().toHours()
              + " h; minimum stake "
              + Tokens.format(e.minimumStake()));

      LocalNetwork network =
          new LocalNetwork(netDir.resolve("network"), dev.nkms.cli.Main.class.getName());
      try {
        return story(say, chain, d, network);
      } finally {
        int stopped = network.down(Duration.ofSeconds(10));
        say.note("network stopped (" + stopped + " node processes); chain stopped");
      }
    }
  }

  private static int story(Narrator say, Chain chain, Deployment d, LocalNetwork network)
      throws Exception {
    say.step(
        "Five node operators stake for their nodes (each node signs its binding; unequal stakes)");
    network.up(
        NODES,
        java.util.Optional.of(network.dir().getParent().resolve("chain-deployment.json")),
        Duration.ofSeconds(90),
        line -> {});
    EthereumStakeRegistry registry = EthereumStakeRegistry.open(chain, d);
    for (int i = 1; i <= NODES; i++) {
      NodeAddress a = network.metadataOf(i).address();
      Stake s = registry.stake(a).orElseThrow();
      say.item(
          "node-"
              + i
              + " "
              + a.toHex()
              + "  stake "
              + Tokens.format(s.amount())
              + ", locked until "
              + s.lockedUntil());
    }
    say.note(
        "the staking contract is the registry: nodes and clients read it from the chain, nobody signs a list");

    AliceKeys aliceKeys = AliceKeys.random(RandomSource.secure());
    BobKeys bobKeys = BobKeys.random(RandomSource.secure());
    Learner aliceView = ClientNetwork.open(network.dir());
    Learner bobView = ClientNetwork.open(network.dir());
    aliceView.awaitNodes(NODES, Instant.now().plus(Duration.ofDays(30)), Duration.ofSeconds(60));
    Credentials aliceAccount = DevChain.account(DevAccounts.ALICE);
    PolicyPayments alicePays = new PolicyPayments(chain, d, aliceAccount);
    Alice alice =
        new Alice(
                aliceKeys,
                aliceView,
                HttpsNodeClient.factory(),
                Clock.systemUTC(),
                RandomSource.secure(),
                Duration.ofSeconds(5))
            .paying(
                ChainPayment.paying(
                    alicePays,
                    FEE,
                    (t, nodes, r) ->
                        say.item(
                            "Alice paid "
                                + Tokens.formatEth(FEE)
                                + " into the policy contract for "
                                + nodes
                                + " nodes ("
                                + r.getGasUsed()
                                + " gas); each node's kfrag hash and the policy keys are on chain")));

    say.step(
        "Alice grants Bob 3-of-5 access for 30 days and pays for it; nodes check the payment before storing");
    Instant start = chain.now();
    Policy policy =
        alice.grant(
            bobKeys.card(),
            LABEL,
            3,
            NODES,
            Instant.now().plus(Duration.ofDays(30)),
            Conditions.NONE);
    say.item("policy " + policy.hrac().toHex() + " placed on " + policy.nodes().size() + " nodes");
    BigInteger aliceBefore = chain.balance(aliceAccount.getAddress());

    say.step(
        "Ten days (ten reward periods) pass on the chain; nobody sends a transaction per period");
    chain.increaseTime(Duration.ofDays(10));
    for (int i = 1; i <= NODES; i++) {
      NodeAddress a = network.metadataOf(i).address();
      Staking op = new Staking(chain, d, DevChain.account(DevAccounts.operator(i)));
      say.item(
          "node-"
              + i
              + ": reward "
              + Tokens.format(op.earned())
              + ", fee accrued "
              + Tokens.formatEth(alicePays.accrued(policy.hrac(), a))
              + " (of its "
              + Tokens.formatEth(FEE.divide(BigInteger.valueOf(NODES)))
              + " share)");
    }
    say.note("rewards split by stake; each node's fee grows as f·t/T");

    say.step("Node-" + CHEATER + " turns bad: it restarts returning corrupt re-encryptions");
    network.kill(CHEATER);
    network.restart(CHEATER, Duration.ofSeconds(60), Map.of("NKMS_DEV_FAULT", "corrupt-cfrags"));
    NodeAddress cheater = network.metadataOf(CHEATER).address();

    say.step(
        "Bob retrieves; at first he reaches only three nodes, node-" + CHEATER + " among them");
    byte[] report =
        ("Q3 financials — confidential\n" + "revenue 1,000,000\n").getBytes(StandardCharsets.UTF_8);
    byte[] sealed =
        new Enrico(alice.policyEncryptingKey(LABEL), RandomSource.secure()).encrypt(report);
    List<dev.nkms.protocol.MessageKit> kits =
        List.of(SealedMessage.readHeader(new ByteArrayInputStream(sealed)));
    List<NodeMetadata> reachable = new java.util.ArrayList<>(List.of(network.metadataOf(CHEATER)));
    for (int i = 1; reachable.size() < 3; i++) {
      if (i != CHEATER) {
        reachable.add(network.metadataOf(i));
      }
    }
    Bob firstTry =
        new Bob(
            bobKeys,
            dev.nkms.network.learning.NodeDirectory.fixed(reachable, registry),
            HttpsNodeClient.factory(),
            Clock.systemUTC(),
            RandomSource.secure(),
            RetrievalOptions.defaults().withHedge(0));
    dev.nkms.client.bob.RetrievalState state = null;
    try {
      firstTry.retrieve(policy.treasureMap(), kits, Map.of(), null);
      say.item("UNEXPECTED: three answers sufficed although one node cheats");
    } catch (dev.nkms.client.bob.RetrievalException ex) {
      state = ex.state().orElse(null);
      say.item(
          "node-"
              + CHEATER
              + "'s cfrag fails its proof: Bob drops it and keeps its signed answer as evidence; "
              + "2 of 3 verified cfrags so far");
    }
    bobView.awaitKnown(policy.nodes().keySet(), NODES, Duration.ofSeconds(60));
    Bob bob =
        new Bob(
            bobKeys,
            bobView,
            HttpsNodeClient.factory(),
            Clock.systemUTC(),
            RandomSource.secure(),
            RetrievalOptions.defaults());
    Retrieval r = bob.retrieve(policy.treasureMap(), kits, Map.of(), state);
    byte[] opened = r.decrypt(0, sealed);
    say.item(
        "he resumes with the nodes he learned since: "
            + (Arrays.equals(opened, report) ? "decrypted correctly" : "MISMATCH")
            + "; misbehaving: "
            + dev.nkms.cli.Addresses.join(r.misbehavingNodes().keySet()));
    List<Evidence> kept = new java.util.ArrayList<>(r.evidence());
    if (state != null) {
      kept.addAll(state.evidence());
    }
    Evidence evidence =
        kept.stream()
            .filter(ev -> ev.node().equals(cheater) && ev.cfrag().isPresent())
            .findFirst()
            .orElse(null);
    if (evidence == null) {
      say.done("UNEXPECTED: Bob has no cfrag evidence against node-" + CHEATER);
      return 1;
    }

    say.step(
        "Bob submits the evidence; the adjudicator re-checks the proof and the node's signature on chain");
    Staking cheaterOp = new Staking(chain, d, DevChain.account(DevAccounts.operator(CHEATER)));
    BigInteger stakeBefore = cheaterOp.status().amount();
    Credentials bobAccount = DevChain.account(DevAccounts.BOB);
    var token = chain.load(dev.nkms.chain.contracts.NkmsToken::load, d.token(), bobAccount);
    BigInteger bobTokens = Chain.call(token.balanceOf(bobAccount.getAddress()));
    EvidenceFile file =
        EvidenceFile.of(
            evidence.node(),
            evidence.finding(),
            evidence.signedResponse(),
            evidence.capsule().get(),
            aliceKeys.verifyingKey(),
            alice.policyEncryptingKey(LABEL),
            bobKeys.card().encryptingKey());
    EvidenceSubmission.Evidence prepared = file.prepare();
    TransactionReceipt slash = EvidenceSubmission.submit(chain, d, bobAccount, prepared);
    say.item(
        "node-"
            + CHEATER
            + " slashed: stake "
            + Tokens.format(stakeBefore)
            + " → "
            + Tokens.format(cheaterOp.status().amount())
            + " ("
            + slash.getGasUsed()
            + " gas)");
    say.item(
        "Bob, the investigator, was paid "
            + Tokens.format(
                Chain.call(token.balanceOf(bobAccount.getAddress())).subtract(bobTokens)));
    try {
      EvidenceSubmission.submit(chain, d, bobAccount, prepared);
      say.item("UNEXPECTED: the same evidence paid twice");
    } catch (dev.nkms.chain.ChainException ex) {
      say.item("submitting the same evidence again is refused: " + ex.getMessage());
    }

    say.step(
        "Alice revokes the policy: nodes confirm with signed receipts, the contract refunds the unused time");
    RevocationReport revocation = alice.revoke(policy);
    say.item(revocation.confirmed().size() + " nodes confirmed the revocation");
    BigInteger refund = alicePays.revoke(policy.hrac());
    long elapsed = Duration.between(start, chain.now()).toSeconds();
    say.item(
        "refund "
            + Tokens.formatEth(refund)
            + " after "
            + elapsed / 86_400
            + " of 30 days — (1 − t/T)·f, "
            + "rounded in Alice's favour by at most n wei");

    say.step(
        "Operators collect: rewards are claimed (minted); fees the nodes withdraw on their own, every few seconds");
    for (int i = 1; i <= NODES; i++) {
      Staking op = new Staking(chain, d, DevChain.account(DevAccounts.operator(i)));
      BigInteger reward = op.claimReward();
      say.item(
          "node-"
              + i
              + " operator claimed "
              + Tokens.format(reward)
              + "; fee accrued "
              + Tokens.formatEth(
                  alicePays.accrued(policy.hrac(), network.metadataOf(i).address())));
    }
    aliceView.close();
    bobView.close();
    say.done(
        "Stake made the nodes eligible, Alice paid only for the time used, rewards and fees accrued without "
            + "per-period transactions, and a cheating node paid for its wrong answer on chain.");
    return 0;
  }
}
