package dev.nkms.chain;

import dev.nkms.chain.contracts.Adjudicator;
import dev.nkms.chain.contracts.HealthRounds;
import dev.nkms.chain.contracts.NkmsToken;
import dev.nkms.chain.contracts.PolicyManager;
import dev.nkms.chain.contracts.StakingEscrow;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;

/** Deploys and wires a fresh set of nkms contracts. */
public final class Deployer {
  private Deployer() {}

  public static Deployment deploy(Chain chain, Credentials deployer, String domain, Economics e)
      throws ChainException {
    TransactionManager tx = chain.transactions(deployer);
    try {
      NkmsToken token =
          NkmsToken.deploy(chain.web3j(), tx, chain.gas(), e.initialSupply(), e.maxSupply()).send();
      StakingEscrow staking =
          StakingEscrow.deploy(
                  chain.web3j(),
                  tx,
                  chain.gas(),
                  token.getContractAddress(),
                  domain,
                  e.minimumStake(),
                  BigInteger.valueOf(e.period().toSeconds()),
                  e.firstPeriodReward(),
                  BigInteger.valueOf(e.healthShareBps()))
              .send();
      PolicyManager policies =
          PolicyManager.deploy(
                  chain.web3j(),
                  tx,
                  chain.gas(),
                  staking.getContractAddress(),
                  e.leakPenalty(),
                  BigInteger.valueOf(e.challengerRewardPpm()))
              .send();
      Adjudicator adjudicator =
          Adjudicator.deploy(
                  chain.web3j(),
                  tx,
                  chain.gas(),
                  staking.getContractAddress(),
                  policies.getContractAddress(),
                  e.cfragPenalty(),
                  BigInteger.valueOf(e.investigatorRewardPpm()))
              .send();
      HealthRounds health =
          HealthRounds.deploy(
                  chain.web3j(),
                  tx,
                  chain.gas(),
                  staking.getContractAddress(),
                  BigInteger.valueOf(e.roundBlocks()))
              .send();
      Chain.send(token.setMinter(staking.getContractAddress()));
      Chain.send(
          staking.setModules(
              policies.getContractAddress(),
              adjudicator.getContractAddress(),
              health.getContractAddress()));
      return new Deployment(
          chain.url(),
          chain.chainId(),
          domain,
          token.getContractAddress(),
          staking.getContractAddress(),
          policies.getContractAddress(),
          adjudicator.getContractAddress(),
          health.getContractAddress());
    } catch (ChainException ex) {
      throw ex;
    } catch (Exception ex) {
      throw new ChainException("deployment failed: " + ex.getMessage(), ex);
    }
  }
}
