package org.patchwarden.usecase;

import java.util.List;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.TrackedFinding;

/** Use case: the tracked findings matching a filter, optionally only those whose vulnerability is in CISA KEV. */
public final class ListFindings {
  private final FindingStore findings;
  private final KevStore kev;

  public ListFindings(FindingStore findings, KevStore kev) {
    this.findings = findings;
    this.kev = kev;
  }

  public List<TrackedFinding> list(FindingFilter filter, boolean kevOnly) {
    List<TrackedFinding> all = findings.list(filter);
    if (!kevOnly) {
      return all;
    }
    return all.stream().filter(t -> inKev(t)).toList();
  }

  private boolean inKev(TrackedFinding t) {
    if (t.finding().advisoryId().startsWith("CVE-") && kev.find(t.finding().advisoryId()).isPresent()) {
      return true;
    }
    return t.finding().aliases().stream().anyMatch(a -> a.startsWith("CVE-") && kev.find(a).isPresent());
  }
}
