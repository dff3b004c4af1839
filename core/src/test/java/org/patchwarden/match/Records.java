package org.patchwarden.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.version.OsvEvent;

/** Small builders for advisory records in tests. */
final class Records {
  private Records() {}

  static AdvisoryRecord record(String source, String id, Set<String> aliases, AffectedPackage... affected) {
    return new AdvisoryRecord(source, id, aliases, "", "", null, null, false, List.of(affected), List.of(), List.of(),
        List.of());
  }

  static AdvisoryRecord withdrawn(String source, String id, AffectedPackage... affected) {
    return new AdvisoryRecord(source, id, Set.of(), "", "", null, null, true, List.of(affected), List.of(), List.of(),
        List.of());
  }

  /** {@code introduced 0, fixed <fixed>}. */
  static AffectedPackage fixedIn(String ecosystem, String name, String fixed) {
    return affected(ecosystem, name, events("ECOSYSTEM", "introduced", "0", "fixed", fixed));
  }

  static AffectedPackage affected(String ecosystem, String name, AffectedRange... ranges) {
    return new AffectedPackage(ecosystem, name, null, AffectedStatus.AFFECTED, List.of(ranges), List.of(), "");
  }

  static AffectedPackage versions(String ecosystem, String name, List<String> versions, AffectedRange... ranges) {
    return new AffectedPackage(ecosystem, name, null, AffectedStatus.AFFECTED, List.of(ranges), versions, "");
  }

  static AffectedPackage status(String ecosystem, String name, AffectedStatus status) {
    return new AffectedPackage(ecosystem, name, null, status, List.of(), List.of(), "");
  }

  /** Events from (kind, version) pairs: {@code events("SEMVER", "introduced", "0", "fixed", "1.2.3")}. */
  static AffectedRange.Events events(String type, String... kindVersion) {
    List<OsvEvent> events = new ArrayList<>();
    for (int i = 0; i < kindVersion.length; i += 2) {
      events.add(new OsvEvent(OsvEvent.Kind.ofField(kindVersion[i]), kindVersion[i + 1]));
    }
    return new AffectedRange.Events(type, events);
  }

  static AffectedRange.CpeMatch cpe(String criteria, String startIncluding, String startExcluding,
      String endIncluding, String endExcluding) {
    return new AffectedRange.CpeMatch(criteria, startIncluding, startExcluding, endIncluding, endExcluding);
  }

  static AdvisoryIndex index(String source, AdvisoryRecord... records) {
    AdvisoryIndex.Builder b = AdvisoryIndex.builder();
    for (AdvisoryRecord r : records) {
      b.add(source, r);
    }
    return b.build();
  }
}
