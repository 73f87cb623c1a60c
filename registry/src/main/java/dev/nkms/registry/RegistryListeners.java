package dev.nkms.registry;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A registry's listeners. A listener that throws does not stop the others; the first exception is
 * rethrown after all of them ran (the change itself stands).
 */
public final class RegistryListeners {
  private final List<Consumer<RegistryChange>> listeners = new CopyOnWriteArrayList<>();

  public void add(Consumer<RegistryChange> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public void remove(Consumer<RegistryChange> listener) {
    listeners.remove(listener);
  }

  public void announce(RegistryChange change) {
    RuntimeException first = null;
    for (Consumer<RegistryChange> l : listeners) {
      try {
        l.accept(change);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
