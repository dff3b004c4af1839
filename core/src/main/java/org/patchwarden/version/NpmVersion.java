package org.patchwarden.version;

/**
 * A node-semver version: MAJOR.MINOR.PATCH, pre-release identifiers, build metadata kept only in
 * the text (it never takes part in ordering or equality).
 */
final class NpmVersion implements Version {
  private final NpmVersionScheme scheme;
  private final String text;
  private final long major;
  private final long minor;
  private final long patch;
  private final String[] pre;

  /** Per identifier: its numeric value, or NaN when it is alphanumeric. */
  private final double[] preNum;

  private String normalized;
  private int hash;

  NpmVersion(
      NpmVersionScheme scheme,
      String text,
      long major,
      long minor,
      long patch,
      String[] pre,
      double[] preNum) {
    this.scheme = scheme;
    this.text = text;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
    this.preNum = preNum;
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
    String s = normalized;
    if (s == null) {
      StringBuilder b = new StringBuilder(24);
      b.append(major).append('.').append(minor).append('.').append(patch);
      for (int i = 0; i < pre.length; i++) {
        b.append(i == 0 ? '-' : '.').append(pre[i]);
      }
      s = b.toString();
      normalized = s;
    }
    return s;
  }

  long major() {
    return major;
  }

  long minor() {
    return minor;
  }

  long patch() {
    return patch;
  }

  boolean isPrerelease() {
    return pre.length > 0;
  }

  /** Whether both have the same MAJOR.MINOR.PATCH, the tuple npm's pre-release rule looks at. */
  boolean sameTuple(NpmVersion o) {
    return major == o.major && minor == o.minor && patch == o.patch;
  }

  @Override
  public int compareTo(Version other) {
    if (!(other instanceof NpmVersion o)) {
      throw new IllegalArgumentException(
          "cannot compare an npm version with " + (other == null ? "null" : other.scheme().name()));
    }
    if (major != o.major) {
      return major < o.major ? -1 : 1;
    }
    if (minor != o.minor) {
      return minor < o.minor ? -1 : 1;
    }
    if (patch != o.patch) {
      return patch < o.patch ? -1 : 1;
    }
    return comparePre(o);
  }

  private int comparePre(NpmVersion o) {
    String[] a = pre;
    String[] b = o.pre;
    if (a.length == 0 || b.length == 0) {
      // A release sorts above all of its pre-releases.
      return a.length == b.length ? 0 : a.length == 0 ? 1 : -1;
    }
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      double x = preNum[i];
      double y = o.preNum[i];
      boolean xNum = x == x;
      boolean yNum = y == y;
      int c;
      if (xNum && yNum) {
        // NB: node-semver stops at the first pair of numerically equal identifiers even when
        // their digits differ beyond 2^53; we keep comparing, which keeps the order transitive.
        c = x < y ? -1 : x > y ? 1 : 0;
      } else if (xNum) {
        c = -1;
      } else if (yNum) {
        c = 1;
      } else {
        c = a[i].compareTo(b[i]);
      }
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof NpmVersion o && compareTo(o) == 0;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Long.hashCode(major);
      h = 31 * h + Long.hashCode(minor);
      h = 31 * h + Long.hashCode(patch);
      for (int i = 0; i < pre.length; i++) {
        double d = preNum[i];
        h = 31 * h + (d == d ? Double.hashCode(d) : pre[i].hashCode());
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
