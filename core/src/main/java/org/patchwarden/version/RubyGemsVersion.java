package org.patchwarden.version;

import java.math.BigInteger;

/**
 * A RubyGems version as {@code Gem::Version} (RubyGems 3.3.15) parses and orders it: segments split
 * at dots and at digit/letter boundaries, {@code -} read as {@code .pre.}, compared on
 * {@code canonical_segments} (trailing zeros of the numeric and of the string part dropped), a
 * string segment below any number.
 *
 * <p>Only the canonical segments are kept. Numbers are {@code long}s up to 18 significant digits,
 * longer ones are encoded as {@code -(i + 1)} into {@link #bigs} (digits without leading zeros,
 * {@link Digits.Encoder}).
 */
final class RubyGemsVersion implements Version {

  private final RubyGemsVersionScheme scheme;
  private final String text;
  /** Offsets of the version inside {@link #text} once the surrounding blanks are stripped. */
  private final int from;
  private final int to;
  /** Canonical segments: {@code strs[i]} is the text of a string segment, null for a number. */
  private final long[] nums;
  private final String[] strs;
  private final int length;
  /** Canonical length of the leading numbers: the canonical segments of {@code release}. */
  private final int releaseLength;
  /** How many numbers lead the raw segments (trailing zeros included): what {@code bump} sees. */
  private final int rawReleaseLength;
  private final String[] bigs;
  private final int hash;
  private String normalized;

  private RubyGemsVersion(RubyGemsVersionScheme scheme, String text, int from, int to, long[] nums,
      String[] strs, int length, int releaseLength, int rawReleaseLength, String[] bigs) {
    this.scheme = scheme;
    this.text = text;
    this.from = from;
    this.to = to;
    this.nums = nums;
    this.strs = strs;
    this.length = length;
    this.releaseLength = releaseLength;
    this.rawReleaseLength = rawReleaseLength;
    this.bigs = bigs;
    int h = 1;
    for (int i = 0; i < length; i++) {
      h = 31 * h + (strs[i] != null ? strs[i].hashCode() : hashNum(nums[i]));
    }
    this.hash = h;
  }

  // ---------------------------------------------------------------- parsing

  /**
   * {@code Gem::Version.new}: {@code correct?} is {@code \A\s*(VERSION_PATTERN)?\s*\z} with
   * {@code VERSION_PATTERN = [0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?}.
   */
  static RubyGemsVersion parse(RubyGemsVersionScheme scheme, String s) {
    if (s == null) {
      throw new InvalidVersionException(scheme.name(), null, "null version");
    }
    int i = 0;
    int e = s.length();
    while (i < e && isRubySpace(s.charAt(i))) {
      i++;
    }
    while (e > i && isRubySpace(s.charAt(e - 1))) {
      e--;
    }
    String why = check(s, i, e);
    if (why != null) {
      throw new InvalidVersionException(scheme.name(), s, why);
    }
    return build(scheme, s, i, e);
  }

  /** Null when {@code s[i:e]} is empty or matches VERSION_PATTERN, else the reason it does not. */
  static String check(String s, int i, int e) {
    if (i == e) {
      return null; // NB: a blank version is correct? and means "0".
    }
    if (!isDigit(s.charAt(i))) {
      return "must start with a digit";
    }
    while (i < e && isDigit(s.charAt(i))) {
      i++;
    }
    while (i < e && s.charAt(i) == '.') {
      int start = ++i;
      while (i < e && isAlnum(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return "empty segment at offset " + start;
      }
    }
    if (i < e && s.charAt(i) == '-') {
      boolean first = true;
      while (i < e && (first ? s.charAt(i) == '-' : s.charAt(i) == '.')) {
        first = false;
        int start = ++i;
        while (i < e && (isAlnum(s.charAt(i)) || s.charAt(i) == '-')) {
          i++;
        }
        if (i == start) {
          return "empty segment at offset " + start;
        }
      }
    }
    if (i != e) {
      char c = s.charAt(i);
      return "unexpected '" + (c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c))
          + "' at offset " + i;
    }
    return null;
  }

