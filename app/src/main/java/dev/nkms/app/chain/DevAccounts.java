package dev.nkms.app.chain;

/**
 * Who uses which funded account of the dev chain ({@code nkms chain dev}): 0 deployed the contracts
 * and holds S(0); node-i's operator is account i; then Alice, Bob and an investigator.
 */
public final class DevAccounts {
  public static final int DEPLOYER = 0;
  public static final int MAX_OPERATORS = 19;
  public static final int ALICE = 20;
  public static final int BOB = 21;
  public static final int INVESTIGATOR = 22;

  private DevAccounts() {}

  public static int operator(int node) {
    if (node < 1 || node > MAX_OPERATORS) {
      throw new IllegalArgumentException(
          "dev operators are for nodes 1.." + MAX_OPERATORS + ", not " + node);
    }
    return node;
  }
}
