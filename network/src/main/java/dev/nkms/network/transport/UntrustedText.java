package dev.nkms.network.transport;

/** Text from the network, made safe to put into exception messages and logs. Not API. */
public final class UntrustedText {
  private UntrustedText() {}

  /**
   * Replaces control characters and caps the length, so a node cannot forge log lines or flood
   * messages.
   */
  public static String sanitize(String s, int maxChars) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), maxChars));
    for (int i = 0; i < s.length() && sb.length() < maxChars; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
    }
    if (s.length() > maxChars) {
      sb.append('…');
    }
    return sb.toString();
  }

  public static String sanitize(String s) {
    return sanitize(s, 300);
  }
}
