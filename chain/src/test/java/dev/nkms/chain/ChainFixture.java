package dev.nkms.chain;

import dev.nkms.chain.contracts.Adjudicator;
import dev.nkms.chain.contracts.HealthRounds;
import dev.nkms.chain.contracts.NkmsToken;
import dev.nkms.chain.contracts.PolicyManager;
import dev.nkms.chain.contracts.StakingEscrow;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One dev chain per test class with the contracts deployed once. As a JUnit extension
 * ({@code @RegisterExtension static final ChainFixture fx = ChainFixture.freshPerTest();}) it
 * starts before the class's own {@code @BeforeAll}, stops after it, and — unless {@link #shared()}
 * — takes every test back to the fresh deployment ({@link #reset}), so tests do not see each
 * other's state. Account 0 deploys and holds S(0).
 */
public final class ChainFixture
    implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  public static final String DOMAIN = "chain-test";

  private final Economics economics;
  private final boolean resetBeforeEachTest;
  private DevChain devChain;
  private Chain chain;
  private Deployment deployment;
  private String snapshot;

  private ChainFixture(Economics economics, boolean resetBeforeEachTest) {
    this.economics = economics;
    this.resetBeforeEachTest = resetBeforeEachTest;
  }

  /** An extension: every test starts from the fresh deployment. */
  public static ChainFixture freshPerTest() {
    return new ChainFixture(Economics.defaults(), true);
  }

  /**
   * An extension whose tests share one deployment (they build on one another or reset it
   * themselves).
   */
  public static ChainFixture shared() {
    return new ChainFixture(Economics.defaults(), false);
  }

  /** A fixture started now, outside the extension mechanism (close it). */
  public static ChainFixture start(Economics economics) throws ChainException {
    ChainFixture f = new ChainFixture(economics, false);
    f.launch();
    return f;
  }

  private void launch() throws ChainException {
    DevChain dev = DevChain.start(DevChain.findTools(), true);
    try {
      chain = Chain.connect(dev.url());
      deployment = Deployer.deploy(chain, deployer(), DOMAIN, economics);
      snapshot = chain.snapshot();
      devChain = dev;
    } catch (ChainException | RuntimeException e) {
      dev.close();
      throw e;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws ChainException {
    launch();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws ChainException {
    if (resetBeforeEachTest) {
      reset();
    }
  }

  /** Back to the state right after deployment. */
  public void reset() throws ChainException {
    chain.revert(snapshot);
    snapshot = chain.snapshot();
  }

  public Chain chain() {
    return chain;
  }

  public Deployment deployment() {
    return deployment;
  }

  public Economics economics() {
    return economics;
  }

  public static Credentials deployer() {
    return DevChain.account(0);
  }

  public static Credentials account(int i) {
    return DevChain.account(i);
  }

  public NkmsToken token(Credentials as) {
    return chain.load(NkmsToken::load, deployment.token(), as);
  }

  public StakingEscrow staking(Credentials as) {
    return chain.load(StakingEscrow::load, deployment.staking(), as);
  }

  public PolicyManager policies(Credentials as) {
    return chain.load(PolicyManager::load, deployment.policies(), as);
  }

  public Adjudicator adjudicator(Credentials as) {
    return chain.load(Adjudicator::load, deployment.adjudicator(), as);
  }

  public HealthRounds health(Credentials as) {
    return chain.load(HealthRounds::load, deployment.healthRounds(), as);
  }

  /** Gives {@code to} tokens from the deployer's S(0). */
  public void fund(String to, BigInteger amount) throws ChainException {
    Chain.send(token(deployer()).transfer(to, amount));
  }

  /**
   * Funds {@code operator}, approves and deposits {@code amount} bound to {@code node} (which signs
   * the binding), locked until {@code lockUntil}. Returns the deposit's receipt.
   */
  public TransactionReceipt stake(
      Credentials operator, SecretKey node, BigInteger amount, Instant lockUntil)
      throws ChainException {
    fund(operator.getAddress(), amount);
    return new Staking(chain, deployment, operator).deposit(new Signer(node), amount, lockUntil);
  }

  public static String address(SecretKey node) {
    return NodeAddress.of(node.publicKey()).toHex();
  }

  @Override
  public void close() {
    if (chain != null) {
      chain.close();
    }
    if (devChain != null) {
      devChain.close();
    }
  }
}
