package org.patchwarden.match;

import java.time.Instant;
import java.util.Objects;

/**
 * A finding as the store tracks it over time.
 *
 * @param status OPEN, FIXED, RETRACTED, or NOT_AFFECTED for an open finding that carries a mark
 * @param firstSeen when a scan first found it (due dates count from here); a finding that closes
 *     and comes back keeps it
 * @param lastSeen when a scan last found it
 * @param closedAt when it became FIXED or RETRACTED, or, when NOT_AFFECTED, the time of the mark;
 *     else null
 * @param fixedByRevision the inventory revision that proved the fix, else 0
 * @param mark the user's not-affected mark, or null; a FIXED or RETRACTED finding keeps its mark
 *     in case it comes back
 */
public record TrackedFinding(Finding finding, FindingStatus status, Instant firstSeen, Instant lastSeen,
    Instant closedAt, int fixedByRevision, FindingMark mark) {
  public TrackedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (status == FindingStatus.NOT_AFFECTED && mark == null) {
      throw new IllegalArgumentException(finding.key() + ": NOT_AFFECTED needs the user's mark");
    }
    if (status == FindingStatus.OPEN && mark != null) {
      throw new IllegalArgumentException(finding.key() + ": a marked finding that is found is NOT_AFFECTED, not OPEN");
    }
  }

  /** A finding without a not-affected mark. */
  public TrackedFinding(Finding finding, FindingStatus status, Instant firstSeen, Instant lastSeen, Instant closedAt,
      int fixedByRevision) {
    this(finding, status, firstSeen, lastSeen, closedAt, fixedByRevision, null);
  }
}
