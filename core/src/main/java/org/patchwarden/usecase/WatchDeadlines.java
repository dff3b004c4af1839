package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.patchwarden.assess.Assessment;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.ChangeStore;
import org.patchwarden.schedule.Event;
import org.patchwarden.schedule.EventStore;

/**
 * Use case: raise events for open findings whose due date approaches or passed, and for applied
 * changes whose verification deadline approaches or passed (the latter through {@link VerifyChanges},
 * which makes such a change unverified). Each event is raised once per subject and date.
 */
public final class WatchDeadlines {
  private final AssessFindings assess;
  private final VerifyChanges verify;
  private final ChangeStore changes;
  private final EventStore events;
  private final Clock clock;
  private final Duration soon;

  /** @param soon how far ahead a due date or deadline counts as approaching */
  public WatchDeadlines(AssessFindings assess, VerifyChanges verify, ChangeStore changes, EventStore events,
      Clock clock, Duration soon) {
    this.assess = Objects.requireNonNull(assess, "assess");
    this.verify = Objects.requireNonNull(verify, "verify");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.soon = Objects.requireNonNull(soon, "soon");
  }

  /** What one run found and how many events were new. */
  public record Result(int overdue, int dueSoon, int verificationPassed, int verificationSoon, int raised) {
    public String summary() {
      return overdue + " overdue, " + dueSoon + " due soon, " + verificationPassed + " verification deadline(s) passed, "
          + verificationSoon + " approaching; " + raised + " new event(s)";
    }
  }

  public Result run() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate soonDay = LocalDate.ofInstant(now.plus(soon), ZoneOffset.UTC);
    int overdue = 0;
    int dueSoon = 0;
    int raised = 0;
    for (Assessment a : assess.assessOpen()) {
      String key = a.findingKey();
      if (a.overdue(today)) {
        overdue++;
        raised += raise(Event.Kind.OVERDUE, key, a.dueDate().toString(), now,
            "tier " + a.tier() + ": due " + a.dueDate() + ", " + a.daysOverdue(today) + " day(s) overdue");
      } else if (!a.dueDate().isAfter(soonDay)) {
        dueSoon++;
        raised += raise(Event.Kind.DUE_SOON, key, a.dueDate().toString(), now,
            "tier " + a.tier() + ": due " + a.dueDate());
      }
    }
    int passed = 0;
    for (VerifyChanges.Result r : verify.verify(null, List.of())) {
      if (r.stateChanged() && r.after().state() instanceof ChangeState.Unverified u) {
        passed++;
        raised += raise(Event.Kind.VERIFICATION_DEADLINE_PASSED, "change " + r.after().id(), u.deadline().toString(),
            now, "deadline " + u.deadline() + " passed with " + r.after().pending() + " finding(s) not rescanned");
      }
    }
    int approaching = 0;
    for (Change c : changes.list()) {
      if (c.state() instanceof ChangeState.Applied applied && c.awaitsVerification()
          && !applied.deadline().isAfter(now.plus(soon))) {
        approaching++;
        raised += raise(Event.Kind.VERIFICATION_DUE_SOON, "change " + c.id(), applied.deadline().toString(), now,
            "verification deadline " + applied.deadline() + ": " + c.pending() + " finding(s) not rescanned yet");
      }
    }
    return new Result(overdue, dueSoon, passed, approaching, raised);
  }

  private int raise(Event.Kind kind, String subject, String occasion, Instant now, String detail) {
    return events.raise(new Event(kind, subject, occasion, now, detail)) ? 1 : 0;
  }
}
