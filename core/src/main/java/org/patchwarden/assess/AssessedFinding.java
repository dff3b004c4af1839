package org.patchwarden.assess;

import java.time.Instant;
import java.util.Objects;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

/**
 * A tracked finding with its assessment, as the exposure report needs it.
 *
 * @param closedAt when it was fixed or retracted, or null while open
 */
public record AssessedFinding(Assessment assessment, FindingStatus status, Instant closedAt) {
  public AssessedFinding {
    Objects.requireNonNull(assessment, "assessment");
    Objects.requireNonNull(status, "status");
    if (status != FindingStatus.OPEN && closedAt == null) {
      throw new IllegalArgumentException(assessment.findingKey() + ": a " + status + " finding needs its closing time");
    }
  }

  public static AssessedFinding of(TrackedFinding tracked, Assessment assessment) {
    if (!tracked.finding().key().equals(assessment.findingKey())) {
      throw new IllegalArgumentException("assessment of " + assessment.findingKey() + " given for "
          + tracked.finding().key());
    }
    return new AssessedFinding(assessment, tracked.status(), tracked.closedAt());
  }

  /** An open finding. */
  public static AssessedFinding open(Assessment assessment) {
    return new AssessedFinding(assessment, FindingStatus.OPEN, null);
  }

  public boolean isOpen() {
    return status == FindingStatus.OPEN;
  }
}
