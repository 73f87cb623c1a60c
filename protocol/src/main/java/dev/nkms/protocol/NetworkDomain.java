package dev.nkms.protocol;

import java.util.regex.Pattern;

/**
 * The name of one nkms network ("mainnet", "local-test", …). Nodes sign it into their metadata and
 * registries into their node lists, so nodes of one network never mix with another's.
 */
public final class NetworkDomain {
  public static final int MAX_LENGTH = 32;
  static final String RULE = "a domain is 1 to 32 characters of a-z, 0-9 and '-'";
  private static final Pattern VALID = Pattern.compile("[a-z0-9-]{1,32}");

  private NetworkDomain() {}

  public static boolean isValid(String domain) {
    return domain != null && VALID.matcher(domain).matches();
  }

  /**
   * Returns {@code domain} if valid; otherwise throws {@link IllegalArgumentException} saying what
   * is allowed.
   */
  public static String check(String domain) {
    if (!isValid(domain)) {
      throw new IllegalArgumentException(RULE + ", got '" + domain + "'");
    }
    return domain;
  }
}
