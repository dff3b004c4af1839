package org.patchwarden.version;

import java.util.ArrayList;
import java.util.List;

/**
 * A NuGet package version as NuGet.Versioning's {@code NuGetVersion} reads it: SemVer 2.0 plus the
 * legacy fourth (revision) number, pre-release labels compared case-insensitively, build metadata
 * kept but ignored by the ordering.
 */
public final class NuGetVersion implements Version {
  /** Marks a label that is not an integer (and so sorts after every numeric label). */
  private static final long NOT_NUMERIC = Long.MIN_VALUE;

  private final NuGetVersionScheme scheme;
  private final String text;
  private final int major;
  private final int minor;
  private final int patch;
  private final int revision;
  private final String[] labels; // empty for a stable version
  private final long[] labelNumbers; // the label's int value, or NOT_NUMERIC
  private final String metadata; // empty when absent
  private final int hash;

  private NuGetVersion(NuGetVersionScheme scheme, String text, int[] numbers, String[] labels, String metadata) {
    this.scheme = scheme;
    this.text = text;
    this.major = numbers[0];
    this.minor = numbers[1];
    this.patch = numbers[2];
    this.revision = numbers[3];
    this.labels = labels;
    this.metadata = metadata;
    this.labelNumbers = new long[labels.length];
    int h = ((major * 31 + minor) * 31 + patch) * 31 + revision;
    for (int i = 0; i < labels.length; i++) {
      long n = labelInt(labels[i]);
      labelNumbers[i] = n;
      h = 31 * h + (n == NOT_NUMERIC ? asciiUpperHash(labels[i]) : Long.hashCode(n));
    }
    this.hash = h;
  }

  /** The major version. */
  public int major() {
    return major;
  }

  /** The minor version. */
  public int minor() {
    return minor;
  }

  /** The patch version (System.Version's build number). */
  public int patch() {
    return patch;
  }

  /** The legacy fourth number; 0 when absent. */
  public int revision() {
    return revision;
  }

  /** Whether the version has pre-release labels. */
  public boolean isPrerelease() {
    return labels.length > 0;
  }

  /** The build metadata after {@code +}, or the empty string. */
  public String metadata() {
    return metadata;
  }

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public String text() {
    return text;
  }

  /** NuGet's ToNormalizedString: {@code 1.0.0}, {@code 1.0.0.4-beta.1+sha}. */
  @Override
  public String normalized() {
    StringBuilder sb = new StringBuilder(24);
    sb.append(major).append('.').append(minor).append('.').append(patch);
    if (revision > 0) {
      sb.append('.').append(revision);
    }
    for (int i = 0; i < labels.length; i++) {
      sb.append(i == 0 ? '-' : '.').append(labels[i]);
    }
    if (!metadata.isEmpty()) {
      sb.append('+').append(metadata);
    }
    return sb.toString();
  }

  @Override
  public int compareTo(Version other) {
    if (!(other instanceof NuGetVersion o)) {
      throw new IllegalArgumentException(
          "cannot compare a nuget version with a " + (other == null ? "null" : other.scheme().name()) + " version");
    }
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Integer.compare(patch, o.patch);
    }
    if (c == 0) {
      c = Integer.compare(revision, o.revision);
    }
    if (c != 0) {
      return c;
    }
    int na = labels.length;
    int nb = o.labels.length;
    if (na == 0 || nb == 0) {
      // A pre-release sorts before its release.
      return na == nb ? 0 : na == 0 ? 1 : -1;
    }
    int n = Math.min(na, nb);
    for (int i = 0; i < n; i++) {
      c = compareLabel(labels[i], labelNumbers[i], o.labels[i], o.labelNumbers[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(na, nb);
  }

  private static int compareLabel(String a, long na, String b, long nb) {
    if (na != NOT_NUMERIC && nb != NOT_NUMERIC) {
      return Long.compare(na, nb);
    }
    if (na != NOT_NUMERIC) {
      return -1; // numeric labels come before alphanumeric ones
    }
    if (nb != NOT_NUMERIC) {
      return 1;
    }
    // Labels hold only [0-9A-Za-z-], where OrdinalIgnoreCase is ASCII upper-casing.
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      int ca = asciiUpper(a.charAt(i));
      int cb = asciiUpper(b.charAt(i));
      if (ca != cb) {
        return ca < cb ? -1 : 1;
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int asciiUpper(char c) {
    return c >= 'a' && c <= 'z' ? c - 32 : c;
  }

  private static int asciiUpperHash(String s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + asciiUpper(s.charAt(i));
    }
    return h;
  }

  /**
   * The label as .NET's {@code int.TryParse} reads it, or NOT_NUMERIC. NB: a label may start with
   * {@code -}, so {@code 1.0.0--1} has the numeric label -1, which sorts first.
   */
  private static long labelInt(String s) {
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '-') {
      negative = true;
      i = 1;
    }
    if (i == s.length()) {
      return NOT_NUMERIC;
    }
    long value = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_NUMERIC;
      }
      value = value * 10 + (c - '0');
      if (value > 2147483648L) {
        return NOT_NUMERIC; // int.TryParse overflows: the label is compared as text
      }
    }
    if (negative) {
      value = -value;
    }
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value : NOT_NUMERIC;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NuGetVersion v && hash == v.hash && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return text;
  }

