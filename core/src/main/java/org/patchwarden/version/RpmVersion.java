package org.patchwarden.version;

import java.util.Objects;

/**
 * An rpm EVR, {@code [epoch:]version[-release]}, split like rpm 4.18 {@code rpmverParse} and
 * ordered like {@code rpmverCmp}: epoch, version, then release, each with {@code rpmvercmp}.
 *
 * <p>Parsing records offsets only, so comparing never allocates.
 */
final class RpmVersion implements Version {
  private final VersionScheme scheme;
  private final String text;
  // The epoch digits are text[0, epochTo); epochTo == 0 means "0" (absent, or ":" alone).
  private final boolean hasEpoch;
  private final int epochTo;
  private final int verFrom;
  private final int verTo;
  // -1 when there is no '-' at all: unlike an empty release, that one is absent.
  private final int relFrom;
  private int hash;

  private RpmVersion(VersionScheme scheme, String text, boolean hasEpoch, int epochTo, int verFrom,
      int verTo, int relFrom) {
    this.scheme = scheme;
    this.text = text;
    this.hasEpoch = hasEpoch;
    this.epochTo = epochTo;
    this.verFrom = verFrom;
    this.verTo = verTo;
    this.relFrom = relFrom;
  }

  static RpmVersion parse(VersionScheme scheme, String text) {
    if (text == null) {
      throw invalid(null, "version is null");
    }
    int n = text.length();
    if (n == 0) {
      // rpmverParse() returns NULL for an empty EVR; it is the only string rpm refuses.
      throw invalid(text, "empty version");
    }
    if (text.indexOf('\0') >= 0) {
      // NB: rpm reads C strings and cannot be handed a NUL; we refuse rather than truncate.
      throw invalid(text, "NUL character in version");
    }
    int s = 0;
    while (s < n && isDigit(text.charAt(s))) {
      s++;
    }
    // NB: the epoch is only the leading digits up to a ':'; "a:1" is a version containing ':'.
    int hyphen = text.lastIndexOf('-');
    boolean hasEpoch = s < n && text.charAt(s) == ':';
    int verFrom = hasEpoch ? s + 1 : 0;
    int epochTo = hasEpoch ? s : 0;
    if (hyphen >= 0) {
      return new RpmVersion(scheme, text, hasEpoch, epochTo, verFrom, hyphen, hyphen + 1);
    }
    return new RpmVersion(scheme, text, hasEpoch, epochTo, verFrom, n, -1);
  }

  private static InvalidVersionException invalid(String text, String reason) {
    return new InvalidVersionException(RpmVersionScheme.NAME, text, reason);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** What rpmvercmp skips: anything but ASCII letters, digits, '~' and '^'. */
  private static boolean isSeparator(char c) {
    return !isDigit(c) && !isAlpha(c) && c != '~' && c != '^';
  }

  /** Compares two runs of digits as numbers of any length. */
  private static int compareDigits(String a, int ai, int ae, String b, int bi, int be) {
    while (ai < ae && a.charAt(ai) == '0') {
      ai++;
    }
    while (bi < be && b.charAt(bi) == '0') {
      bi++;
    }
    int al = ae - ai;
    int bl = be - bi;
    if (al != bl) {
      return al < bl ? -1 : 1;
    }
    for (; ai < ae; ai++, bi++) {
      char ca = a.charAt(ai);
      char cb = b.charAt(bi);
      if (ca != cb) {
        return ca < cb ? -1 : 1;
      }
    }
    return 0;
  }

  /** rpm's {@code rpmvercmp} on {@code a[ai, ae)} and {@code b[bi, be)}. */
  static int rpmvercmp(String a, int ai, int ae, String b, int bi, int be) {
    while (ai < ae || bi < be) {
      while (ai < ae && isSeparator(a.charAt(ai))) {
        ai++;
      }
      while (bi < be && isSeparator(b.charAt(bi))) {
        bi++;
      }
      char ca = ai < ae ? a.charAt(ai) : 0;
      char cb = bi < be ? b.charAt(bi) : 0;
      // '~' sorts before everything, even the end of the string
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        ai++;
        bi++;
        continue;
      }
      // '^' sorts after the end of the string but before anything else
      if (ca == '^' || cb == '^') {
        if (ai == ae) {
          return -1;
        }
        if (bi == be) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        ai++;
        bi++;
        continue;
      }
      if (ai == ae || bi == be) {
        break;
      }
      int aEnd = ai;
      int bEnd = bi;
      int c;
      if (isDigit(ca)) {
        while (aEnd < ae && isDigit(a.charAt(aEnd))) {
          aEnd++;
        }
        while (bEnd < be && isDigit(b.charAt(bEnd))) {
          bEnd++;
        }
        if (bEnd == bi) {
          return 1; // a number is newer than letters
        }
        c = compareDigits(a, ai, aEnd, b, bi, bEnd);
      } else {
        while (aEnd < ae && isAlpha(a.charAt(aEnd))) {
          aEnd++;
        }
        while (bEnd < be && isAlpha(b.charAt(bEnd))) {
          bEnd++;
        }
        if (bEnd == bi) {
          return -1;
        }
        c = compareAlpha(a, ai, aEnd, b, bi, bEnd);
      }
      if (c != 0) {
        return c;
      }
      ai = aEnd;
      bi = bEnd;
    }
    if (ai == ae && bi == be) {
      return 0; // only the separators differed
    }
    return ai == ae ? -1 : 1;
  }

