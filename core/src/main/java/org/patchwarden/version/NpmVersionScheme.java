package org.patchwarden.version;

/**
 * npm's versions and ranges, as node-semver 7.8 ({@code semver.parse}, {@code semver.compare},
 * {@code semver.satisfies}) reads them with default, non-loose options.
 *
 * <p>Also the plain-SemVer comparator for OSV's {@code SEMVER} range type and the OSV {@code Go}
 * ecosystem, whose versions carry no {@code v} prefix.
 */
public final class NpmVersionScheme implements VersionScheme {
  static final String NAME = "npm";

  /** node-semver's MAX_LENGTH: longer inputs are rejected before any other check. */
  static final int MAX_LENGTH = 256;

  /** JavaScript's Number.MAX_SAFE_INTEGER, the largest major/minor/patch node-semver accepts. */
  static final long MAX_SAFE_INTEGER = 9007199254740991L;

  private static final String[] NO_PRERELEASE = new String[0];
  private static final double[] NO_NUMBERS = new double[0];

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public NpmVersion parse(String text) {
    if (text == null) {
      throw new InvalidVersionException(NAME, null, "null version");
    }
    int n = text.length();
    if (n > MAX_LENGTH) {
      // NB: node-semver measures the length before trimming whitespace.
      throw new InvalidVersionException(NAME, text, "longer than " + MAX_LENGTH + " characters");
    }
    int start = 0;
    int end = n;
    while (start < end && isJsWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isJsWhitespace(text.charAt(end - 1))) {
      end--;
    }
    int i = start;
    if (i < end && text.charAt(i) == 'v') {
      i++;
    }
    int majorEnd = numericEnd(text, i, end);
    long major = component(text, i, majorEnd, "major");
    i = expectDot(text, majorEnd, end);
    int minorEnd = numericEnd(text, i, end);
    long minor = component(text, i, minorEnd, "minor");
    i = expectDot(text, minorEnd, end);
    int patchEnd = numericEnd(text, i, end);
    long patch = component(text, i, patchEnd, "patch");
    i = patchEnd;

    String[] pre = NO_PRERELEASE;
    double[] preNum = NO_NUMBERS;
    if (i < end && text.charAt(i) == '-') {
      int preEnd = SemVerIdentifiers.preReleaseEnd(NAME, text, i + 1, end);
      double[] values = new double[SemVerIdentifiers.count(text, i + 1, preEnd)];
      pre = SemVerIdentifiers.preRelease(NAME, text, i + 1, preEnd,
          (k, from, to) -> values[k] = identifierNumber(text, from, to));
      preNum = values;
      i = preEnd;
    }
    if (i < end && text.charAt(i) == '+') {
      SemVerIdentifiers.checkBuild(NAME, text, i + 1, end);
      i = end;
    }
    if (i != end) {
      throw new InvalidVersionException(NAME, text, "unexpected '" + text.charAt(i) + "' at " + i);
    }
    return new NpmVersion(this, text, major, minor, patch, pre, preNum);
  }

  @Override
  public VersionRange parseRange(String text) {
    return NpmRange.parse(this, text);
  }

  private static int numericEnd(String s, int i, int end) {
    while (i < end && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int expectDot(String s, int i, int end) {
    if (i >= end || s.charAt(i) != '.') {
      throw new InvalidVersionException(NAME, s, "expected MAJOR.MINOR.PATCH");
    }
    return i + 1;
  }

  private static long component(String s, int from, int to, String what) {
    int len = to - from;
    if (len == 0) {
      throw new InvalidVersionException(NAME, s, "expected MAJOR.MINOR.PATCH");
    }
    if (len > 1 && s.charAt(from) == '0') {
      throw new InvalidVersionException(NAME, s, what + " has a leading zero");
    }
    // 17 digits without a leading zero always exceed 2^53 - 1: no overflow below.
    if (len > 16) {
      throw new InvalidVersionException(NAME, s, "invalid " + what + " version (above 2^53 - 1)");
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    if (v > MAX_SAFE_INTEGER) {
      throw new InvalidVersionException(NAME, s, "invalid " + what + " version (above 2^53 - 1)");
    }
    return v;
  }

  /**
   * The value a numeric pre-release identifier has in node-semver, NaN for an alphanumeric one. NB:
   * JavaScript compares digit-only identifiers as doubles, so identifiers beyond 2^53 that round to
   * the same double are equal there, and here.
   */
  private static double identifierNumber(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return Double.NaN;
      }
    }
    if (to - from > 1 && s.charAt(from) == '0') {
      throw new InvalidVersionException(
          NAME, s, "numeric pre-release identifier has a leading zero");
    }
    if (to - from <= 15) {
      long v = 0;
      for (int i = from; i < to; i++) {
        v = v * 10 + (s.charAt(i) - '0');
      }
      return v;
    }
    // Correctly rounded, like JavaScript's Number(); overflows to Infinity past ~1.8e308 as JS
    // does.
    return Double.parseDouble(s.substring(from, to));
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** JavaScript's WhiteSpace and LineTerminator set, what {@code trim()} and {@code \s} use. */
  static boolean isJsWhitespace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r');
    }
    return c == '\u00a0'
        || c == '\u1680'
        || (c >= '\u2000' && c <= '\u200a')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202f'
        || c == '\u205f'
        || c == '\u3000'
        || c == '\ufeff';
  }

  @Override
  public String toString() {
    return NAME;
  }
}
