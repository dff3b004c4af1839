package org.patchwarden.notify;

/** Port: a way to tell people (a webhook, an email address), named as configured. */
public interface NotificationChannel {
  /** The channel's configured name, e.g. {@code slack}: the outbox records deliveries under it. */
  String name();

  /**
   * Delivers one notification.
   *
   * @throws DeliveryFailure when the receiver refused it or could not be reached
   */
  void send(Notification notification) throws DeliveryFailure;
}
