package org.patchwarden.usecase;

import java.time.LocalDate;
import java.util.Objects;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.RemediationStatus;

/** One finding of an export: how it is tracked, its assessment, where it stands in the loop and its VEX statement. */
public record ExportedFinding(PrioritisedFinding prioritised, RemediationStatus remediation, VexStatement vex) {
  public ExportedFinding {
    Objects.requireNonNull(prioritised, "prioritised");
    Objects.requireNonNull(remediation, "remediation");
    Objects.requireNonNull(vex, "vex");
  }

  public Finding finding() {
    return prioritised.finding();
  }

  public TrackedFinding tracked() {
    return prioritised.tracked();
  }

  public Assessment assessment() {
    return prioritised.assessment();
  }

  /** The asset's owner team, empty when unknown. */
  public String team() {
    return assessment().signals().asset().ownerTeam();
  }

  /** Days past due on {@code today}; 0 for a finding that is not open. */
  public long daysOverdue(LocalDate today) {
    return tracked().status() == FindingStatus.OPEN ? assessment().daysOverdue(today) : 0;
  }
}
