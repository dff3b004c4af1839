package org.patchwarden.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One event worth telling people about, in words and as facts.
 *
 * @param eventKey identifies the event: the same fact raised again has the same key, so the outbox
 *     never holds (nor sends) it twice
 * @param subject one line, e.g. {@code T0 finding: CVE-2021-44228 on web-01}
 * @param text a few plain sentences
 * @param facts the event's data for machine readers (asset, advisory, tier, due date …), sorted by name
 */
public record Notification(String eventKey, EventKind kind, String subject, String text, Instant raisedAt,
    Map<String, String> facts) {
  public Notification {
    Objects.requireNonNull(eventKey, "eventKey");
    if (eventKey.isBlank() || eventKey.length() > 512) {
      throw new IllegalArgumentException("an event key is 1 to 512 characters, got '" + eventKey + "'");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(raisedAt, "raisedAt");
    facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
  }
}
