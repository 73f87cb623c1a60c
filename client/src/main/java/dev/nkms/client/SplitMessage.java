package dev.nkms.client;

/**
 * A sealed message split as the whitepaper's {@code split_edek} does: the header ({@code edek} —
 * the capsule that carries the data key, the conditions and the payload's shape) apart from the
 * encrypted payload, so that an application can store or send them apart. Joined again, in this
 * order, they are the sealed message.
 */
public record SplitMessage(byte[] edek, byte[] payload) {
  public SplitMessage {
    edek = edek.clone();
    payload = payload.clone();
  }

  @Override
  public byte[] edek() {
    return edek.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
