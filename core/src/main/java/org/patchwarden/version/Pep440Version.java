package org.patchwarden.version;

import java.util.Arrays;

/**
 * A PEP 440 version as pypa {@code packaging} 23.0 {@code Version} parses and orders it.
 *
 * <p>Numbers are kept as {@code long}s when they have at most 18 significant digits; longer ones are
 * encoded as a negative index {@code -(i + 1)} into {@link #bigs}, which holds their digits without
 * leading zeros ({@link Digits.Encoder}). Any long is below any big number, so comparison needs no
 * allocation.
 */
final class Pep440Version implements Version {

  /** Rank of the {@code _pre} component of packaging's {@code _cmpkey}. */
  static final int PRE_DEV_ONLY = 0; // NegativeInfinity: 1.0.dev0 sorts before 1.0a0
  static final int PRE_A = 1;
  static final int PRE_B = 2;
  static final int PRE_RC = 3;
  static final int PRE_NONE = 4; // Infinity: a final release sorts after its pre-releases

  private final Pep440VersionScheme scheme;
  private final String text;
  final long epoch;
  final long[] release;
  /** Release length without trailing zeros: {@code 1.0} orders equal to {@code 1}. */
  final int releaseKeyLength;
  /** One of the PRE_* ranks. */
  final int preRank;
  /** Whether there was a pre-release segment (PRE_DEV_ONLY and PRE_NONE both mean "no"). */
  final boolean hasPre;
  final long preNumber;
  final boolean hasPost;
  final long postNumber;
  final boolean hasDev;
  final long devNumber;
  /** Local segments lower-cased; numeric ones without leading zeros. Null when absent. */
  final String[] local;
  final boolean[] localNumeric;
  final String[] bigs;
  private final int hash;
  private String normalized;

  private Pep440Version(Pep440VersionScheme scheme, String text, long epoch, long[] release,
      int preRank, long preNumber, boolean hasPost, long postNumber, boolean hasDev, long devNumber,
      String[] local, boolean[] localNumeric, String[] bigs) {
    this.scheme = scheme;
    this.text = text;
    this.epoch = epoch;
    this.release = release;
    int n = release.length;
    while (n > 0 && release[n - 1] == 0) {
      n--;
    }
    this.releaseKeyLength = n;
    this.hasPre = preRank != PRE_NONE && preRank != PRE_DEV_ONLY;
    // NB: packaging's _cmpkey pulls a dev-only release (1.0.dev0) below every pre-release of 1.0.
    this.preRank = !hasPre && !hasPost && hasDev ? PRE_DEV_ONLY : preRank;
    this.preNumber = preNumber;
    this.hasPost = hasPost;
    this.postNumber = postNumber;
    this.hasDev = hasDev;
    this.devNumber = devNumber;
    this.local = local;
    this.localNumeric = localNumeric;
    this.bigs = bigs;
    this.hash = computeHash();
  }

  // ---------------------------------------------------------------- parsing

