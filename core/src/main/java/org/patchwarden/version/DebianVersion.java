package org.patchwarden.version;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A dpkg version: {@code [epoch:]upstream[-revision]}, checked like dpkg 1.21 {@code parseversion}
 * and ordered like {@code verrevcmp}.
 *
 * <p>Parsing records offsets only, so comparing never allocates: {@code verrevcmp} runs on the
 * stored strings directly.
 */
final class DebianVersion implements Version {
  private static final int INT_MAX = Integer.MAX_VALUE;
  private static final String UNKNOWN = "<unknown>";

  private final VersionScheme scheme;
  private final String text;
  private final int epoch;
  // Comparison keys with their [from, to) bounds: the text itself when it is ASCII. Otherwise the
  // part's UTF-8 bytes, one Latin-1 char per byte, because dpkg orders bytes, not code points.
  private final String upKey;
  private final int upFrom;
  private final int upTo;
  private final String revKey;
  private final int revFrom;
  private final int revTo;
  // The version after any epoch, within the blank-trimmed text; for normalized().
  private final int bodyFrom;
  private final int bodyTo;
  private int hash;

  private DebianVersion(VersionScheme scheme, String text, int epoch, String upKey, int upFrom,
      int upTo, String revKey, int revFrom, int revTo, int bodyFrom, int bodyTo) {
    this.scheme = scheme;
    this.text = text;
    this.epoch = epoch;
    this.upKey = upKey;
    this.upFrom = upFrom;
    this.upTo = upTo;
    this.revKey = revKey;
    this.revFrom = revFrom;
    this.revTo = revTo;
    this.bodyFrom = bodyFrom;
    this.bodyTo = bodyTo;
  }

  static DebianVersion parse(VersionScheme scheme, String text) {
    if (text == null) {
      throw invalid(null, "version is null");
    }
    int n = text.length();
    if (n == 0 || text.equals(UNKNOWN)) {
      // NB: dpkg --compare-versions takes "" and "<unknown>" as the blank version (no epoch,
      // empty upstream and revision) rather than as errors; verrevcmp finds it equal to "0".
      return new DebianVersion(scheme, text, 0, "", 0, 0, "", 0, 0, 0, 0);
    }
    int start = 0;
    while (start < n && isBlank(text.charAt(start))) {
      start++;
    }
    if (start == n) {
      throw invalid(text, "version string is empty");
    }
    // One pass finds the end of the version, the first colon and the last hyphen: parse speed
    // is benchmarked (goal >= 10M parse+compare/s), so the text is not rescanned.
    int end = start;
    boolean ascii = true;
    int colon = -1;
    int lastHyphen = -1;
    for (; end < n; end++) {
      char c = text.charAt(end);
      if (c == ':') {
        if (colon < 0) {
          colon = end;
        }
      } else if (c == '-') {
        lastHyphen = end;
      } else if (c <= ' ') {
        if (c == ' ' || c == '\t') {
          break;
        }
        if (c == 0) {
          // NB: dpkg reads C strings and cannot be handed a NUL; truncating silently would make
          // "1.0\0junk" equal to "1.0", so we refuse it instead.
          throw invalid(text, "NUL character in version");
        }
      } else if (c >= 0x80) {
        ascii = false;
      }
    }
    for (int i = end; i < n; i++) {
      if (!isBlank(text.charAt(i))) {
        throw invalid(text, "version string has embedded spaces");
      }
    }

    int epoch = 0;
    int body = start;
    if (colon >= 0) {
      epoch = epoch(text, start, colon, end);
      body = colon + 1;
    }

    int hyphen = lastHyphen;
    int upTo;
    int revFrom;
    if (hyphen >= body) {
      upTo = hyphen;
      revFrom = hyphen + 1;
      if (revFrom == end) {
        throw invalid(text, "revision number is empty");
      }
    } else {
      upTo = end;
      revFrom = end;
    }
    if (upTo == body) {
      throw invalid(text, "upstream version is empty");
    }
    // dpkg only warns about an upstream version not starting with a digit and about characters
    // outside [A-Za-z0-9.+~:-]: such versions are still compared, so they are accepted here.
    if (ascii) {
      return new DebianVersion(scheme, text, epoch, text, body, upTo, text, revFrom, end, body,
          end);
    }
    String up = bytes(text.substring(body, upTo));
    String rev = bytes(text.substring(revFrom, end));
    return new DebianVersion(scheme, text, epoch, up, 0, up.length(), rev, 0, rev.length(), body,
        end);
  }

