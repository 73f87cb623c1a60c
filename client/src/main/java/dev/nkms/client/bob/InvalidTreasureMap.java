package dev.nkms.client.bob;

/**
 * The treasure map decrypted with this Bob's key, but what it holds is not a well-formed signed
 * map: a damaged or badly made map (the cipher authenticated it, so it left its maker like this).
 */
public final class InvalidTreasureMap extends RetrievalException {
  InvalidTreasureMap(String message, Throwable cause) {
    super(message, cause);
  }
}
