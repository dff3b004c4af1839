package org.patchwarden.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification to deliver on one channel, as the outbox holds it.
 *
 * @param attempts failed and successful attempts made so far
 * @param nextAttemptAt when a pending delivery is due
 * @param lastError why the last attempt failed, empty when none did
 * @param doneAt when it was sent or given up (dead-lettered), else null
 */
public record Delivery(Notification notification, String channel, Status status, int attempts, Instant nextAttemptAt,
    String lastError, Instant doneAt) {
  /** Where a delivery stands. */
  public enum Status {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** Delivered. */
    SENT,
    /** Given up after the last allowed attempt: a dead letter, kept for people to look at. */
    DEAD
  }

  public Delivery {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    lastError = lastError == null ? "" : lastError;
  }

  public String eventKey() {
    return notification.eventKey();
  }
}
