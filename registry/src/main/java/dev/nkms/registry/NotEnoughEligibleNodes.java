package dev.nkms.registry;

import java.util.List;

/**
 * Fewer nodes could be drawn than asked for. The message says how many were wanted and drawn and
 * where the others went; {@link #drawn()} holds what this request did draw, for a caller willing to
 * go on with fewer.
 */
public final class NotEnoughEligibleNodes extends SamplingException {
  private final int requested;
  private final List<Stake> drawn;

  NotEnoughEligibleNodes(int requested, List<Stake> drawn, String accounting) {
    super("wanted " + requested + " node(s), could draw only " + drawn.size() + ": " + accounting);
    this.requested = requested;
    this.drawn = List.copyOf(drawn);
  }

  public int requested() {
    return requested;
  }

  public List<Stake> drawn() {
    return drawn;
  }
}