  /**
   * Segments of {@code s[from:to]} (already checked) as {@code @version.scan(/[0-9]+|[a-z]+/i)}
   * after {@code gsub("-", ".pre.")} sees them, reduced to {@code canonical_segments}.
   */
  private static RubyGemsVersion build(RubyGemsVersionScheme scheme, String s, int from, int to) {
    int count = 0;
    int kind = 0; // 0 = separator, 1 = digit run, 2 = letter run
    for (int j = from; j < to; j++) {
      char c = s.charAt(j);
      int k = isDigit(c) ? 1 : (c == '.' || c == '-') ? 0 : 2;
      if (k != 0 && k != kind) {
        count++;
      }
      if (c == '-') {
        count++;
      }
      kind = k;
    }
    long[] nums = new long[Math.max(count, 1)];
    String[] strs = new String[nums.length];
    Digits.Encoder numbers = new Digits.Encoder();
    int n = 0;
    int j = from;
    while (j < to) {
      char c = s.charAt(j);
      if (c == '-') {
        strs[n++] = "pre";
        j++;
      } else if (c == '.') {
        j++;
      } else if (isDigit(c)) {
        int start = j;
        while (j < to && isDigit(s.charAt(j))) {
          j++;
        }
        nums[n++] = numbers.encode(s, start, j);
      } else {
        int start = j;
        while (j < to && isLetter(s.charAt(j))) {
          j++;
        }
        strs[n++] = s.substring(start, j);
      }
    }
    if (n == 0) {
      n = 1; // NB: a blank version is "0", one numeric segment (bump sees [0]).
    }
    // canonical_segments: drop trailing zeros of the leading numbers and of the rest, separately.
    int firstString = 0;
    while (firstString < n && strs[firstString] == null) {
      firstString++;
    }
    int releaseLength = firstString;
    while (releaseLength > 0 && nums[releaseLength - 1] == 0) {
      releaseLength--;
    }
    int end = n;
    while (end > firstString && strs[end - 1] == null && nums[end - 1] == 0) {
      end--;
    }
    int length = releaseLength;
    for (int m = firstString; m < end; m++, length++) {
      nums[length] = nums[m];
      strs[length] = strs[m];
    }
    return new RubyGemsVersion(scheme, s, from, to, nums, strs, length, releaseLength, firstString,
        numbers.bigs());
  }

  /** Ruby's regex {@code \s}: space, \t, \n, \v, \f, \r. */
  static boolean isRubySpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isLetter(c);
  }

  // ------------------------------------------------------------- comparison

  @Override
  public int compareTo(Version o) {
    RubyGemsVersion b = cast(o);
    return compare(this, length, b, b.length);
  }

  static RubyGemsVersion cast(Version o) {
    if (o instanceof RubyGemsVersion r) {
      return r;
    }
    throw new IllegalArgumentException("cannot compare a rubygems version with "
        + (o == null ? "null" : o.scheme().name() + " version '" + o.text() + "'"));
  }

  /**
   * {@code Gem::Version#<=>} over the first {@code an}/{@code bn} canonical segments; missing ones
   * are the number 0, and a string sorts below any number.
   */
  private static int compare(RubyGemsVersion a, int an, RubyGemsVersion b, int bn) {
    int n = Math.max(an, bn);
    for (int i = 0; i < n; i++) {
      String as = i < an ? a.strs[i] : null;
      String bs = i < bn ? b.strs[i] : null;
      if (as != null) {
        if (bs == null) {
          return -1;
        }
        int c = as.compareTo(bs);
        if (c != 0) {
          return c < 0 ? -1 : 1;
        }
      } else if (bs != null) {
        return 1;
      } else {
        int c =
            Digits.compareEncoded(i < an ? a.nums[i] : 0, a.bigs, i < bn ? b.nums[i] : 0, b.bigs);
        if (c != 0) {
          return c;
        }
      }
    }
    return 0;
  }

  /** {@code release <=> other}: only this version's leading numbers take part. */
  int compareReleaseTo(RubyGemsVersion other) {
    return compare(this, releaseLength, other, other.length);
  }

  private int hashNum(long v) {
    return Digits.hashEncoded(v, bigs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RubyGemsVersion r && hash == r.hash && compare(this, length, r, r.length) == 0;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  // ------------------------------------------------------------- accessors

  /**
   * {@code Gem::Version#bump}: drop everything from the first string segment on, then the last
   * number when more than one is left, and increment the last: {@code 1.2.3.a} bumps to {@code 1.3}.
   */
  RubyGemsVersion bump() {
    int keep = rawReleaseLength > 1 ? rawReleaseLength - 1 : rawReleaseLength;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < keep - 1; i++) {
      b.append(i < releaseLength ? digits(nums[i]) : "0").append('.');
    }
    String last = keep - 1 < releaseLength ? digits(nums[keep - 1]) : "0";
    b.append(new BigInteger(last).add(BigInteger.ONE));
    return parse(scheme, b.toString());
  }

  private String digits(long v) {
    return Digits.toStringEncoded(v, bigs);
  }

  /** {@code prerelease?}: any letter, i.e. any string segment. */
  boolean isPrerelease() {
    return length > releaseLength;
  }

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public String text() {
    return text;
  }

  /** {@code Gem::Version#to_s}: stripped, {@code -} spelled {@code .pre.}, blank read as {@code 0}. */
  @Override
  public String normalized() {
    String v = normalized;
    if (v == null) {
      if (from == to) {
        v = "0";
      } else {
        v = text.substring(from, to).replace("-", ".pre.");
      }
      normalized = v;
    }
    return v;
  }

  @Override
  public String toString() {
    return text;
  }
}
