package dev.nkms.node.service;

/** A request the node will not serve, with a reason and a one-sentence message safe to send to the client. */
public final class RefusedException extends Exception {
  private final Refusal refusal;

  public RefusedException(Refusal refusal, String message) {
    super(message, null, false, false); // expected outcome: no stack trace needed
    this.refusal = refusal;
  }

  public Refusal refusal() {
    return refusal;
  }
}
