package dev.nkms.registry;

/** A node selection that cannot be made as asked. */
public abstract sealed class SamplingException extends Exception
    permits NotEnoughEligibleNodes, HandpickedNodeUnavailable {
  SamplingException(String message) {
    super(message);
  }
}
