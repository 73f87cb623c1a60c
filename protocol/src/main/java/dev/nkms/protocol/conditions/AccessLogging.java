package dev.nkms.protocol.conditions;

import dev.nkms.protocol.wire.MsgpackWriter;
import java.util.Optional;

/**
 * Mandatory access logging (whitepaper Sec. VIII.H): the node must durably append the request to
 * its hash-chained access log before it answers. A node that cannot log must refuse.
 */
public final class AccessLogging implements Condition {
  public static final String TYPE = "access-log";
  public static final AccessLogging REQUIRED = new AccessLogging();

  private AccessLogging() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void write(MsgpackWriter w) {
    w.array(1).str(TYPE);
  }

  @Override
  public Optional<String> check(RequestContext context) {
    return context.accessLogged()
        ? Optional.empty()
        : Optional.of("condition not met: the request could not be recorded in the access log");
  }

  @Override
  public String toString() {
    return TYPE;
  }
}
