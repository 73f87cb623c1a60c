package dev.nkms.protocol.wire;

/**
 * An object whose brand this build knows but whose version it does not read: another major, or a
 * newer minor. The version fields are two bytes like any other, so a damaged object can look like
 * this too; a caller deciding whether to say "upgrade" should ask {@link #looksNewer}.
 */
public final class UnsupportedVersionException extends WireFormatException {
  private final int major;
  private final int minor;
  private final int supportedMajor;
  private final int supportedMinor;

  UnsupportedVersionException(
      String message, int major, int minor, int supportedMajor, int supportedMinor) {
    super(message);
    this.major = major;
    this.minor = minor;
    this.supportedMajor = supportedMajor;
    this.supportedMinor = supportedMinor;
  }

  /** Parses an object of this build's version (e.g. {@code MessageKit::fromBytes}). */
  @FunctionalInterface
  public interface Parser {
    void parse(byte[] object) throws WireFormatException;
  }

  /** How far above this build's version a version may be and still be taken for a real one. */
  public static final int PLAUSIBLE_STEPS = 8;

  /**
   * Whether the refused {@code object} (whole, header included) is really from a newer nkms rather
   * than damaged. The version is two plain bytes, so damage can put any number there. A real newer
   * object has a version close above ours (versions are numbered one after another), and it is not
   * exactly an object of our version: if the same bytes parse once the version field is set back to
   * ours, only the version field was wrong, which is damage.
   */
  public boolean looksNewer(byte[] object, Parser asOurs) {
    boolean close =
        major == supportedMajor
            ? minor > supportedMinor && minor <= supportedMinor + PLAUSIBLE_STEPS
            : major > supportedMajor
                && major <= supportedMajor + PLAUSIBLE_STEPS
                && minor <= PLAUSIBLE_STEPS;
    if (!close || object.length < Envelope.HEADER_LENGTH) {
      return false;
    }
    byte[] ours = object.clone();
    ours[4] = (byte) (supportedMajor >>> 8);
    ours[5] = (byte) supportedMajor;
    ours[6] = (byte) (supportedMinor >>> 8);
    ours[7] = (byte) supportedMinor;
    try {
      asOurs.parse(ours);
      return false;
    } catch (WireFormatException notOurs) {
      return true;
    }
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
