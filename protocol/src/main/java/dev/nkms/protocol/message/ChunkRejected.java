package dev.nkms.protocol.message;

/**
 * A chunk failed authentication: it was altered, moved to another position, taken from another
 * message, or the key is not this message's key. Its plaintext was not written.
 */
public final class ChunkRejected extends SealedMessageException {
  private final long chunkIndex;

  public ChunkRejected(long chunkIndex, String message) {
    super(message);
    this.chunkIndex = chunkIndex;
  }

  public long chunkIndex() {
    return chunkIndex;
  }
}
