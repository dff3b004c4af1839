package org.patchwarden.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.version.OsvRange;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.Version;
import org.patchwarden.version.VersionScheme;

/**
 * The matching rule for one (ecosystem, name, version) tuple against the index: shared by the
 * per-inventory {@link Matcher} and the fleet-wide {@link FleetMatcher}, so both say the same.
 *
 * @param hits one per (feed source, record id) whose entries affect the version
 * @param invalidScheme the scheme that rejected the installed version (nothing was matched), else null
 */
record TupleEvaluation(List<Hit> hits, String invalidScheme) {
  private static final TupleEvaluation NOTHING = new TupleEvaluation(List.of(), null);
  private static final VersionScheme GENERIC = Schemes.forEcosystem("generic");

  /**
   * Evaluates {@code target} against {@code index}; {@code onlyIds}, when not null, limits the
   * records considered (re-matching changed advisories).
   */
  static TupleEvaluation of(AdvisoryIndex index, EcosystemMapping.Target target, Set<String> onlyIds) {
    AdvisoryIndex.Entry[] entries = index.bucket(target.ecosystemKey(), target.nameKey());
    InstalledVersion installed = new InstalledVersion(target.version());
    VersionScheme primary = primaryScheme(target);
    if (primary != null && installed.in(primary) == null) {
      return new TupleEvaluation(List.of(), primary.name());
    }
    if (entries.length == 0) {
      return NOTHING;
    }
    boolean cpe = EcosystemKeys.isCpe(target.ecosystemKey());
    List<Group> groups = null;
    for (AdvisoryIndex.Entry e : entries) {
      if (onlyIds != null && !onlyIds.contains(e.recordId)) {
        continue;
      }
      AffectedStatus status = e.affected.status();
      if (status == AffectedStatus.NOT_AFFECTED || !e.contains(installed)) {
        continue;
      }
      if (groups == null) {
        groups = new ArrayList<>(2);
      }
      Group g = null;
      for (Group candidate : groups) {
        if (candidate.first.recordId.equals(e.recordId) && candidate.first.feedSource.equals(e.feedSource)) {
          g = candidate;
          break;
        }
      }
      if (g == null) {
        groups.add(new Group(e, installed));
      } else {
        g.merge(e, installed);
      }
    }
    if (groups == null) {
      return NOTHING;
    }
    List<Hit> hits = new ArrayList<>(groups.size());
    for (Group g : groups) {
      hits.add(new Hit(g.first.recordId, g.first.aliases, g.first.feedSource, g.first.affected.ecosystem(), g.status,
          g.range.toString(), g.fixed == null ? "" : g.fixed.text(), cpe ? Confidence.CPE_MATCH : Confidence.CONFIRMED));
    }
    return new TupleEvaluation(List.copyOf(hits), null);
  }

  /** The scheme an installed version must be valid in: the ecosystem's own (Go: plain SemVer); CPE: generic. */
  static VersionScheme primaryScheme(EcosystemMapping.Target target) {
    if (EcosystemKeys.isCpe(target.ecosystemKey())) {
      return GENERIC;
    }
    try {
      return OsvRange.schemeFor(target.ecosystem(), "ECOSYSTEM");
    } catch (IllegalArgumentException e) {
      return null; // an ecosystem without a scheme (crates.io, Hex …): entries decide per range
    }
  }

  /** The matching entries of one record: their statuses, ranges and fixes combined. */
  private static final class Group {
    final AdvisoryIndex.Entry first;
    AffectedStatus status;
    final StringBuilder range;
    Version fixed;

    Group(AdvisoryIndex.Entry e, InstalledVersion installed) {
      first = e;
      status = e.affected.status();
      range = new StringBuilder(e.describe());
      fixed = e.fixedAbove(installed);
    }

    void merge(AdvisoryIndex.Entry e, InstalledVersion installed) {
      // AFFECTED (a fix may exist) wins over the special statuses, which follow in declaration order
      if (e.affected.status().ordinal() < status.ordinal()) {
        status = e.affected.status();
      }
      String d = e.describe();
      if (!range.toString().contains(d)) {
        range.append(" ; ").append(d);
      }
      Version f = e.fixedAbove(installed);
      if (f != null && (fixed == null || (f.scheme() == fixed.scheme() && f.compareTo(fixed) < 0))) {
        fixed = f;
      }
    }
  }
}
