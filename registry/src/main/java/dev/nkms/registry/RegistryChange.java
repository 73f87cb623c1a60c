package dev.nkms.registry;

import java.util.List;

/** What changed when a registry moved to a new state; each list in node-address order. */
public record RegistryChange(List<Stake> added, List<Stake> removed, List<Stake> updated) {
  public RegistryChange {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    updated = List.copyOf(updated);
  }

  /**
   * The change from {@code before} to {@code after}; both in node order, so one merge pass finds
   * it.
   */
  public static RegistryChange between(List<Stake> before, List<Stake> after) {
    List<Stake> added = new java.util.ArrayList<>();
    List<Stake> removed = new java.util.ArrayList<>();
    List<Stake> updated = new java.util.ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < before.size() || j < after.size()) {
      int c =
          i == before.size()
              ? 1
              : j == after.size() ? -1 : before.get(i).node().compareTo(after.get(j).node());
      if (c < 0) {
        removed.add(before.get(i++));
      } else if (c > 0) {
        added.add(after.get(j++));
      } else {
        if (!before.get(i).equals(after.get(j))) {
          updated.add(after.get(j));
        }
        i++;
        j++;
      }
    }
    return new RegistryChange(added, removed, updated);
  }

  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && updated.isEmpty();
  }
}
