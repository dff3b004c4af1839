package org.patchwarden.version;

/**
 * NuGet versions and version ranges, following NuGet.Versioning ({@code NuGetVersion.TryParse},
 * {@code VersionComparer.Default}, {@code VersionRange.TryParse} with floating versions allowed).
 */
public final class NuGetVersionScheme implements VersionScheme {
  static final String NAME = "nuget";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public NuGetVersion parse(String text) {
    NuGetVersion v = NuGetVersion.tryParse(this, text);
    if (v == null) {
      throw new InvalidVersionException(NAME, text,
          text == null ? "no version given" : "not a NuGet version (2 to 4 numbers, optional -labels and +metadata)");
    }
    return v;
  }

  /**
   * Parses NuGet's interval notation: {@code [1.0,2.0)}, {@code (1.0,)}, {@code [1.0]}, a bare
   * {@code 1.0} meaning {@code >= 1.0}, and floating minimums ({@code 1.*}, {@code [1.0.0-*,2.0)}),
   * which only set the lower bound as far as membership is concerned.
   *
   * @throws InvalidRangeException where {@code VersionRange.TryParse} fails
   */
  @Override
  public VersionRange parseRange(String text) {
    if (text == null) {
      throw new InvalidRangeException(NAME, null, "no range given");
    }
    String trimmed = NuGetVersion.DotNet.trim(text);
    if (trimmed.isEmpty()) {
      throw error(text, "empty range");
    }
    if (trimmed.equals("*")) {
      return new VersionRange.Interval(parse("0.0.0"), true, null, true);
    }
    boolean minInclusive;
    boolean maxInclusive = false;
    String minString;
    String maxString = null;
    char first = trimmed.charAt(0);
    if (first == '(' || first == '[') {
      minInclusive = first == '[';
      char last = trimmed.charAt(trimmed.length() - 1);
      if (last != ']' && last != ')') {
        throw error(text, "a range opened with '" + first + "' must end with ']' or ')'");
      }
      maxInclusive = last == ']';
      String inner = trimmed.substring(1, trimmed.length() - 1);
      int comma = inner.indexOf(',');
      if (comma >= 0 && inner.indexOf(',', comma + 1) >= 0) {
        throw error(text, "more than two bounds");
      }
      if (comma < 0) {
        if (inner.isEmpty()) {
          throw error(text, "no bound given");
        }
        if (!(minInclusive && maxInclusive)) {
          // (1.0.0] and [1.0.0), (1.0.0) are invalid.
          throw error(text, "a single version must be written [1.0]");
        }
        minString = inner;
        maxString = inner;
      } else {
        minString = inner.substring(0, comma);
        maxString = inner.substring(comma + 1);
        if (minString.isEmpty() && maxString.isEmpty()) {
          throw error(text, "no bound given");
        }
      }
    } else {
      minInclusive = true;
      minString = trimmed;
    }
    NuGetVersion min = null;
    NuGetVersion max = null;
    if (!NuGetVersion.DotNet.isNullOrWhiteSpace(minString)) {
      min = minString.indexOf('*') >= 0 ? floatingMinimum(minString) : NuGetVersion.tryParse(this, minString);
      if (min == null) {
        throw error(text, "invalid lower bound '" + InvalidVersionException.shorten(minString) + "'");
      }
    }
    if (!NuGetVersion.DotNet.isNullOrWhiteSpace(maxString)) {
      // The upper bound cannot float.
      max = NuGetVersion.tryParse(this, maxString);
      if (max == null) {
        throw error(text, "invalid upper bound '" + InvalidVersionException.shorten(maxString) + "'");
      }
    }
    if (min != null && max != null) {
      int c = min.compareTo(max);
      if (c > 0) {
        throw error(text, "lower bound above upper bound");
      }
      if (c == 0 && minInclusive != maxInclusive) {
        throw error(text, "empty range: equal bounds with one side exclusive");
      }
    }
    return new VersionRange.Interval(min, minInclusive, max, maxInclusive);
  }

  /**
   * The minimum version of a floating version ({@code FloatRange.TryParse}), or null when it is
   * not a valid float. Membership in a NuGet range only checks the bounds, so the float behaviour
   * itself (which version a restore would pick) does not matter here.
   */
  private NuGetVersion floatingMinimum(String s) {
    int firstStar = s.indexOf('*');
    int lastStar = s.lastIndexOf('*');
    boolean hasPlus = s.indexOf('+') >= 0;
    if (s.length() == 1 && firstStar == 0) {
      return NuGetVersion.tryParse(this, "0.0");
    }
    if (s.equals("*-*")) {
      return NuGetVersion.tryParse(this, "0.0.0-0");
    }
    if (firstStar != lastStar && lastStar != -1 && !hasPlus) {
      // Two stars: only "<stable>*-<prefix>*", e.g. 1.*-beta*.
      int dash = s.indexOf('-');
      if (dash == -1 || lastStar != s.length() - 1 || firstStar != dash - 1) {
        return null;
      }
      String stable = s.substring(0, dash - 1) + "0";
      String prefix = s.substring(dash + 1, s.length() - 1);
      String release = prefix.isEmpty() || prefix.endsWith(".") ? prefix + "0" : prefix;
      return NuGetVersion.tryParse(this, stable + "-" + release);
    }
    if (lastStar == s.length() - 1 && !hasPlus) {
      String actual = s.substring(0, s.length() - 1);
      int dash = s.indexOf('-');
      if (dash == -1) {
        // NB: the star becomes a 0 digit wherever it stands, so "1*" floats from 10.
        actual += "0";
      } else if (dash == s.lastIndexOf('-')) {
        String prefix = actual.substring(dash + 1);
        if (prefix.isEmpty() || actual.endsWith(".")) {
          actual += "0"; // 1.0.0-* : an empty label is not valid
        } else if (actual.endsWith("-")) {
          actual += "-";
        }
      }
      return NuGetVersion.tryParse(this, actual);
    }
    return NuGetVersion.tryParse(this, s); // fails: a '*' elsewhere is not a version
  }

  private static InvalidRangeException error(String text, String reason) {
    return new InvalidRangeException(NAME, text, reason);
  }
}
