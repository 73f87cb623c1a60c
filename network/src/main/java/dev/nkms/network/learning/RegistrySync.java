package dev.nkms.network.learning;

import java.util.Optional;

/**
 * How a learner passes the registry along: a federated registry is a signed document that peers
 * gossip (newest serial wins, verified before adoption); an on-chain registry needs none of this
 * ({@link #none()}).
 */
public interface RegistrySync {
  /** The serial of the document held; 0 when none. */
  long serial();

  /** The signed document to hand to a learner whose serial is older. */
  Optional<byte[]> document();

  /**
   * Called once at the start of every learning round: a chance to pick up a newer document from
   * elsewhere (an operator's file), so that answering learners never does that I/O.
   */
  default void refresh() {}

  /**
   * Offers a document a teacher sent; true if it was verified, newer, and adopted. Never throws on
   * bad input.
   */
  boolean offer(byte[] document);

  static RegistrySync none() {
    return refreshedBy(() -> {});
  }

  /**
   * For a registry everyone reads from the same source (a chain): nothing to gossip, and {@code
   * refresh} runs at the start of every learning round.
   */
  static RegistrySync refreshedBy(Runnable refresh) {
    return new RegistrySync() {
      @Override
      public long serial() {
        return 0;
      }

      @Override
      public Optional<byte[]> document() {
        return Optional.empty();
      }

      @Override
      public void refresh() {
        refresh.run();
      }

      @Override
      public boolean offer(byte[] document) {
        return false;
      }
    };
  }
}
