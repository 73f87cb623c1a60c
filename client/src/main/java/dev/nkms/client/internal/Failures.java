package dev.nkms.client.internal;

import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeMisbehaved;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.network.transport.NodeUnreachable;
import java.time.Duration;

/** One-line reasons for a failed node call, for reports and exception messages. Not API. */
public final class Failures {
  private Failures() {}

  public static String describe(Fanout.Outcome<?, ?> outcome, Duration timeout) {
    if (outcome.timedOut()) {
      return "no answer within " + timeout.toMillis() + " ms";
    }
    return describe(outcome.failure());
  }

  public static String describe(Throwable t) {
    if (t instanceof NodeRejected) {
      return "refused: "
          + ((NodeRejected) t).status()
          + " "
          + ((NodeRejected) t).code().wire()
          + " ("
          + ((NodeRejected) t).nodeMessage()
          + ")";
    }
    if (t instanceof NodeUnreachable) {
      return "unreachable: " + t.getMessage();
    }
    if (t instanceof NodeMisbehaved) {
      return "misbehaved: " + t.getMessage();
    }
    if (t instanceof NodeException) {
      return t.getMessage();
    }
    return "failed: " + t;
  }
}
