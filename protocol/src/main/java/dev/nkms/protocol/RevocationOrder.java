package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;

/**
 * Alice tells one node to delete its kfrag for a policy, and to refuse the policy from then on. The
 * order carries the grant's nonce and Alice's key, so a node can check it comes from the Alice the
 * policy id belongs to ({@link #isAuthentic}) without holding anything for the policy.
 */
public final class RevocationOrder extends AliceRequest {
  public static final String BRAND = "Revo";
  static final int MAJOR = 2;
  static final int MINOR = 0;
  public static final int MAX_SIZE = AliceStatement.MAX_SIZE;
  private static final String PURPOSE = "revocation-order";

  private RevocationOrder(AliceStatement statement) {
    super(statement, PURPOSE);
  }

  /** Alice's order for the policy she granted with {@code terms}. */
  public static RevocationOrder sign(
      PolicyTerms terms, NodeAddress node, Instant issuedAt, Signer alice, RandomSource random) {
    if (!alice.verifyingKey().equals(terms.aliceVerifyingKey())) {
      throw new IllegalArgumentException(
          "the terms name a different Alice verifying key than the signer's");
    }
    return sign(terms.hrac(), terms.nonce(), node, issuedAt, alice, random);
  }

  /**
   * An order for {@code hrac} with {@code nonce}, signed by {@code signer} and naming the signer's
   * key as Alice's. It is authentic only if {@code hrac} is {@code Hrac.derive(signer's key,
   * nonce)}; this method does not check that, so tests can build the orders a stranger would send.
   */
  public static RevocationOrder sign(
      Hrac hrac,
      byte[] nonce,
      NodeAddress node,
      Instant issuedAt,
      Signer signer,
      RandomSource random) {
    return new RevocationOrder(
        AliceStatement.sign(
            BRAND, MAJOR, MINOR, PURPOSE, hrac, nonce, node, issuedAt, signer, random));
  }

  /** Checks the structure only; see {@link #isAuthentic}. */
  public static RevocationOrder fromBytes(byte[] bytes) throws WireFormatException {
    return new RevocationOrder(AliceStatement.fromBytes(BRAND, MAJOR, MINOR, "order", bytes));
  }
}
