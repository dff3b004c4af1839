package org.patchwarden.advisory;

import java.util.List;
import java.util.Objects;
import org.patchwarden.version.CpeBounds;
import org.patchwarden.version.OsvEvent;
import org.patchwarden.version.OsvRange;
import org.patchwarden.version.VersionRange;
import org.patchwarden.version.VersionScheme;

/** One affected-version range as a source states it, kept in the source's own terms. */
public sealed interface AffectedRange {

  /** The range in the version engine's terms, with the package's scheme. */
  VersionRange toVersionRange(VersionScheme scheme);

  /**
   * An OSV-style event list ({@code introduced}/{@code fixed}/{@code last_affected}/{@code limit}).
   * Debian's "fixed in X" is {@code introduced 0, fixed X}.
   *
   * @param type {@code ECOSYSTEM}, {@code SEMVER} or {@code GIT}
   */
  record Events(String type, List<OsvEvent> events) implements AffectedRange {
    public Events {
      Objects.requireNonNull(type, "type");
      events = List.copyOf(events);
    }

    @Override
    public VersionRange toVersionRange(VersionScheme scheme) {
      return OsvRange.of(scheme, events);
    }
  }

  /**
   * NVD CPE match bounds; every bound may be null.
   *
   * @param criteria the CPE 2.3 match string, e.g. {@code cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*}
   */
  record CpeMatch(String criteria, String startIncluding, String startExcluding, String endIncluding,
      String endExcluding) implements AffectedRange {
    public CpeMatch {
      Objects.requireNonNull(criteria, "criteria");
    }

    /** The version component of the criteria ({@code *}, {@code -} or a version). */
    public String cpeVersion() {
      String[] parts = criteria.split(":", -1);
      return parts.length > 5 ? parts[5] : "*";
    }

    @Override
    public VersionRange toVersionRange(VersionScheme scheme) {
      return CpeBounds.of(scheme, cpeVersion(), startIncluding, startExcluding, endIncluding, endExcluding);
    }
  }
}
