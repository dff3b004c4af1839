package org.patchwarden.notify;

import java.time.Instant;
import java.util.List;

/**
 * Port: the notification outbox. A delivery is identified by its event key and channel, which the
 * store keeps unique: enqueueing an event again adds nothing, so an event is sent once per channel.
 */
public interface Outbox {
  /**
   * Adds one pending delivery per notification and channel, due at {@code at}, skipping those it
   * holds already (whatever their status).
   *
   * @return how many deliveries were added
   */
  int enqueue(List<Notification> notifications, List<String> channels, Instant at);

  /** Pending deliveries due at {@code now}, oldest first, at most {@code limit}. */
  List<Delivery> due(Instant now, int limit);

  /**
   * Takes a pending delivery for one attempt until {@code until}, so that two deliverers (the CLI
   * and the server's scheduler) never both send it.
   *
   * @return false when another deliverer holds it or it is no longer pending
   */
  boolean claim(String eventKey, String channel, Instant now, Instant until);

  /** Records a successful attempt. */
  void sent(String eventKey, String channel, int attempts, Instant at);

  /** Records a failed attempt and when to try again. */
  void retry(String eventKey, String channel, int attempts, Instant next, String error);

  /** Records the last failed attempt: the delivery becomes a dead letter. */
  void dead(String eventKey, String channel, int attempts, Instant at, String error);

  /** Deliveries in {@code status} (all when null), newest first, at most {@code limit}. */
  List<Delivery> list(Delivery.Status status, int limit);
}
