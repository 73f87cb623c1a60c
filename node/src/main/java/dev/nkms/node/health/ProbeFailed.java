package dev.nkms.node.health;

/**
 * The node answered a health-check step, but the answer does not check out; the message says how.
 */
final class ProbeFailed extends Exception {
  ProbeFailed(String message) {
    super(message);
  }
}