  /** NuGetVersion.TryParse; null when NuGet rejects the text. */
  static NuGetVersion tryParse(NuGetVersionScheme scheme, String value) {
    if (value == null) {
      return null;
    }
    String s = DotNet.trim(value);
    int n = s.length();
    // ParseSections, transcribed: the first '-' or '+' ends the version numbers, the first '+'
    // after that ends the labels. NB: a separator in last position stays in the section before.
    String versionString = null;
    String releaseLabel = null;
    String buildMetadata = null;
    int dashPos = -1;
    int plusPos = -1;
    for (int i = 0; i < n; i++) {
      boolean end = i == n - 1;
      char c = s.charAt(i);
      if (dashPos < 0) {
        if (end || c == '-' || c == '+') {
          versionString = s.substring(0, i + (end ? 1 : 0));
          dashPos = i;
          if (c == '+') {
            plusPos = i;
          }
        }
      } else if (plusPos < 0) {
        if (end || c == '+') {
          releaseLabel = s.substring(dashPos + 1, i + (end ? 1 : 0));
          plusPos = i;
        }
      } else if (end) {
        buildMetadata = s.substring(plusPos + 1, n);
      }
    }
    if (versionString == null || versionString.isEmpty()) {
      return null;
    }
    int[] numbers = DotNet.parseSystemVersion(versionString.indexOf('.') < 0 ? versionString + ".0" : versionString);
    if (numbers == null) {
      return null;
    }
    String[] labels = new String[0];
    if (releaseLabel != null) {
      labels = split(releaseLabel);
      for (String label : labels) {
        if (!isValidPart(label, false)) {
          return null;
        }
      }
    }
    if (buildMetadata != null) {
      for (String part : split(buildMetadata)) {
        if (!isValidPart(part, true)) {
          return null;
        }
      }
    }
    return new NuGetVersion(scheme, value, numbers, labels, buildMetadata == null ? "" : buildMetadata);
  }

  private static String[] split(String s) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        parts.add(s.substring(from, i));
        from = i + 1;
      }
    }
    return parts.toArray(new String[0]);
  }

  /** SemanticVersion.IsValidPart: non-empty, [0-9A-Za-z-], no leading zero on an all-digit part. */
  private static boolean isValidPart(String s, boolean allowLeadingZeros) {
    if (s.isEmpty()) {
      return false;
    }
    boolean allDigits = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (!digit && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != '-') {
        return false;
      }
      if (i > 0 && !digit) {
        allDigits = false;
      }
    }
    return allowLeadingZeros || s.length() == 1 || s.charAt(0) != '0' || !allDigits;
  }

  /** The few .NET parsing rules NuGet relies on. */
  static final class DotNet {
    private DotNet() {}

    /** {@code Char.IsWhiteSpace}, which {@code String.Trim()} strips. */
    static boolean isWhiteSpace(char c) {
      return (c >= '\t' && c <= '\r')
          || c == ' '
          || c == '\u0085'
          || c == '\u00a0'
          || c == '\u1680'
          || (c >= '\u2000' && c <= '\u200a')
          || c == '\u2028'
          || c == '\u2029'
          || c == '\u202f'
          || c == '\u205f'
          || c == '\u3000';
    }

    static String trim(String s) {
      int from = 0;
      int to = s.length();
      while (from < to && isWhiteSpace(s.charAt(from))) {
        from++;
      }
      while (to > from && isWhiteSpace(s.charAt(to - 1))) {
        to--;
      }
      return s.substring(from, to);
    }

    static boolean isNullOrWhiteSpace(String s) {
      if (s == null) {
        return true;
      }
      for (int i = 0; i < s.length(); i++) {
        if (!isWhiteSpace(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    /**
     * {@code System.Version.TryParse}: two to four '.'-separated components, each a non-negative
     * int; returns {major, minor, build, revision} with absent parts as 0, or null.
     */
    static int[] parseSystemVersion(String s) {
      int[] out = new int[4];
      int part = 0;
      int from = 0;
      for (int i = 0; i <= s.length(); i++) {
        if (i == s.length() || s.charAt(i) == '.') {
          if (part == 4) {
            return null;
          }
          long value = parseComponent(s, from, i);
          if (value < 0) {
            return null;
          }
          out[part++] = (int) value;
          from = i + 1;
        }
      }
      return part >= 2 ? out : null;
    }

    /**
     * {@code int.TryParse(NumberStyles.Integer, InvariantCulture)} of {@code s[from, to)}, or -1
     * when it fails or is negative. NB: .NET allows blanks around the digits and trailing NULs, so
     * NuGet accepts {@code "1. 2"}.
     */
    private static long parseComponent(String s, int from, int to) {
      int i = from;
      while (i < to && isNumberWhite(s.charAt(i))) {
        i++;
      }
      boolean negative = false;
      if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        negative = s.charAt(i) == '-';
        i++;
      }
      int digitsFrom = i;
      long value = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        if (value > Integer.MAX_VALUE + 1L) {
          value = Integer.MAX_VALUE + 1L; // overflowed: remembered, the scan goes on
        }
        i++;
      }
      if (i == digitsFrom) {
        return -1;
      }
      while (i < to && isNumberWhite(s.charAt(i))) {
        i++;
      }
      while (i < to && s.charAt(i) == '\0') {
        i++;
      }
      if (i != to) {
        return -1;
      }
      if (negative) {
        return value == 0 ? 0 : -1;
      }
      return value > Integer.MAX_VALUE ? -1 : value;
    }

    private static boolean isNumberWhite(char c) {
      return c == ' ' || (c >= '\t' && c <= '\r');
    }
  }
}
