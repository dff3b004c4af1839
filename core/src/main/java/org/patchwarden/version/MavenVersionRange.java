package org.patchwarden.version;

import java.util.List;

/**
 * A Maven version specification: a union of restrictions ({@code [1.0,1.2),(1.5,)}), or a bare
 * soft requirement ({@code 1.0}) that recommends a version but admits every version.
 */
public final class MavenVersionRange implements VersionRange {
  private final String spec;
  private final MavenVersion recommended;
  private final List<VersionRange.Interval> restrictions;

  MavenVersionRange(String spec, MavenVersion recommended, List<VersionRange.Interval> restrictions) {
    this.spec = spec;
    this.recommended = recommended;
    this.restrictions = List.copyOf(restrictions);
  }

  /** The soft requirement's version, or null when the spec is made of restrictions. */
  public MavenVersion recommendedVersion() {
    return recommended;
  }

  /** The restrictions, in the order written; empty for a soft requirement. */
  public List<VersionRange.Interval> restrictions() {
    return restrictions;
  }

  @Override
  public boolean contains(Version version) {
    if (recommended != null) {
      // NB: Maven pairs a soft requirement with Restriction.EVERYTHING.
      return true;
    }
    for (VersionRange.Interval r : restrictions) {
      if (r.contains(version)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return spec;
  }
}
