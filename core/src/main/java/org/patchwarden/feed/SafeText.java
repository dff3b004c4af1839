package org.patchwarden.feed;

/**
 * Input-derived text made safe for a terminal: control characters (C0 but tab and line feed, DEL,
 * C1) become {@code \u001b}-style escapes, so that an escape sequence hidden in a status file or an
 * asset list cannot clear the operator's screen or draw a fake "all clean". The escape is also a
 * valid JSON string escape, and escaping twice changes nothing.
 */
public final class SafeText {
  private SafeText() {}

  /** Whether {@code c} must not reach a terminal as it is. */
  public static boolean unsafe(char c) {
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f);
  }

  /** {@code text} with every {@linkplain #unsafe unsafe} character escaped; null stays null. */
  public static String escape(String text) {
    if (text == null || text.chars().noneMatch(c -> unsafe((char) c))) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      append(b, text.charAt(i));
    }
    return b.toString();
  }

  /** Appends {@code c}, escaped when unsafe. */
  public static void append(StringBuilder b, char c) {
    if (unsafe(c)) {
      b.append(String.format("\\u%04x", (int) c));
    } else {
      b.append(c);
    }
  }
}
