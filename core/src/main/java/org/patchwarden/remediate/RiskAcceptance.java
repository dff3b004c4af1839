package org.patchwarden.remediate;

import java.time.Instant;
import java.util.Objects;
import org.patchwarden.match.FindingKey;

/**
 * A finding whose risk someone accepted, until an expiry: at expiry it is open again.
 *
 * @param approver who accepted the risk
 */
public record RiskAcceptance(FindingKey key, String reason, String approver, Instant at, Instant until) {
  public RiskAcceptance {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(until, "until");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a risk acceptance needs a reason");
    }
    if (approver.isBlank()) {
      throw new IllegalArgumentException("a risk acceptance needs to say who accepted the risk");
    }
    if (!until.isAfter(at)) {
      throw new IllegalArgumentException("a risk acceptance must expire after it is made: " + until + " is not after " + at);
    }
  }

  /** Whether it still holds at {@code now}: after its expiry the finding is open again. */
  public boolean activeAt(Instant now) {
    return now.isBefore(until);
  }
}
