package org.patchwarden.finding;

import java.time.Instant;
import java.util.Objects;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStatus;

/**
 * What the lifecycle needs to know of a finding already tracked.
 *
 * @param status OPEN, FIXED or RETRACTED as stored: a not-affected finding is an OPEN one with a mark
 * @param firstSeen when it was first found; kept whatever happens to the finding later
 * @param mark the user's not-affected mark, or null
 */
public record FindingState(FindingId id, FindingStatus status, Instant firstSeen, FindingMark mark) {
  public FindingState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    if (status == FindingStatus.NOT_AFFECTED) {
      throw new IllegalArgumentException(id + ": NOT_AFFECTED is not stored; store OPEN with a mark");
    }
    Objects.requireNonNull(firstSeen, "firstSeen");
  }
}
