package dev.nkms.app.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.Deployment;
import dev.nkms.client.connect.NetworkDirectory;
import dev.nkms.network.membership.Membership;
import dev.nkms.network.membership.MembershipProvider;
import java.nio.file.Path;

/** A network directory with a chain deployment: the staking contract is the registry. */
public final class ChainMembershipProvider implements MembershipProvider {
  @Override
  public String fileName() {
    return NetworkDirectory.DEPLOYMENT;
  }

  @Override
  public Membership open(Path file) throws MembershipUnavailable {
    Deployment d;
    try {
      d = Deployment.load(file);
    } catch (ChainException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    try {
      return ChainMembership.of(Chain.connect(d.url()), d);
    } catch (ChainException e) {
      throw new MembershipUnavailable(
          "the chain at " + d.url() + " does not answer; start it with `./nkms chain dev`", e);
    }
  }
}
