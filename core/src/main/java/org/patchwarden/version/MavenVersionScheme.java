package org.patchwarden.version;

import java.util.ArrayList;
import java.util.List;

/**
 * Maven versions and version ranges, as maven-artifact 3.9.11 ({@code ComparableVersion},
 * {@code VersionRange.createFromVersionSpec}) reads them.
 */
public final class MavenVersionScheme implements VersionScheme {
  static final String NAME = "maven";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Parses any string: ComparableVersion has no invalid versions, so only null is rejected.
   *
   * @throws InvalidVersionException for null
   */
  @Override
  public MavenVersion parse(String text) {
    if (text == null) {
      throw new InvalidVersionException(NAME, null, "no version given");
    }
    return MavenVersion.parse(this, text);
  }

  /**
   * Parses a Maven version specification: {@code [1.0,2.0)}, {@code (,1.5]}, {@code [1.0]},
   * unions {@code [1.0,1.2),(1.5,)}, or a bare (soft) version that every version satisfies.
   *
   * @throws InvalidRangeException where Maven throws InvalidVersionSpecificationException
   */
  @Override
  public MavenVersionRange parseRange(String text) {
    if (text == null) {
      throw new InvalidRangeException(NAME, null, "no range given");
    }
    return new RangeParser(text).parse();
  }

  /**
   * createFromVersionSpec, with the index arithmetic of the original but without its repeated
   * substrings, so that long inputs stay linear.
   */
  private final class RangeParser {
    private final String spec;
    private int nextParen = -2; // cached index of the next ')' at or after pos, -1 if none
    private int nextBracket = -2; // likewise for ']'

    RangeParser(String spec) {
      this.spec = spec;
    }

    MavenVersionRange parse() {
      String s = spec;
      int pos = 0;
      int end = s.length();
      List<VersionRange.Interval> restrictions = new ArrayList<>();
      MavenVersion previousUpper = null;
      // NB: the spec itself is not trimmed; only what follows a restriction is, so " [1,2)" is a
      // bare (soft) version that every version satisfies.
      while (pos < end && (s.charAt(pos) == '[' || s.charAt(pos) == '(')) {
        int close = nextClose(pos);
        if (close < 0) {
          throw error("Unbounded range");
        }
        VersionRange.Interval r = restriction(pos, close);
        // NB: only checked against the previous restriction's upper bound, and not at all when
        // that one is unbounded above.
        if (previousUpper != null && (r.lower() == null || r.lower().compareTo(previousUpper) < 0)) {
          throw error("Ranges overlap");
        }
        restrictions.add(r);
        previousUpper = (MavenVersion) r.upper();
        pos = skipTrimmed(close + 1, end);
        end = trimEnd(pos, end);
        if (pos < end && s.charAt(pos) == ',') {
          pos = skipTrimmed(pos + 1, end);
        }
      }
      if (pos < end) {
        if (!restrictions.isEmpty()) {
          throw error("Only fully-qualified sets allowed in multiple set scenario");
        }
        return new MavenVersionRange(spec, MavenVersionScheme.this.parse(s.substring(pos, end)), List.of());
      }
      // NB: an empty spec yields no restriction at all and so contains nothing.
      return new MavenVersionRange(spec, null, restrictions);
    }

    private int nextClose(int pos) {
      if (nextParen != -1 && nextParen < pos) {
        nextParen = spec.indexOf(')', pos);
      }
      if (nextBracket != -1 && nextBracket < pos) {
        nextBracket = spec.indexOf(']', pos);
      }
      if (nextParen < 0) {
        return nextBracket;
      }
      if (nextBracket < 0) {
        return nextParen;
      }
      return Math.min(nextParen, nextBracket);
    }

    /** parseRestriction over {@code spec[open..close]}. */
    private VersionRange.Interval restriction(int open, int close) {
      String s = spec;
      boolean lowerInclusive = s.charAt(open) == '[';
      boolean upperInclusive = s.charAt(close) == ']';
      int from = skipTrimmed(open + 1, close);
      int to = trimEnd(from, close);
      int comma = from;
      while (comma < to && s.charAt(comma) != ',') {
        comma++;
      }
      if (comma == to) {
        if (!lowerInclusive || !upperInclusive) {
          throw error("Single version must be surrounded by []");
        }
        MavenVersion version = MavenVersionScheme.this.parse(s.substring(from, to));
        return new VersionRange.Interval(version, true, version, true);
      }
      int lowFrom = from;
      int lowTo = trimEnd(lowFrom, comma);
      int upFrom = skipTrimmed(comma + 1, to);
      MavenVersion lower = lowTo > lowFrom ? MavenVersionScheme.this.parse(s.substring(lowFrom, lowTo)) : null;
      // NB: the upper bound is everything after the first comma, further commas included.
      MavenVersion upper = to > upFrom ? MavenVersionScheme.this.parse(s.substring(upFrom, to)) : null;
      if (lower != null && upper != null) {
        int c = upper.compareTo(lower);
        if (c < 0 || (c == 0 && (!lowerInclusive || !upperInclusive))) {
          throw error("Range defies version ordering");
        }
      }
      return new VersionRange.Interval(lower, lowerInclusive, upper, upperInclusive);
    }

    /** First index in [from, to) after String.trim()'s leading blanks (chars <= ' '). */
    private int skipTrimmed(int from, int to) {
      while (from < to && spec.charAt(from) <= ' ') {
        from++;
      }
      return from;
    }

    private int trimEnd(int from, int to) {
      while (to > from && spec.charAt(to - 1) <= ' ') {
        to--;
      }
      return to;
    }

    private InvalidRangeException error(String reason) {
      return new InvalidRangeException(NAME, spec, reason);
    }
  }
}
