package org.patchwarden.match;

import java.time.Instant;
import java.util.Objects;

/**
 * A finding as the store tracks it over time.
 *
 * @param firstSeen when a scan first found it (due dates count from here)
 * @param lastSeen when a scan last found it
 * @param closedAt when it became FIXED or RETRACTED, else null
 * @param fixedByRevision the inventory revision that proved the fix, else 0
 */
public record TrackedFinding(Finding finding, FindingStatus status, Instant firstSeen, Instant lastSeen,
    Instant closedAt, int fixedByRevision) {
  public TrackedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
