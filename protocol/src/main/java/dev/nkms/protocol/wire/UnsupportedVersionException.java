package dev.nkms.protocol.wire;

/**
 * An object whose brand this build knows but whose version it does not read: another major, or a newer minor. The
 * version fields are two bytes like any other, so a damaged object can look like this too; a caller deciding whether
 * to say "upgrade" should check that the rest looks like a real newer object.
 */
public final class UnsupportedVersionException extends WireFormatException {
  private final int major;
  private final int minor;
  private final int supportedMajor;
  private final int supportedMinor;

  UnsupportedVersionException(String message, int major, int minor, int supportedMajor, int supportedMinor) {
    super(message);
    this.major = major;
    this.minor = minor;
    this.supportedMajor = supportedMajor;
    this.supportedMinor = supportedMinor;
  }

  /** The version the object claims. */
  public int major() {
    return major;
  }

  public int minor() {
    return minor;
  }

  /** The newest version this build reads. */
  public int supportedMajor() {
    return supportedMajor;
  }

  public int supportedMinor() {
    return supportedMinor;
  }
}
