package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeStore;

/** Use case: record a change as applied (the verification deadline starts), or cancel one not applied. */
public final class ApplyChange {
  private final ChangeStore changes;
  private final Clock clock;
  private final Duration verifyWithin;

  /** @param verifyWithin how long after applying a rescan must prove the fix ({@code remediation.verify-hours}) */
  public ApplyChange(ChangeStore changes, Clock clock, Duration verifyWithin) {
    this.changes = changes;
    this.clock = clock;
    this.verifyWithin = verifyWithin;
  }

  /** @throws org.patchwarden.remediate.IllegalTransition when the change is not approved (or failed/unverified) */
  public Change apply(long id, String by) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return ChangeTransitions.run(changes, id, c -> {
      Change next = c.apply(by, now, verifyWithin);
      return new ChangeTransitions.Step(next, List.of(AuditEntry.change(id, now, by.strip(), "applied",
          "verify by " + next.applied().deadline() + " (" + next.pending() + " finding(s) to verify)")));
    });
  }

  /** @throws org.patchwarden.remediate.IllegalTransition when the change was applied already */
  public Change cancel(long id, String by, String reason) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return ChangeTransitions.run(changes, id, c -> new ChangeTransitions.Step(c.cancel(by, reason, now),
        List.of(AuditEntry.change(id, now, by.strip(), "cancelled", reason.strip()))));
  }
}
