package org.patchwarden.version;

import java.util.List;
import java.util.Objects;

/**
 * A set of versions of one scheme, as advisories and requirements express them. Parsers for each
 * syntax (OSV events, vers, Maven, npm, PEP 440, NVD CPE bounds …) produce compositions of the
 * records below, plus a few scheme-specific predicates where an ecosystem's rule is not expressible
 * as plain intervals (npm's pre-release inclusion, PEP 440's exclusive-ordered comparison).
 */
public interface VersionRange {

  /** Whether {@code version} is in this range. */
  boolean contains(Version version);

  /** The range holding every version. */
  static VersionRange any() {
    return Any.INSTANCE;
  }

  /** Holds every version ({@code *}). */
  enum Any implements VersionRange {
    INSTANCE;

    @Override
    public boolean contains(Version version) {
      return true;
    }

    @Override
    public String toString() {
      return "*";
    }
  }

  /** A single comparison with a bound: {@code >= 1.2}. */
  record Comparison(Operator operator, Version bound) implements VersionRange {
    public Comparison {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(bound, "bound");
    }

    @Override
    public boolean contains(Version version) {
      return operator.test(version.compareTo(bound));
    }

    @Override
    public String toString() {
      return operator.symbol() + bound.text();
    }
  }

  /**
   * An interval; a null bound is unbounded on that side. {@code [introduced, fixed)} is the usual
   * shape of an advisory's affected range.
   */
  record Interval(Version lower, boolean lowerInclusive, Version upper, boolean upperInclusive)
      implements VersionRange {

    @Override
    public boolean contains(Version version) {
      if (lower != null) {
        int c = version.compareTo(lower);
        if (c < 0 || (c == 0 && !lowerInclusive)) {
          return false;
        }
      }
      if (upper != null) {
        int c = version.compareTo(upper);
        return c < 0 || (c == 0 && upperInclusive);
      }
      return true;
    }

    @Override
    public String toString() {
      return (lower == null ? "(" : lowerInclusive ? "[" : "(")
          + (lower == null ? "" : lower.text())
          + ","
          + (upper == null ? "" : upper.text())
          + (upper == null ? ")" : upperInclusive ? "]" : ")");
    }
  }

  /** The union of ranges; empty holds nothing. */
  record AnyOf(List<VersionRange> ranges) implements VersionRange {
    public AnyOf {
      ranges = List.copyOf(ranges);
    }

    @Override
    public boolean contains(Version version) {
      for (VersionRange r : ranges) {
        if (r.contains(version)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return ranges.isEmpty() ? "<none>" : String.join(" || ", ranges.stream().map(Object::toString).toList());
    }
  }

  /** The intersection of ranges; empty holds everything. */
  record AllOf(List<VersionRange> ranges) implements VersionRange {
    public AllOf {
      ranges = List.copyOf(ranges);
    }

    @Override
    public boolean contains(Version version) {
      for (VersionRange r : ranges) {
        if (!r.contains(version)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return String.join(" ", ranges.stream().map(Object::toString).toList());
    }
  }

  /** Comparison operators shared by the range syntaxes. */
  enum Operator {
    LT("<"),
    LE("<="),
    EQ("="),
    NE("!="),
    GE(">="),
    GT(">");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** Whether a comparison result {@code cmp = version.compareTo(bound)} satisfies this operator. */
    public boolean test(int cmp) {
      return switch (this) {
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case GE -> cmp >= 0;
        case GT -> cmp > 0;
      };
    }
  }
}
