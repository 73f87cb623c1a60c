package dev.nkms.client;

import dev.nkms.protocol.Hrac;
import java.time.Instant;

/**
 * A granted policy and what Bob needs to use it: the treasure map, encrypted to him and signed by
 * Alice. Public: it can travel by any channel; only Bob can open it, and it says nothing without
 * the kfrags the nodes hold.
 */
public record Share(
    Hrac policy, String label, int threshold, int shares, Instant expiry, byte[] treasureMap) {
  public Share {
    treasureMap = treasureMap.clone();
  }

  @Override
  public byte[] treasureMap() {
    return treasureMap.clone();
  }
}
