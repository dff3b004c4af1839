package org.patchwarden.version;

/**
 * The SemVer 2.0 syntax of pre-release and build identifiers, which node-semver and Go's
 * x/mod/semver read alike: dot-separated, none empty, each of {@code [0-9A-Za-z-]}. What a numeric
 * identifier is worth differs between them, so each scheme reads the values itself.
 */
final class SemVerIdentifiers {
  private SemVerIdentifiers() {}

  /** Receives the identifiers {@code text[from, to)} of a pre-release one by one, in order. */
  @FunctionalInterface
  interface Reader {
    void read(int index, int from, int to);
  }

  static boolean isIdentChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  /**
   * The end of the pre-release that starts at {@code from} (after its '-'): the first '+' or
   * {@code end}. Every character before it must be an identifier character or a '.'.
   */
  static int preReleaseEnd(String scheme, String text, int from, int end) {
    int i = from;
    while (i < end && text.charAt(i) != '+') {
      char c = text.charAt(i);
      if (c != '.' && !isIdentChar(c)) {
        throw new InvalidVersionException(scheme, text, "invalid character in pre-release");
      }
      i++;
    }
    return i;
  }

  /**
   * Splits the pre-release {@code text[from, to)} (see {@link #preReleaseEnd}) at its dots: hands
   * each identifier to {@code reader}, which may reject it, and returns their texts.
   */
  static String[] preRelease(String scheme, String text, int from, int to, Reader reader) {
    String[] ids = new String[count(text, from, to)];
    int k = 0;
    int start = from;
    for (int j = from; j <= to; j++) {
      if (j == to || text.charAt(j) == '.') {
        if (j == start) {
          throw new InvalidVersionException(scheme, text, "empty pre-release identifier");
        }
        reader.read(k, start, j);
        ids[k++] = text.substring(start, j);
        start = j + 1;
      }
    }
    return ids;
  }

  /** How many identifiers {@code text[from, to)} holds: one more than its dots. */
  static int count(String text, int from, int to) {
    int count = 1;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '.') {
        count++;
      }
    }
    return count;
  }

  /** Checks the build metadata {@code text[from, end)} that follows a '+'. */
  static void checkBuild(String scheme, String text, int from, int end) {
    int start = from;
    for (int j = start; j <= end; j++) {
      if (j == end || text.charAt(j) == '.') {
        if (j == start) {
          throw new InvalidVersionException(scheme, text, "empty build identifier");
        }
        start = j + 1;
      } else if (!isIdentChar(text.charAt(j))) {
        throw new InvalidVersionException(scheme, text, "invalid character in build metadata");
      }
    }
  }
}
