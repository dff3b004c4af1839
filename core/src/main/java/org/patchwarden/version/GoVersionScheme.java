package org.patchwarden.version;

/**
 * Go module versions as golang.org/x/mod/semver reads them: a required {@code v}, the shorthands
 * {@code v1} and {@code v1.2}, SemVer pre-releases (pseudo-versions are ordinary pre-releases) and
 * build metadata such as {@code +incompatible}, which takes no part in ordering.
 */
public final class GoVersionScheme implements VersionScheme {
  static final String NAME = "go";

  private static final String[] NO_PRERELEASE = new String[0];
  private static final long[] NO_VALUES = new long[0];

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GoVersion parse(String text) {
    if (text == null) {
      throw new InvalidVersionException(NAME, null, "null version");
    }
    int n = text.length();
    if (n == 0 || text.charAt(0) != 'v') {
      throw new InvalidVersionException(NAME, text, "must start with 'v'");
    }
    int majorEnd = numberEnd(text, 1, "major");
    long major = GoVersion.value(text, 1, majorEnd);
    String bigMajor = GoVersion.digitsIfBig(text, 1, majorEnd);
    if (majorEnd == n) {
      return new GoVersion(this, text, major, bigMajor, 0, null, 0, null, NO_PRERELEASE, NO_VALUES);
    }
    expect(text, majorEnd, '.');
    int minorEnd = numberEnd(text, majorEnd + 1, "minor");
    long minor = GoVersion.value(text, majorEnd + 1, minorEnd);
    String bigMinor = GoVersion.digitsIfBig(text, majorEnd + 1, minorEnd);
    if (minorEnd == n) {
      return new GoVersion(
          this, text, major, bigMajor, minor, bigMinor, 0, null, NO_PRERELEASE, NO_VALUES);
    }
    expect(text, minorEnd, '.');
    int patchEnd = numberEnd(text, minorEnd + 1, "patch");
    long patch = GoVersion.value(text, minorEnd + 1, patchEnd);
    String bigPatch = GoVersion.digitsIfBig(text, minorEnd + 1, patchEnd);
    int i = patchEnd;
    String[] pre = NO_PRERELEASE;
    long[] preNum = NO_VALUES;
    if (i < n && text.charAt(i) == '-') {
      int preEnd = SemVerIdentifiers.preReleaseEnd(NAME, text, i + 1, n);
      long[] values = new long[SemVerIdentifiers.count(text, i + 1, preEnd)];
      pre = SemVerIdentifiers.preRelease(NAME, text, i + 1, preEnd,
          (k, from, to) -> values[k] = identifierValue(text, from, to));
      preNum = values;
      i = preEnd;
    }
    if (i < n && text.charAt(i) == '+') {
      SemVerIdentifiers.checkBuild(NAME, text, i + 1, n);
      i = n;
    }
    if (i != n) {
      throw new InvalidVersionException(NAME, text, "unexpected '" + text.charAt(i) + "' at " + i);
    }
    return new GoVersion(
        this, text, major, bigMajor, minor, bigMinor, patch, bigPatch, pre, preNum);
  }

  private static int numberEnd(String s, int i, String what) {
    int n = s.length();
    int j = i;
    while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
      j++;
    }
    if (j == i) {
      throw new InvalidVersionException(NAME, s, "missing " + what + " number");
    }
    if (s.charAt(i) == '0' && j - i > 1) {
      throw new InvalidVersionException(NAME, s, what + " number has a leading zero");
    }
    return j;
  }

  private static void expect(String s, int i, char c) {
    if (s.charAt(i) != c) {
      throw new InvalidVersionException(
          NAME,
          s,
          "unexpected '"
              + s.charAt(i)
              + "' at "
              + i
              + " (the vMAJOR and vMAJOR.MINOR "
              + "shorthands take no suffix)");
    }
  }

  /** A pre-release identifier's slot in {@link GoVersion}: its value, or ALPHANUMERIC. */
  private static long identifierValue(String s, int from, int to) {
    boolean digits = allDigits(s, from, to);
    if (digits && to - from > 1 && s.charAt(from) == '0') {
      throw new InvalidVersionException(
          NAME, s, "numeric pre-release identifier has a leading zero");
    }
    return digits ? GoVersion.value(s, from, to) : GoVersion.ALPHANUMERIC;
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
