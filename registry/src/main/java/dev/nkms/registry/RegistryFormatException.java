package dev.nkms.registry;

import dev.nkms.crypto.MalformedInputException;

/**
 * A registry text file (the federation file) that does not follow its format. The message names the
 * file (when there is one) and the line. The signed node list itself is a wire object and fails
 * with {@link dev.nkms.protocol.wire.WireFormatException}; both are {@link
 * MalformedInputException}s.
 */
public final class RegistryFormatException extends MalformedInputException {
  public RegistryFormatException(String message) {
    super(message);
  }
}
