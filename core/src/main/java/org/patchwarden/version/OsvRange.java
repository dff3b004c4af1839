package org.patchwarden.version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns an OSV range ({@code type} plus {@code events}) into a {@link VersionRange}, following the
 * evaluation in the OSV schema: events sorted by version ({@code introduced: "0"} lowest), each
 * {@code introduced} opens an affected interval, {@code fixed} closes it exclusively, {@code
 * last_affected} inclusively; {@code limit} caps the whole range from above.
 */
public final class OsvRange {
  private OsvRange() {}

  /**
   * The scheme that orders versions of an OSV range: {@code SEMVER} ranges, and the Go ecosystem,
   * use plain SemVer without a {@code v}; {@code ECOSYSTEM} ranges use the ecosystem's own scheme.
   *
   * @throws IllegalArgumentException for {@code GIT} ranges (they need a commit graph) and unknown
   *     ecosystems or types
   */
  public static VersionScheme schemeFor(String ecosystem, String rangeType) {
    String type = rangeType == null ? "" : rangeType.strip().toUpperCase(Locale.ROOT);
    switch (type) {
      case "SEMVER":
        return Schemes.forEcosystem("npm");
      case "ECOSYSTEM":
        String eco = ecosystem == null ? "" : ecosystem.strip();
        if (eco.equalsIgnoreCase("Go") || eco.equalsIgnoreCase("SEMVER")) {
          return Schemes.forEcosystem("npm");
        }
        return Schemes.forEcosystem(eco);
      case "GIT":
        throw new IllegalArgumentException("OSV GIT ranges need a commit graph and are not evaluated by version");
      default:
        throw new IllegalArgumentException("unknown OSV range type '" + rangeType + "'; expected ECOSYSTEM or SEMVER");
    }
  }

  /**
   * The versions an OSV {@code affected[]} entry names: the union of its ranges and its explicit
   * {@code versions} list.
   *
   * @throws InvalidRangeException when an event or listed version is invalid for the scheme
   */
  public static VersionRange affected(VersionScheme scheme, List<List<OsvEvent>> ranges, List<String> versions) {
    List<VersionRange> parts = new ArrayList<>(ranges.size() + versions.size());
    for (List<OsvEvent> events : ranges) {
      parts.add(of(scheme, events));
    }
    for (String v : versions) {
      try {
        parts.add(new VersionRange.Comparison(VersionRange.Operator.EQ, scheme.parse(v)));
      } catch (InvalidVersionException e) {
        throw new InvalidRangeException(scheme.name(), "versions: " + v, "listed version is invalid: " + e.getMessage(), e);
      }
    }
    return parts.size() == 1 ? parts.get(0) : new VersionRange.AnyOf(parts);
  }

  /**
   * Builds the range.
   *
   * @throws InvalidRangeException when an event version is invalid for the scheme or there is no event
   */
  public static VersionRange of(VersionScheme scheme, List<OsvEvent> events) {
    if (events.isEmpty()) {
      throw new InvalidRangeException(scheme.name(), "[]", "an OSV range needs at least one event");
    }
    record Parsed(OsvEvent.Kind kind, Version version) {} // version null = "0", the lowest
    List<Parsed> parsed = new ArrayList<>(events.size());
    List<VersionRange> limits = new ArrayList<>();
    for (OsvEvent e : events) {
      Version v;
      if (e.kind() == OsvEvent.Kind.INTRODUCED && e.version().equals("0")) {
        v = null;
      } else {
        try {
          v = scheme.parse(e.version());
        } catch (InvalidVersionException ex) {
          throw new InvalidRangeException(scheme.name(), e.kind().field() + ": " + e.version(),
              "event version is invalid: " + ex.getMessage(), ex);
        }
      }
      if (e.kind() == OsvEvent.Kind.LIMIT) {
        limits.add(new VersionRange.Comparison(VersionRange.Operator.LT, v));
      } else {
        parsed.add(new Parsed(e.kind(), v));
      }
    }
    parsed.sort(Comparator.comparing(Parsed::version, Comparator.nullsFirst(Comparator.naturalOrder())));

    List<VersionRange> intervals = new ArrayList<>();
    boolean open = false;
    Version lower = null;
    for (Parsed p : parsed) {
      switch (p.kind()) {
        case INTRODUCED -> {
          if (!open) {
            open = true;
            lower = p.version();
          }
        }
        case FIXED, LAST_AFFECTED -> {
          if (open) {
            intervals.add(new VersionRange.Interval(lower, true, p.version(), p.kind() == OsvEvent.Kind.LAST_AFFECTED));
            open = false;
          }
        }
        default -> throw new IllegalStateException("limit events were set aside");
      }
    }
    if (open) {
      intervals.add(new VersionRange.Interval(lower, true, null, false));
    }
    VersionRange affected = intervals.size() == 1 ? intervals.get(0) : new VersionRange.AnyOf(intervals);
    if (limits.isEmpty()) {
      return affected;
    }
    limits.add(affected);
    return new VersionRange.AllOf(limits);
  }
}
