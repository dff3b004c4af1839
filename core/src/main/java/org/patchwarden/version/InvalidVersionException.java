package org.patchwarden.version;

/** A version string the ecosystem's rules reject; the message names the scheme, input and reason. */
public final class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN = 80;

  private final String input;

  public InvalidVersionException(String scheme, String input, String reason) {
    super("invalid " + scheme + " version '" + shorten(input) + "': " + reason);
    this.input = input;
  }

  /** The rejected text. */
  public String input() {
    return input;
  }

  /** Bounds what lands in a message: a 10 kB garbage string must not flood a log. */
  static String shorten(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 8);
    for (int i = 0; i < s.length() && i < MAX_SHOWN; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (s.length() > MAX_SHOWN) {
      out.append("…(").append(s.length()).append(" chars)");
    }
    return out.toString();
  }
}
