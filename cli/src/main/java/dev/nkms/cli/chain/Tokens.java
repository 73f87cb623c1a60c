package dev.nkms.cli.chain;

import dev.nkms.chain.Economics;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Amounts (tokens or ETH) as people write them ("20000", "0.5") and as the chain counts them (18
 * decimals).
 */
final class Tokens {
  private Tokens() {}

  static BigInteger parse(String text, String option) {
    return parse(text, option, false);
  }

  static BigInteger parse(String text, String option, boolean zeroAllowed) {
    try {
      BigDecimal v = new BigDecimal(text.strip());
      if (v.signum() < 0 || v.signum() == 0 && !zeroAllowed) {
        throw new UserError(
            ExitCode.USAGE,
            option + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", not " + text);
      }
      return v.multiply(new BigDecimal(Economics.TOKEN)).toBigIntegerExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UserError(
          ExitCode.USAGE, option + " takes an amount with at most 18 decimals, not '" + text + "'");
    }
  }

  static String format(BigInteger units) {
    return decimal(units) + " NKMS";
  }

  static String formatEth(BigInteger wei) {
    return decimal(wei) + " ETH";
  }

  private static String decimal(BigInteger units) {
    return new BigDecimal(units)
        .divide(new BigDecimal(Economics.TOKEN))
        .stripTrailingZeros()
        .toPlainString();
  }
}