  /**
   * Parses like packaging's {@code VERSION_PATTERN} anchored with surrounding whitespace,
   * case-insensitive. The regex's optional groups are tried greedily; for this grammar the greedy
   * choice always succeeds when any choice does, so no backtracking is needed.
   */
  static Pep440Version parse(Pep440VersionScheme scheme, String s) {
    if (s == null) {
      throw new InvalidVersionException(scheme.name(), null, "null version");
    }
    int i = 0;
    int e = s.length();
    while (i < e && isPySpace(s.charAt(i))) {
      i++;
    }
    while (e > i && isPySpace(s.charAt(e - 1))) {
      e--;
    }
    if (i == e) {
      throw invalid(scheme, s, "empty version");
    }
    Parser p = new Parser(s, e);
    p.pos = i;
    char c = s.charAt(i);
    if (c == 'v' || c == 'V') {
      p.pos++;
    }
    int d0 = p.pos;
    long first = p.digits();
    if (p.pos == d0) {
      throw invalid(scheme, s, "expected a digit at offset " + d0);
    }
    long epoch = 0;
    if (p.pos < e && s.charAt(p.pos) == '!') {
      epoch = first;
      p.pos++;
      d0 = p.pos;
      first = p.digits();
      if (p.pos == d0) {
        throw invalid(scheme, s, "expected a release number after the epoch");
      }
    }
    // The release ends at the first character that is neither a digit nor a '.': a cheap upper
    // bound on its length avoids growing an array.
    int dots = 0;
    for (int j = p.pos; j < e; j++) {
      char d = s.charAt(j);
      if (d == '.') {
        dots++;
      } else if (d < '0' || d > '9') {
        break;
      }
    }
    long[] release = new long[dots + 1];
    release[0] = first;
    int count = 1;
    while (p.pos + 1 < e && s.charAt(p.pos) == '.' && isDigit(s.charAt(p.pos + 1))) {
      p.pos++;
      release[count++] = p.digits();
    }
    if (count != release.length) {
      release = Arrays.copyOf(release, count);
    }

    int preRank = PRE_NONE;
    long preNumber = 0;
    int at = p.pos;
    if (at < e && isSep(s.charAt(at))) {
      at++;
    }
    int word = preWord(s, at, e);
    if (word != 0) {
      preRank = word >>> 8;
      p.pos = at + (word & 0xff);
      preNumber = p.optionalSepAndNumber();
    }

    boolean hasPost = false;
    long postNumber = 0;
    at = p.pos;
    if (at + 1 < e && s.charAt(at) == '-' && isDigit(s.charAt(at + 1))) {
      hasPost = true;
      p.pos = at + 1;
      postNumber = p.digits();
    } else {
      if (at < e && isSep(s.charAt(at))) {
        at++;
      }
      int len = postWord(s, at, e);
      if (len != 0) {
        hasPost = true;
        p.pos = at + len;
        postNumber = p.optionalSepAndNumber();
      }
    }

    boolean hasDev = false;
    long devNumber = 0;
    at = p.pos;
    if (at < e && isSep(s.charAt(at))) {
      at++;
    }
    if (word(s, at, e, "dev")) {
      hasDev = true;
      p.pos = at + 3;
      devNumber = p.optionalSepAndNumber();
    }

    String[] local = null;
    boolean[] localNumeric = null;
    if (p.pos < e && s.charAt(p.pos) == '+') {
      int start = p.pos + 1;
      int parts = 1;
      for (int j = start; j < e; j++) {
        char d = s.charAt(j);
        if (isSep(d)) {
          parts++;
        } else if (!isAsciiAlnum(d)) {
          throw invalid(scheme, s, "invalid character in local version at offset " + j);
        }
      }
      local = new String[parts];
      localNumeric = new boolean[parts];
      int k = 0;
      int segStart = start;
      for (int j = start; j <= e; j++) {
        if (j == e || isSep(s.charAt(j))) {
          if (j == segStart) {
            throw invalid(scheme, s, "empty local version segment at offset " + j);
          }
          boolean numeric = true;
          for (int m = segStart; m < j; m++) {
            if (!isDigit(s.charAt(m))) {
              numeric = false;
              break;
            }
          }
          localNumeric[k] = numeric;
          if (numeric) {
            int z = segStart;
            while (z < j - 1 && s.charAt(z) == '0') {
              z++;
            }
            local[k] = s.substring(z, j);
          } else {
            local[k] = lowerAscii(s, segStart, j);
          }
          k++;
          segStart = j + 1;
        }
      }
      p.pos = e;
    }
    if (p.pos != e) {
      throw invalid(scheme, s, "unexpected '" + s.charAt(p.pos) + "' at offset " + p.pos);
    }
    return new Pep440Version(scheme, s, epoch, release, preRank, preNumber, hasPost, postNumber,
        hasDev, devNumber, local, localNumeric, p.bigs());
  }

  private static InvalidVersionException invalid(Pep440VersionScheme scheme, String s, String why) {
    return new InvalidVersionException(scheme.name(), s, why);
  }

  /** Cursor over the trimmed input that reads numbers into the long-or-big encoding. */
  private static final class Parser {
    final String s;
    final int end;
    int pos;
    final Digits.Encoder numbers = new Digits.Encoder();

    Parser(String s, int end) {
      this.s = s;
      this.end = end;
    }

