package org.patchwarden.version;

/**
 * A Go module version; numbers are kept as their digits (Go puts no bound on them), build metadata
 * only in the text.
 */
final class GoVersion implements Version {
  private final GoVersionScheme scheme;
  private final String text;
  private final String major;
  private final String minor;
  private final String patch;
  private final String[] pre;
  private final boolean[] numeric;

  private String normalized;
  private int hash;

  GoVersion(
      GoVersionScheme scheme,
      String text,
      String major,
      String minor,
      String patch,
      String[] pre,
      boolean[] numeric) {
    this.scheme = scheme;
    this.text = text;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
    this.numeric = numeric;
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
      b.append('v').append(major).append('.').append(minor).append('.').append(patch);
      for (int i = 0; i < pre.length; i++) {
        b.append(i == 0 ? '-' : '.').append(pre[i]);
      }
      s = b.toString();
      normalized = s;
    }
    return s;
  }

  @Override
  public int compareTo(Version other) {
    if (!(other instanceof GoVersion o)) {
      throw new IllegalArgumentException(
          "cannot compare a Go version with " + (other == null ? "null" : other.scheme().name()));
    }
    int c = compareDigits(major, o.major);
    if (c == 0) {
      c = compareDigits(minor, o.minor);
      if (c == 0) {
        c = compareDigits(patch, o.patch);
        if (c == 0) {
          c = comparePre(o);
        }
      }
    }
    return c;
  }

  /** Digit strings without leading zeros: the longer is larger, else the lexically larger. */
  private static int compareDigits(String x, String y) {
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    int c = x.compareTo(y);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }

  private int comparePre(GoVersion o) {
    String[] a = pre;
    String[] b = o.pre;
    if (a.length == 0 || b.length == 0) {
      return a.length == b.length ? 0 : a.length == 0 ? 1 : -1;
    }
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      boolean xNum = numeric[i];
      boolean yNum = o.numeric[i];
      int c;
      if (xNum != yNum) {
        c = xNum ? -1 : 1;
      } else if (xNum) {
        c = compareDigits(a[i], b[i]);
      } else {
        int d = a[i].compareTo(b[i]);
        c = d < 0 ? -1 : d > 0 ? 1 : 0;
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
      h = major.hashCode();
      h = 31 * h + minor.hashCode();
      h = 31 * h + patch.hashCode();
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
