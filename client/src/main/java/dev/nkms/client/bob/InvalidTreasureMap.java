package dev.nkms.client.bob;

/** The treasure map opened with this Bob's key but is malformed or Alice's signature over it does not verify. */
public final class InvalidTreasureMap extends RetrievalException {
  InvalidTreasureMap(String message, Throwable cause) {
    super(message, cause);
  }
}
