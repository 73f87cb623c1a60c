package dev.nkms.node.archfixture;

import dev.nkms.client.NkmsException;

/**
 * A deliberately wrong edge for {@code ModuleRulesTest}: node code reaching up into the client.
 * Test code only; the rules check main code, and this class proves they would catch it there.
 */
public final class NodeThatCallsTheClient {
  private NodeThatCallsTheClient() {}

  public static RuntimeException wrong() {
    return new NkmsException(NkmsException.Kind.FAILED, "node code must not use the client");
  }
}
