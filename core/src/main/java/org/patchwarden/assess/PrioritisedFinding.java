package org.patchwarden.assess;

import java.util.Objects;
import org.patchwarden.match.Finding;
import org.patchwarden.match.TrackedFinding;

/** A tracked finding with its assessment: what a prioritised line names (package, versions, CVEs, tier, due). */
public record PrioritisedFinding(TrackedFinding tracked, Assessment assessment) {
  public PrioritisedFinding {
    Objects.requireNonNull(tracked, "tracked");
    Objects.requireNonNull(assessment, "assessment");
    if (!tracked.finding().key().equals(assessment.findingKey())) {
      throw new IllegalArgumentException("assessment of " + assessment.findingKey() + " given for " + tracked.finding().key());
    }
  }

  public Finding finding() {
    return tracked.finding();
  }
}
