package org.patchwarden.usecase;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.patchwarden.notify.NotificationEvents;
import org.patchwarden.notify.NotifyRules;
import org.patchwarden.notify.Outbox;

/**
 * Use case: puts the events the current state holds (new urgent findings, KEV hits, due dates near
 * or passed, verification failures) into the outbox, once per event and channel. Run after imports,
 * scans and feed loads, and before each delivery; running it again adds nothing new.
 */
public final class RaiseNotifications {
  private final AssessFindings assess;
  private final ListChanges changes;
  private final Outbox outbox;
  private final List<String> channels;
  private final NotifyRules rules;
  private final Clock clock;

  /** @param channels the configured channel names; with none, nothing is raised */
  public RaiseNotifications(AssessFindings assess, ListChanges changes, Outbox outbox, List<String> channels,
      NotifyRules rules, Clock clock) {
    this.assess = Objects.requireNonNull(assess, "assess");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.channels = List.copyOf(channels);
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** @return the deliveries added to the outbox */
  public int raise() {
    if (channels.isEmpty()) {
      return 0;
    }
    var now = clock.instant();
    return outbox.enqueue(NotificationEvents.of(assess.assessOpen(), changes.list(null), rules, now), channels, now);
  }
}
