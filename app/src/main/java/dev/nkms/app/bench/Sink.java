package dev.nkms.app.bench;

/**
 * Where timed operations put their results: a volatile write the JIT cannot prove useless, so no
 * work is dropped as dead code.
 */
final class Sink {
  private static volatile Object last;

  private Sink() {}

  static void keep(Object result) {
    last = result;
  }
}
