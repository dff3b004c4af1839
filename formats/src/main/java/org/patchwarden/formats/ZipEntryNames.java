package org.patchwarden.formats;

import java.util.regex.Pattern;

/** The one rule for archive entry names that every zip reader applies before using an entry. */
public final class ZipEntryNames {
  private static final Pattern ABSOLUTE = Pattern.compile("^(?:[/\\\\]|[A-Za-z]:)");
  private static final Pattern SEPARATOR = Pattern.compile("[/\\\\]");

  private ZipEntryNames() {}

  /**
   * Whether {@code name} is absolute (Unix, Windows or drive-letter), holds a NUL, or climbs with a
   * {@code ..} segment: no archive we read has a reason to, and extracting one escapes its directory.
   */
  public static boolean unsafe(String name) {
    if (ABSOLUTE.matcher(name).lookingAt() || name.indexOf('\0') >= 0) {
      return true;
    }
    for (String segment : SEPARATOR.split(name)) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