    /** Reads a run of ASCII digits (possibly empty, then 0) at pos. */
    long digits() {
      int start = pos;
      while (pos < end && isDigit(s.charAt(pos))) {
        pos++;
      }
      return numbers.encode(s, start, pos);
    }

    String[] bigs() {
      return numbers.bigs();
    }

    /** {@code [-_.]?[0-9]*} after a pre/post/dev word; a missing number is the implicit 0. */
    long optionalSepAndNumber() {
      if (pos < end && isSep(s.charAt(pos))) {
        pos++;
      }
      return digits();
    }
  }

  /**
   * The pre-release spelling at {@code at}: {@code (rank << 8) | length}, or 0. The longest
   * spelling wins; a shorter one ({@code a} of {@code alpha}) could never be followed by a valid
   * rest ({@code lpha}).
   */
  private static int preWord(String s, int at, int e) {
    if (at >= e) {
      return 0;
    }
    switch (s.charAt(at) | 0x20) {
      case 'a':
        return (PRE_A << 8) | (word(s, at, e, "alpha") ? 5 : 1);
      case 'b':
        return (PRE_B << 8) | (word(s, at, e, "beta") ? 4 : 1);
      case 'c':
        return (PRE_RC << 8) | 1;
      case 'r':
        return at + 1 < e && (s.charAt(at + 1) | 0x20) == 'c' ? (PRE_RC << 8) | 2 : 0;
      case 'p':
        if (word(s, at, e, "preview")) {
          return (PRE_RC << 8) | 7;
        }
        return word(s, at, e, "pre") ? (PRE_RC << 8) | 3 : 0;
      default:
        return 0;
    }
  }

  /** Length of {@code post|rev|r} at {@code at}, or 0. */
  private static int postWord(String s, int at, int e) {
    if (at >= e) {
      return 0;
    }
    if (word(s, at, e, "post")) {
      return 4;
    }
    if (word(s, at, e, "rev")) {
      return 3;
    }
    return (s.charAt(at) | 0x20) == 'r' ? 1 : 0;
  }

