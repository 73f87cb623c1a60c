package dev.nkms.protocol.conditions;

import dev.nkms.protocol.wire.MsgpackWriter;

/**
 * A rule a node checks before it re-encrypts. Conditions travel inside Alice-signed policy terms,
 * so nobody can strip them. Encoded as a MessagePack array whose first element is the type name; a
 * node refuses a policy with a condition type it does not know rather than ignoring it.
 */
public interface Condition {
  String type();

  /** Writes {@code [type, params…]}. */
  void write(MsgpackWriter w);

  /** Empty if the condition holds for this request; otherwise why not. */
  java.util.Optional<String> check(RequestContext context);
}
