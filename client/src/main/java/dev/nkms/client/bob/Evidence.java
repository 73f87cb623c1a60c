package dev.nkms.client.bob;

import dev.nkms.protocol.NodeAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Proof that a node misbehaved: its signed re-encryption response (the node cannot deny it), what
 * was wrong, and — when one cfrag is at fault — that capsule and cfrag. Enough for a third party to
 * re-run the check.
 */
public final class Evidence {
  private final NodeAddress node;
  private final String finding;
  private final byte[] capsule;
  private final byte[] cfrag;
  private final byte[] signedResponse;

  public Evidence(
      NodeAddress node, String finding, byte[] capsule, byte[] cfrag, byte[] signedResponse) {
    this.node = Objects.requireNonNull(node);
    this.finding = Objects.requireNonNull(finding);
    if ((capsule == null) != (cfrag == null)) {
      throw new IllegalArgumentException(
          "evidence names both the capsule and the cfrag, or neither");
    }
    if (signedResponse == null || signedResponse.length == 0) {
      throw new IllegalArgumentException("evidence needs the node's signed response");
    }
    this.capsule = capsule == null ? null : capsule.clone();
    this.cfrag = cfrag == null ? null : cfrag.clone();
    this.signedResponse = signedResponse.clone();
  }

  public NodeAddress node() {
    return node;
  }

  /** What is wrong, in one sentence. */
  public String finding() {
    return finding;
  }

  /** The capsule the faulty cfrag answers, if the finding is about one cfrag. */
  public Optional<byte[]> capsule() {
    return Optional.ofNullable(capsule).map(byte[]::clone);
  }

  /** The faulty cfrag, if the finding is about one cfrag. */
  public Optional<byte[]> cfrag() {
    return Optional.ofNullable(cfrag).map(byte[]::clone);
  }

  /** The node's whole signed {@code ReencryptionResponse}. */
  public byte[] signedResponse() {
    return signedResponse.clone();
  }

  @Override
  public String toString() {
    return "Evidence[" + node + ": " + finding + "]";
  }
}
