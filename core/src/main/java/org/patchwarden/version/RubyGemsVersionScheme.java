package org.patchwarden.version;

import java.util.ArrayList;
import java.util.List;

/**
 * Ruby gem versions with RubyGems 3.3.15's {@code Gem::Version} rules, and {@code Gem::Requirement}
 * lists ({@code ~> 1.2, >= 1.2.3}, comma-separated, all must hold) as the native range syntax.
 */
public final class RubyGemsVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "rubygems";
  }

  /**
   * Parses like {@code Gem::Version.new}; a blank string is correct and means {@code 0}.
   *
   * @throws InvalidVersionException when {@code Gem::Version.correct?} is false
   */
  @Override
  public Version parse(String text) {
    return RubyGemsVersion.parse(this, text);
  }

  /**
   * Parses like {@code Gem::Requirement.new(*text.split(","))}: no requirement at all (an empty
   * string) is {@code >= 0}; each item is {@code [op] version} with {@code =} as default operator.
   *
   * @throws InvalidRangeException when RubyGems raises {@code BadRequirementError}
   */
  @Override
  public VersionRange parseRange(String text) {
    if (text == null) {
      throw new InvalidRangeException(name(), null, "null requirement");
    }
    // NB: Ruby's String#split drops trailing empty fields ("1," is one requirement, "" none) but
    // keeps leading and inner ones, which then fail to parse.
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ',') {
      end--;
    }
    List<VersionRange> requirements = new ArrayList<>();
    int start = 0;
    if (end > 0) {
      for (int i = 0; i <= end; i++) {
        if (i == end || text.charAt(i) == ',') {
          requirements.add(requirement(text, start, i));
          start = i + 1;
        }
      }
    }
    if (requirements.isEmpty()) {
      return new VersionRange.Comparison(VersionRange.Operator.GE, parse("0"));
    }
    return requirements.size() == 1 ? requirements.get(0) : new VersionRange.AllOf(requirements);
  }

  /** {@code Gem::Requirement::PATTERN}: {@code \A\s*(op)?\s*(VERSION_PATTERN)\s*\z}. */
  private VersionRange requirement(String text, int from, int to) {
    int i = from;
    while (i < to && RubyGemsVersion.isRubySpace(text.charAt(i))) {
      i++;
    }
    String op = "=";
    if (i + 1 < to && (text.startsWith(">=", i) || text.startsWith("<=", i)
        || text.startsWith("!=", i) || text.startsWith("~>", i))) {
      op = text.substring(i, i + 2);
      i += 2;
    } else if (i < to && (text.charAt(i) == '=' || text.charAt(i) == '>' || text.charAt(i) == '<')) {
      op = text.substring(i, i + 1);
      i++;
    }
    while (i < to && RubyGemsVersion.isRubySpace(text.charAt(i))) {
      i++;
    }
    int e = to;
    while (e > i && RubyGemsVersion.isRubySpace(text.charAt(e - 1))) {
      e--;
    }
    if (i == e) {
      throw new InvalidRangeException(name(), text, "requirement '"
          + InvalidVersionException.shorten(text.substring(from, to)) + "' has no version");
    }
    String why = RubyGemsVersion.check(text, i, e);
    if (why != null) {
      throw new InvalidRangeException(name(), text, "requirement '"
          + InvalidVersionException.shorten(text.substring(from, to)) + "': " + why);
    }
    RubyGemsVersion bound = RubyGemsVersion.parse(this, text.substring(i, e));
    return switch (op) {
      case "=" -> new VersionRange.Comparison(VersionRange.Operator.EQ, bound);
      case "!=" -> new VersionRange.Comparison(VersionRange.Operator.NE, bound);
      case ">" -> new VersionRange.Comparison(VersionRange.Operator.GT, bound);
      case "<" -> new VersionRange.Comparison(VersionRange.Operator.LT, bound);
      case ">=" -> new VersionRange.Comparison(VersionRange.Operator.GE, bound);
      case "<=" -> new VersionRange.Comparison(VersionRange.Operator.LE, bound);
      default -> new Pessimistic(bound, bound.bump());
    };
  }

  /**
   * {@code ~> V}: {@code v >= V && v.release < V.bump}. Not an interval: a pre-release of the bump
   * ({@code 2.0.a} for {@code ~> 1.0}) is below {@code 2.0} yet its release {@code 2.0} is not.
   */
  record Pessimistic(RubyGemsVersion bound, RubyGemsVersion bump) implements VersionRange {
    @Override
    public boolean contains(Version version) {
      RubyGemsVersion v = RubyGemsVersion.cast(version);
      return v.compareTo(bound) >= 0 && v.compareReleaseTo(bump) < 0;
    }

    @Override
    public String toString() {
      return "~> " + bound.text();
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
