package dev.nkms.node;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a node in the order they started, to stop them last first: a part stops only after
 * every part started after it — those are the ones that may use it (duties use health checks, the
 * server the learner, all of them the store). Closing one that fails is logged and does not keep
 * the others open.
 */
final class StartedParts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StartedParts.class);

  private final Deque<Part> started = new ArrayDeque<>();

  private record Part(String name, AutoCloseable part) {}

  /** Registers {@code part}, just started or opened, and returns it. */
  <T extends AutoCloseable> T add(String name, T part) {
    started.push(new Part(name, part));
    return part;
  }

  @Override
  public void close() {
    Part p;
    while ((p = started.poll()) != null) {
      try {
        p.part().close();
      } catch (Exception e) {
        LOG.warn("closing the {}: {}", p.name(), e.toString());
      }
    }
  }
}