  private static int compareAlpha(String a, int ai, int ae, String b, int bi, int be) {
    for (; ai < ae && bi < be; ai++, bi++) {
      char ca = a.charAt(ai);
      char cb = b.charAt(bi);
      if (ca != cb) {
        return ca < cb ? -1 : 1;
      }
    }
    if (ai == ae) {
      return bi == be ? 0 : -1;
    }
    return 1;
  }

  /** A hash equal for parts rpmvercmp calls equal: the token list, numbers by value. */
  private static int hashPart(String s, int from, int to) {
    int h = 1;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '~' || c == '^') {
        h = 31 * h + c;
        i++;
      } else if (isDigit(c)) {
        while (i < to && s.charAt(i) == '0') {
          i++;
        }
        while (i < to && isDigit(c = s.charAt(i))) {
          h = 31 * h + c;
          i++;
        }
        h = 31 * h + '#';
      } else if (isAlpha(c)) {
        while (i < to && isAlpha(c = s.charAt(i))) {
          h = 31 * h + c;
          i++;
        }
        h = 31 * h + '@';
      } else {
        i++;
      }
    }
    return h;
  }

  private static int hashDigits(String s, int from, int to) {
    int h = 0;
    while (from < to && s.charAt(from) == '0') {
      from++;
    }
    for (; from < to; from++) {
      h = 31 * h + s.charAt(from);
    }
    return h;
  }

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public String normalized() {
    if (!hasEpoch) {
      return text;
    }
    int e = 0;
    while (e < epochTo && text.charAt(e) == '0') {
      e++;
    }
    boolean zero = e == epochTo;
    String rest = text.substring(verFrom);
    // Dropping "0:" must not turn leading digits of the version into an epoch, nor leave "".
    if (zero && !rest.isEmpty() && !startsWithEpoch(rest)) {
      return rest;
    }
    if (zero ? epochTo == 1 : e == 0) {
      return text;
    }
    return (zero ? "0" : text.substring(e, epochTo)) + ":" + rest;
  }

  private static boolean startsWithEpoch(String s) {
    int i = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i < s.length() && s.charAt(i) == ':';
  }

  // Hot path, benchmarked with JMH (goal: >= 50M compares/s on pre-parsed versions): it must not
  // allocate. Keep it to index arithmetic on the stored text: no substring, boxing or streams.
  @Override
  public int compareTo(Version o) {
    Objects.requireNonNull(o, "version");
    if (!(o instanceof RpmVersion other)) {
      throw new IllegalArgumentException(
          "cannot compare an rpm version with a " + o.scheme().name() + " version");
    }
    String a = text;
    String b = other.text;
    int c = compareDigits(a, 0, epochTo, b, 0, other.epochTo);
    if (c != 0) {
      return c;
    }
    c = rpmvercmp(a, verFrom, verTo, b, other.verFrom, other.verTo);
    if (c != 0) {
      return c;
    }
    // NB: rpmverCmp counts a release present on one side only: "1.0-1" > "1.0", and even
    // "1.0-" > "1.0" (an empty release is present).
    if (relFrom < 0 || other.relFrom < 0) {
      return relFrom < 0 ? (other.relFrom < 0 ? 0 : -1) : 1;
    }
    return rpmvercmp(a, relFrom, a.length(), b, other.relFrom, b.length());
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof RpmVersion other && compareTo(other) == 0);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * hashDigits(text, 0, epochTo) + hashPart(text, verFrom, verTo);
      h = 31 * h + (relFrom < 0 ? 0 : hashPart(text, relFrom, text.length()));
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return text;
  }
}
