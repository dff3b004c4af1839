package org.patchwarden.version;

/**
 * NVD CPE match bounds ({@code versionStartIncluding}, {@code versionStartExcluding}, {@code
 * versionEndIncluding}, {@code versionEndExcluding}) or, without bounds, the version field of the
 * CPE itself, as a {@link VersionRange}.
 */
public final class CpeBounds {
  private CpeBounds() {}

  /**
   * Builds the range; every argument may be null.
   *
   * @param cpeVersion the version component of the CPE: {@code *} (any) or {@code -} (not
   *     applicable) are both read as any version when no bound is given
   * @throws InvalidRangeException when both a start-including and a start-excluding (or both end
   *     forms) are given, or a bound is not a valid version of the scheme
   */
  public static VersionRange of(VersionScheme scheme, String cpeVersion, String startIncluding,
      String startExcluding, String endIncluding, String endExcluding) {
    if (startIncluding != null && startExcluding != null) {
      throw new InvalidRangeException(scheme.name(), startIncluding + " / " + startExcluding,
          "versionStartIncluding and versionStartExcluding are exclusive");
    }
    if (endIncluding != null && endExcluding != null) {
      throw new InvalidRangeException(scheme.name(), endIncluding + " / " + endExcluding,
          "versionEndIncluding and versionEndExcluding are exclusive");
    }
    boolean bounded = startIncluding != null || startExcluding != null || endIncluding != null || endExcluding != null;
    if (!bounded) {
      if (cpeVersion == null || cpeVersion.equals("*") || cpeVersion.equals("-") || cpeVersion.isEmpty()) {
        return VersionRange.any();
      }
      return new VersionRange.Comparison(VersionRange.Operator.EQ, parse(scheme, cpeVersion, "version"));
    }
    Version lower = startIncluding != null ? parse(scheme, startIncluding, "versionStartIncluding")
        : startExcluding != null ? parse(scheme, startExcluding, "versionStartExcluding") : null;
    Version upper = endIncluding != null ? parse(scheme, endIncluding, "versionEndIncluding")
        : endExcluding != null ? parse(scheme, endExcluding, "versionEndExcluding") : null;
    return new VersionRange.Interval(lower, startIncluding != null, upper, endIncluding != null);
  }

  private static Version parse(VersionScheme scheme, String text, String field) {
    try {
      return scheme.parse(text);
    } catch (InvalidVersionException e) {
      throw new InvalidRangeException(scheme.name(), field + ": " + text, e.getMessage(), e);
    }
  }
}
