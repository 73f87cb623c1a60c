package dev.nkms.app.bench;

/**
 * One call of what a benchmark times; its result goes to {@link Sink} so that the work is not dead
 * code.
 */
@FunctionalInterface
interface TimedOp {
  Object run() throws Exception;
}
