package org.patchwarden.version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The constraint part of a vers URI ({@code >=1.0|<1.2|!=1.1}), evaluated as the vers
 * specification describes: equalities and exclusions first, then the sorted comparators read as
 * consecutive intervals.
 */
public final class VersConstraints {
  private VersConstraints() {}

  /** Parses {@code text} with {@code scheme}'s versions. */
  public static VersionRange parse(VersionScheme scheme, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidRangeException(scheme.name(), String.valueOf(text), "empty range");
    }
    String trimmed = text.strip();
    if (trimmed.equals("*")) {
      return VersionRange.any();
    }
    List<VersionRange.Comparison> comparisons = new ArrayList<>();
    for (String part : trimmed.split("\\|", -1)) {
      String c = part.strip();
      if (c.isEmpty()) {
        throw new InvalidRangeException(scheme.name(), text, "empty constraint between '|'");
      }
      if (c.equals("*")) {
        throw new InvalidRangeException(scheme.name(), text, "'*' must be the only constraint");
      }
      VersionRange.Operator op;
      String v;
      if (c.startsWith(">=")) {
        op = VersionRange.Operator.GE;
        v = c.substring(2);
      } else if (c.startsWith("<=")) {
        op = VersionRange.Operator.LE;
        v = c.substring(2);
      } else if (c.startsWith("!=")) {
        op = VersionRange.Operator.NE;
        v = c.substring(2);
      } else if (c.startsWith(">")) {
        op = VersionRange.Operator.GT;
        v = c.substring(1);
      } else if (c.startsWith("<")) {
        op = VersionRange.Operator.LT;
        v = c.substring(1);
      } else if (c.startsWith("=")) {
        op = VersionRange.Operator.EQ;
        v = c.substring(1);
      } else {
        op = VersionRange.Operator.EQ;
        v = c;
      }
      try {
        comparisons.add(new VersionRange.Comparison(op, scheme.parse(v.strip())));
      } catch (InvalidVersionException e) {
        throw new InvalidRangeException(scheme.name(), text, e.getMessage(), e);
      }
    }
    return of(comparisons);
  }

  /** Builds the vers evaluation of a list of comparisons, in any order. */
  public static VersionRange of(List<VersionRange.Comparison> comparisons) {
    List<VersionRange> alternatives = new ArrayList<>();
    List<VersionRange> exclusions = new ArrayList<>();
    List<VersionRange.Comparison> ordered = new ArrayList<>();
    for (VersionRange.Comparison c : comparisons) {
      switch (c.operator()) {
        case EQ -> alternatives.add(c);
        case NE -> exclusions.add(c);
        default -> ordered.add(c);
      }
    }
    ordered.sort(Comparator.comparing(VersionRange.Comparison::bound));
    Version lower = null;
    boolean lowerInclusive = false;
    boolean open = false;
    for (VersionRange.Comparison c : ordered) {
      boolean isLower = c.operator() == VersionRange.Operator.GT || c.operator() == VersionRange.Operator.GE;
      if (isLower) {
        if (!open) {
          lower = c.bound();
          lowerInclusive = c.operator() == VersionRange.Operator.GE;
          open = true;
        }
      } else {
        alternatives.add(new VersionRange.Interval(open ? lower : null, lowerInclusive, c.bound(),
            c.operator() == VersionRange.Operator.LE));
        open = false;
        lower = null;
      }
    }
    if (open) {
      alternatives.add(new VersionRange.Interval(lower, lowerInclusive, null, false));
    }
    VersionRange union = new VersionRange.AnyOf(alternatives);
    if (exclusions.isEmpty()) {
      return alternatives.size() == 1 ? alternatives.get(0) : union;
    }
    List<VersionRange> all = new ArrayList<>(exclusions);
    // NB: vers lets "!=" alone mean "anything but"; with no other constraint the union would be empty.
    all.add(alternatives.isEmpty() ? VersionRange.any() : union);
    return new VersionRange.AllOf(all);
  }
}