  /** The epoch before {@code colon}, read as dpkg's strtol() does, with dpkg's errors. */
  private static int epoch(String text, int start, int colon, int end) {
    // NB: dpkg reads the epoch with strtol(), which skips leading white space (beyond the blanks
    // already trimmed: \n \v \f \r) and takes a sign; "+1:" and "-0:" are therefore fine.
    int i = start;
    while (i < colon && isCSpace(text.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < colon && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    int digits = i;
    long value = 0;
    boolean tooBig = false;
    for (; i < end && isDigit(text.charAt(i)); i++) {
      if (!tooBig) {
        value = value * 10 + (text.charAt(i) - '0');
        tooBig = value > INT_MAX;
      }
    }
    if (i == digits) {
      throw invalid(text, "epoch in version is empty");
    }
    if (i != colon) {
      throw invalid(text, "epoch in version is not number");
    }
    if (negative && (value != 0 || tooBig)) {
      throw invalid(text, "epoch in version is negative");
    }
    if (tooBig) {
      throw invalid(text, "epoch in version is too big");
    }
    if (colon + 1 == text.length()) {
      throw invalid(text, "nothing after colon in version number");
    }
    return (int) value;
  }

  /** The UTF-8 bytes of {@code s} as Latin-1 chars (a lone surrogate becomes '?'). */
  private static String bytes(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static InvalidVersionException invalid(String text, String reason) {
    return new InvalidVersionException(DebianVersionScheme.NAME, text, reason);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isCSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** dpkg's weight of a non-digit: '~' first, then letters, then everything else. */
  private static int order(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    // NB: dpkg passes a (signed) char: a UTF-8 byte b >= 0x80 arrives as b - 256 and weighs
    // b - 256 + 256 = b, so such bytes sort after letters but before ASCII punctuation.
    return c >= 0x80 ? c : c + 256;
  }

  /** dpkg's {@code verrevcmp} on {@code a[ai, ae)} and {@code b[bi, be)}; an empty part is "". */
  static int verrevcmp(String a, int ai, int ae, String b, int bi, int be) {
    while (ai < ae || bi < be) {
      int firstDiff = 0;
      while (true) {
        boolean an = ai < ae && !isDigit(a.charAt(ai));
        boolean bn = bi < be && !isDigit(b.charAt(bi));
        if (!an && !bn) {
          break;
        }
        int ac = an ? order(a.charAt(ai)) : 0;
        int bc = bn ? order(b.charAt(bi)) : 0;
        if (ac != bc) {
          return ac - bc;
        }
        // equal weights are never 0 here, so both sides hold a non-digit
        ai++;
        bi++;
      }
      while (ai < ae && a.charAt(ai) == '0') {
        ai++;
      }
      while (bi < be && b.charAt(bi) == '0') {
        bi++;
      }
      while (ai < ae && bi < be) {
        char ca = a.charAt(ai);
        char cb = b.charAt(bi);
        if (!isDigit(ca) || !isDigit(cb)) {
          break;
        }
        if (firstDiff == 0) {
          firstDiff = ca - cb;
        }
        ai++;
        bi++;
      }
      if (ai < ae && isDigit(a.charAt(ai))) {
        return 1;
      }
      if (bi < be && isDigit(b.charAt(bi))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }

  /**
   * A hash equal for parts that verrevcmp calls equal: non-digit runs as they are, digit runs by
   * value (leading zeros dropped, empty = 0), and an all-zero part equal to the empty one.
   */
  private static int hashPart(String s, int from, int to) {
    int k = from;
    while (k < to && s.charAt(k) == '0') {
      k++;
    }
    if (k == to) {
      return 0;
    }
    int h = 1;
    int i = from;
    while (i < to) {
      char c;
      while (i < to && !isDigit(c = s.charAt(i))) {
        h = 31 * h + c;
        i++;
      }
      while (i < to && s.charAt(i) == '0') {
        i++;
      }
      while (i < to && isDigit(c = s.charAt(i))) {
        h = 31 * h + c;
        i++;
      }
      h = 31 * h + '|';
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
    if (bodyTo == 0) {
      return ""; // the blank version
    }
    String body =
        bodyFrom == 0 && bodyTo == text.length() ? text : text.substring(bodyFrom, bodyTo);
    // an epoch of 0 is the default, unless the upstream part holds a colon and needs it
    if (epoch == 0 && body.indexOf(':') < 0) {
      return body;
    }
    return epoch + ":" + body;
  }

  // Hot path, benchmarked with JMH (goal: >= 50M compares/s on pre-parsed versions): it must not
  // allocate. Keep it to index arithmetic on the stored text: no substring, boxing or streams.
  @Override
  public int compareTo(Version o) {
    Objects.requireNonNull(o, "version");
    if (!(o instanceof DebianVersion other)) {
      throw new IllegalArgumentException(
          "cannot compare a deb version with a " + o.scheme().name() + " version");
    }
    if (epoch != other.epoch) {
      return epoch < other.epoch ? -1 : 1;
    }
    int c = verrevcmp(upKey, upFrom, upTo, other.upKey, other.upFrom, other.upTo);
    if (c == 0) {
      c = verrevcmp(revKey, revFrom, revTo, other.revKey, other.revFrom, other.revTo);
    }
    return Integer.signum(c);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof DebianVersion other && compareTo(other) == 0);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * (31 * epoch + hashPart(upKey, upFrom, upTo)) + hashPart(revKey, revFrom, revTo);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return text;
  }
}