  /**
   * ASCII-only case-insensitive match of a lower-case word. NB: String.regionMatches(true, ...)
   * would also let 'ı' match 'i' and 'ſ' match 's'; this port keeps the grammar ASCII.
   */
  private static boolean word(String s, int at, int e, String w) {
    int n = w.length();
    if (at + n > e) {
      return false;
    }
    for (int j = 0; j < n; j++) {
      if ((s.charAt(at + j) | 0x20) != w.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isSep(char c) {
    return c == '.' || c == '-' || c == '_';
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String lowerAscii(String s, int from, int to) {
    char[] out = new char[to - from];
    for (int j = from; j < to; j++) {
      char c = s.charAt(j);
      out[j - from] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return new String(out);
  }

  /** Python's {@code str.isspace()} / regex {@code \s} on str patterns (what strip() removes). */
  static boolean isPySpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }
    return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028
        || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
  }

  // ------------------------------------------------------------- comparison

  @Override
  public int compareTo(Version o) {
    return compare(this, cast(o), true);
  }

  static Pep440Version cast(Version o) {
    if (o instanceof Pep440Version p) {
      return p;
    }
    throw new IllegalArgumentException("cannot compare a pypi version with "
        + (o == null ? "null" : o.scheme().name() + " version '" + o.text() + "'"));
  }

  /** packaging's {@code _cmpkey} order; {@code withLocal=false} compares {@code .public} forms. */
  static int compare(Pep440Version a, Pep440Version b, boolean withLocal) {
    int c = compareBase(a, b);
    if (c != 0) {
      return c;
    }
    if (a.preRank != b.preRank) {
      return a.preRank < b.preRank ? -1 : 1;
    }
    if (a.hasPre) {
      c = Digits.compareEncoded(a.preNumber, a.bigs, b.preNumber, b.bigs);
      if (c != 0) {
        return c;
      }
    }
    if (a.hasPost != b.hasPost) {
      return a.hasPost ? 1 : -1;
    }
    if (a.hasPost) {
      c = Digits.compareEncoded(a.postNumber, a.bigs, b.postNumber, b.bigs);
      if (c != 0) {
        return c;
      }
    }
    if (a.hasDev != b.hasDev) {
      return a.hasDev ? -1 : 1;
    }
    if (a.hasDev) {
      c = Digits.compareEncoded(a.devNumber, a.bigs, b.devNumber, b.bigs);
      if (c != 0) {
        return c;
      }
    }
    return withLocal ? compareLocal(a.local, a.localNumeric, b.local, b.localNumeric) : 0;
  }

  /** Epoch, then release with trailing zeros ignored: equality here is {@code base_version} equality. */
  static int compareBase(Pep440Version a, Pep440Version b) {
    int c = Digits.compareEncoded(a.epoch, a.bigs, b.epoch, b.bigs);
    if (c != 0) {
      return c;
    }
    int n = Math.min(a.releaseKeyLength, b.releaseKeyLength);
    for (int i = 0; i < n; i++) {
      c = Digits.compareEncoded(a.release[i], a.bigs, b.release[i], b.bigs);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.releaseKeyLength, b.releaseKeyLength);
  }

  /**
   * PEP 440 local ordering: absent sorts first; segment-wise, numeric beats alphanumeric, numbers
   * numerically, strings lexically; a proper prefix sorts first.
   */
  private static int compareLocal(String[] a, boolean[] an, String[] b, boolean[] bn) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? -1 : 1;
    }
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c;
      if (an[i] != bn[i]) {
        return an[i] ? 1 : -1;
      } else if (an[i]) {
        c = Digits.compareSignificant(a[i], b[i]);
      } else {
        c = Integer.signum(a[i].compareTo(b[i]));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private int hashNum(long v) {
    return Digits.hashEncoded(v, bigs);
  }

  private int computeHash() {
    int h = hashNum(epoch);
    for (int i = 0; i < releaseKeyLength; i++) {
      h = 31 * h + hashNum(release[i]);
    }
    h = 31 * h + preRank;
    if (hasPre) {
      h = 31 * h + hashNum(preNumber);
    }
    h = 31 * h + (hasPost ? 1 + hashNum(postNumber) : 0);
    h = 31 * h + (hasDev ? 1 + hashNum(devNumber) : 0);
    if (local != null) {
      h = 31 * h + Arrays.hashCode(local) + 1;
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pep440Version p && hash == p.hash && compare(this, p, true) == 0;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  // ------------------------------------------------------------- accessors

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public String text() {
    return text;
  }

  boolean isPrerelease() {
    return hasPre || hasDev;
  }

  boolean isPostrelease() {
    return hasPost;
  }

  boolean hasLocal() {
    return local != null;
  }

  /** The number at {@code v} in this version's encoding, as decimal digits. */
  String digits(long v) {
    return Digits.toStringEncoded(v, bigs);
  }

  /** {@code str(Version)}: packaging's normal form, e.g. {@code 1.0rc1} for {@code 1.0-RC1}. */
  @Override
  public String normalized() {
    String n = normalized;
    if (n == null) {
      StringBuilder b = publicForm(new StringBuilder(text.length() + 8), false);
      if (local != null) {
        b.append('+').append(String.join(".", local));
      }
      normalized = n = b.toString();
    }
    return n;
  }

  /**
   * {@code str(Version)} without the local segment ({@code Version.public}); with
   * {@code stripTrailingZeros}, {@code canonicalize_version} of it (release 1.0.0 spelled 1).
   */
  StringBuilder publicForm(StringBuilder b, boolean stripTrailingZeros) {
    if (epoch != 0) {
      b.append(digits(epoch)).append('!');
    }
    int n = stripTrailingZeros ? Math.max(releaseKeyLength, 1) : release.length;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append('.');
      }
      b.append(digits(release[i]));
    }
    if (hasPre) {
      b.append(preRank == PRE_A ? "a" : preRank == PRE_B ? "b" : "rc").append(digits(preNumber));
    }
    if (hasPost) {
      b.append(".post").append(digits(postNumber));
    }
    if (hasDev) {
      b.append(".dev").append(digits(devNumber));
    }
    return b;
  }

  @Override
  public String toString() {
    return text;
  }
}
