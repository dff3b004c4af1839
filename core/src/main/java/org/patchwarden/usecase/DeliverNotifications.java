package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.patchwarden.notify.Delivery;
import org.patchwarden.notify.DeliveryFailure;
import org.patchwarden.notify.NotificationChannel;
import org.patchwarden.notify.Outbox;
import org.patchwarden.notify.RetryPolicy;

/**
 * Use case: drains the outbox. Each due delivery is claimed, sent on its channel, and recorded as
 * sent, as due again after a backoff, or, after the last allowed attempt, as a dead letter. What
 * {@code patchwarden notify deliver} and the server's scheduler run.
 */
public final class DeliverNotifications {
  /** How long a claimed delivery stays with its deliverer: longer than any send may take. */
  static final Duration CLAIM = Duration.ofMinutes(5);

  private final Outbox outbox;
  private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
  private final RetryPolicy retry;
  private final Clock clock;

  /** What one run did. */
  public record Run(int sent, int retried, int dead) {}

  public DeliverNotifications(Outbox outbox, List<NotificationChannel> channels, RetryPolicy retry, Clock clock) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    channels.forEach(c -> this.channels.put(c.name(), c));
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Delivers up to {@code limit} due deliveries. */
  public Run deliver(int limit) {
    int sent = 0;
    int retried = 0;
    int dead = 0;
    for (Delivery d : outbox.due(clock.instant(), limit)) {
      Instant now = clock.instant();
      if (!outbox.claim(d.eventKey(), d.channel(), now, now.plus(CLAIM))) {
        continue;
      }
      int attempts = d.attempts() + 1;
      NotificationChannel channel = channels.get(d.channel());
      if (channel == null) {
        outbox.dead(d.eventKey(), d.channel(), attempts, now, "channel '" + d.channel() + "' is not configured");
        dead++;
        continue;
      }
      try {
        channel.send(d.notification());
        outbox.sent(d.eventKey(), d.channel(), attempts, clock.instant());
        sent++;
      } catch (DeliveryFailure | RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Instant failedAt = clock.instant();
        if (attempts >= retry.maxAttempts()) {
          outbox.dead(d.eventKey(), d.channel(), attempts, failedAt, why);
          dead++;
        } else {
          outbox.retry(d.eventKey(), d.channel(), attempts, failedAt.plus(retry.delayAfter(attempts)), why);
          retried++;
        }
      }
    }
    return new Run(sent, retried, dead);
  }

  /** Dead letters, newest first. */
  public List<Delivery> list(boolean deadOnly, int limit) {
    return outbox.list(deadOnly ? Delivery.Status.DEAD : null, limit);
  }

  /** Deliveries in {@code status} (all when null), newest first. */
  public List<Delivery> list(Delivery.Status status, int limit) {
    return outbox.list(status, limit);
  }
}
