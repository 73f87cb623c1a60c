package dev.nkms.network.membership;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A kind of network that a file in a network directory names — today the chain deployment written
 * by {@code nkms chain dev}. Found by {@link java.util.ServiceLoader}, so a client pulls in the
 * chain (web3j and all) only when it uses one: the module that implements it registers it under
 * {@code META-INF/services/dev.nkms.network.membership.MembershipProvider}.
 */
public interface MembershipProvider {
  /** The file in a network directory that this provider reads, e.g. {@code deployment.json}. */
  String fileName();

  /**
   * The membership that {@code file} describes.
   *
   * @throws IllegalArgumentException when the file is not what this provider reads (the message
   *     says why)
   * @throws MembershipUnavailable when the file is fine but what it names does not answer (a chain
   *     that is down)
   * @throws IOException when the file cannot be read
   */
  Membership open(Path file) throws IOException, MembershipUnavailable;

  /** The file is fine, but the service it names (a chain's RPC endpoint) does not answer. */
  final class MembershipUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public MembershipUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
