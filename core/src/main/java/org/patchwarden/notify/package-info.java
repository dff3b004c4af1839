/**
 * Notifications: events raised from the state of findings and changes, an outbox that holds one
 * delivery per event and channel (so an event is never sent twice), retries with backoff and a
 * dead-letter state. Channels (webhooks, email) are ports the application implements.
 */
package org.patchwarden.notify;
