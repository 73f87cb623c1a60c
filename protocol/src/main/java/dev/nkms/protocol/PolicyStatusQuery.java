package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;

/**
 * Alice asks one node what state one of her policies is in there. Same shape and authenticity rule
 * as {@link RevocationOrder} (its own brand and purpose, so neither ever passes for the other):
 * only the policy's Alice gets an answer ({@link PolicyStatus}).
 */
public final class PolicyStatusQuery extends AliceRequest {
  public static final String BRAND = "PStQ";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_SIZE = AliceStatement.MAX_SIZE;
  private static final String PURPOSE = "policy-status-query";

  private PolicyStatusQuery(AliceStatement statement) {
    super(statement, PURPOSE);
  }

  /** Alice's query about the policy she granted with {@code terms}. */
  public static PolicyStatusQuery sign(
      PolicyTerms terms, NodeAddress node, Instant issuedAt, Signer alice, RandomSource random) {
    if (!alice.verifyingKey().equals(terms.aliceVerifyingKey())) {
      throw new IllegalArgumentException(
          "the terms name a different Alice verifying key than the signer's");
    }
    return sign(terms.hrac(), terms.nonce(), node, issuedAt, alice, random);
  }

  /**
   * As {@link RevocationOrder#sign(Hrac, byte[], NodeAddress, Instant, Signer, RandomSource)}: not
   * checked here.
   */
  public static PolicyStatusQuery sign(
      Hrac hrac,
      byte[] nonce,
      NodeAddress node,
      Instant issuedAt,
      Signer signer,
      RandomSource random) {
    return new PolicyStatusQuery(
        AliceStatement.sign(
            BRAND, MAJOR, MINOR, PURPOSE, hrac, nonce, node, issuedAt, signer, random));
  }

  /** Checks the structure only; see {@link #isAuthentic}. */
  public static PolicyStatusQuery fromBytes(byte[] bytes) throws WireFormatException {
    return new PolicyStatusQuery(AliceStatement.fromBytes(BRAND, MAJOR, MINOR, "query", bytes));
  }
}
