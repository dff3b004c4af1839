package org.patchwarden.version;

/**
 * A Go module version; build metadata is kept only in the text.
 *
 * <p>Go puts no bound on numbers. Each number is held as a {@code long} when it has at most 18
 * digits (every real version), otherwise as its digit string, so comparing the common case touches
 * no other object.
 */
final class GoVersion implements Version {
  /** {@link #value} of a number too long for a long; its digits are kept instead. */
  static final long BIG = -1;

  /** Value slot of an alphanumeric pre-release identifier. */
  static final long ALPHANUMERIC = -2;

  private final GoVersionScheme scheme;
  private final String text;
  private final long major;
  private final long minor;
  private final long patch;
  private final String bigMajor;
  private final String bigMinor;
  private final String bigPatch;
  private final String[] pre;

  /** Per identifier: its numeric value, {@link #BIG} or {@link #ALPHANUMERIC}. */
  private final long[] preNum;

  private String normalized;
  private int hash;

  GoVersion(
      GoVersionScheme scheme,
      String text,
      long major,
      String bigMajor,
      long minor,
      String bigMinor,
      long patch,
      String bigPatch,
      String[] pre,
      long[] preNum) {
    this.scheme = scheme;
    this.text = text;
    this.major = major;
    this.bigMajor = bigMajor;
    this.minor = minor;
    this.bigMinor = bigMinor;
    this.patch = patch;
    this.bigPatch = bigPatch;
    this.pre = pre;
    this.preNum = preNum;
  }

  /** The value of the digits {@code s[from, to)} (no leading zeros), or {@link #BIG}. */
  static long value(String s, int from, int to) {
    return to - from > Digits.MAX_LONG_DIGITS ? BIG : Digits.value(s, from, to);
  }

  /** The digits {@code s[from, to)} when {@link #value} cannot hold them, else null. */
  static String digitsIfBig(String s, int from, int to) {
    return to - from > Digits.MAX_LONG_DIGITS ? s.substring(from, to) : null;
  }

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public String text() {
    return text;
  }

  /** x/mod's {@code semver.Canonical}: shorthands filled in, build metadata dropped. */
  @Override
  public String normalized() {
    String s = normalized;
    if (s == null) {
      StringBuilder b = new StringBuilder(text.length() + 4);
      b.append('v');
      appendNumber(b, major, bigMajor).append('.');
      appendNumber(b, minor, bigMinor).append('.');
      appendNumber(b, patch, bigPatch);
      for (int i = 0; i < pre.length; i++) {
        b.append(i == 0 ? '-' : '.').append(pre[i]);
      }
      s = b.toString();
      normalized = s;
    }
    return s;
  }

  private static StringBuilder appendNumber(StringBuilder b, long value, String big) {
    return big != null ? b.append(big) : b.append(value);
  }

  @Override
  public int compareTo(Version other) {
    if (!(other instanceof GoVersion o)) {
      throw new IllegalArgumentException(
          "cannot compare a Go version with " + (other == null ? "null" : other.scheme().name()));
    }
    int c = Digits.compare(major, bigMajor, o.major, o.bigMajor);
    if (c != 0) {
      return c;
    }
    c = Digits.compare(minor, bigMinor, o.minor, o.bigMinor);
    if (c != 0) {
      return c;
    }
    c = Digits.compare(patch, bigPatch, o.patch, o.bigPatch);
    if (c != 0) {
      return c;
    }
    return comparePre(o);
  }

  private int comparePre(GoVersion o) {
    String[] a = pre;
    String[] b = o.pre;
    if (a.length == 0 || b.length == 0) {
      // A release sorts above all of its pre-releases.
      return a.length == b.length ? 0 : a.length == 0 ? 1 : -1;
    }
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      long x = preNum[i];
      long y = o.preNum[i];
      int c;
      if (x >= 0 && y >= 0) {
        c = x < y ? -1 : x > y ? 1 : 0;
      } else if (x == ALPHANUMERIC || y == ALPHANUMERIC) {
        if (x != y) {
          c = x == ALPHANUMERIC ? 1 : -1; // numeric identifiers sort first
        } else {
          int d = a[i].compareTo(b[i]);
          c = d < 0 ? -1 : d > 0 ? 1 : 0;
        }
      } else {
        c = Digits.compare(x, x == BIG ? a[i] : null, y, y == BIG ? b[i] : null);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof GoVersion o && compareTo(o) == 0;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = bigMajor != null ? bigMajor.hashCode() : Long.hashCode(major);
      h = 31 * h + (bigMinor != null ? bigMinor.hashCode() : Long.hashCode(minor));
      h = 31 * h + (bigPatch != null ? bigPatch.hashCode() : Long.hashCode(patch));
      for (String id : pre) {
        h = 31 * h + id.hashCode();
      }
      hash = h == 0 ? 1 : h;
      h = hash;
    }
    return h;
  }

  @Override
  public String toString() {
    return text;
  }
}
