package dev.nkms.protocol.wire;

import dev.nkms.crypto.MalformedInputException;

/**
 * Bytes that are not a valid protocol object: bad brand or version, non-canonical MessagePack,
 * truncation, oversize.
 */
public class WireFormatException extends MalformedInputException {
  public WireFormatException(String message) {
    super(message);
  }
}
