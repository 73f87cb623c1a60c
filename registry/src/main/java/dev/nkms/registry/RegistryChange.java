package dev.nkms.registry;

import java.util.List;

/** What changed when a registry moved to a new state; each list in node-address order. */
public record RegistryChange(List<Stake> added, List<Stake> removed, List<Stake> updated) {
  public RegistryChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    updated = List.copyOf(updated);
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && updated.isEmpty();
  }
}
