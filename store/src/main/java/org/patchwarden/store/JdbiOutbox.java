package org.patchwarden.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.patchwarden.notify.Delivery;
import org.patchwarden.notify.EventKind;
import org.patchwarden.notify.Notification;
import org.patchwarden.notify.Outbox;

/** The notification outbox in SQL (V17): unique per event key and channel, on SQLite and PostgreSQL alike. */
final class JdbiOutbox implements Outbox {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "event_key, channel, kind, subject, body, facts, raised_at, status, attempts,"
      + " next_attempt_at, last_error, done_at";

  private final Jdbi jdbi;

  JdbiOutbox(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public int enqueue(List<Notification> notifications, List<String> channels, Instant at) {
    if (notifications.isEmpty() || channels.isEmpty()) {
      return 0;
    }
    return jdbi.inTransaction(h -> {
      // ON CONFLICT DO NOTHING (SQLite and PostgreSQL): an event already queued, sent or dead stays as it is.
      // One statement per row, not a batch: a batch's counts are not reported on every driver, and
      // the count of rows added is what tells new events from known ones.
      int added = 0;
      for (Notification n : notifications) {
        for (String channel : channels) {
          added += h.createUpdate("""
              INSERT INTO notification_outbox (event_key, channel, kind, subject, body, facts, raised_at, status,
                  attempts, next_attempt_at, last_error)
              VALUES (:key, :channel, :kind, :subject, :body, :facts, :raised, 'pending', 0, :next, '')
              ON CONFLICT (event_key, channel) DO NOTHING""")
              .bind("key", n.eventKey()).bind("channel", channel).bind("kind", n.kind().id())
              .bind("subject", n.subject()).bind("body", n.text()).bind("facts", json(n.facts()))
              .bind("raised", SqlTime.format(n.raisedAt())).bind("next", SqlTime.format(at)).execute();
        }
      }
      return added;
    });
  }

  @Override
  public List<Delivery> due(Instant now, int limit) {
    String at = SqlTime.format(now);
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM notification_outbox"
            + " WHERE status = 'pending' AND next_attempt_at <= :now"
            + " AND (claimed_until IS NULL OR claimed_until < :now)"
            + " ORDER BY next_attempt_at, raised_at, event_key, channel LIMIT :limit")
        .bind("now", at).bind("limit", limit).map((rs, ctx) -> delivery(rs)).list());
  }

  @Override
  public boolean claim(String eventKey, String channel, Instant now, Instant until) {
    String at = SqlTime.format(now);
    return jdbi.withHandle(h -> h.createUpdate("UPDATE notification_outbox SET claimed_until = :until"
            + " WHERE event_key = :key AND channel = :channel AND status = 'pending'"
            + " AND (claimed_until IS NULL OR claimed_until < :now)")
        .bind("until", SqlTime.format(until)).bind("key", eventKey).bind("channel", channel).bind("now", at)
        .execute()) == 1;
  }

  @Override
  public void sent(String eventKey, String channel, int attempts, Instant at) {
    finish(eventKey, channel, "sent", attempts, at, "");
  }

  @Override
  public void dead(String eventKey, String channel, int attempts, Instant at, String error) {
    finish(eventKey, channel, "dead", attempts, at, error);
  }

  private void finish(String eventKey, String channel, String status, int attempts, Instant at, String error) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE notification_outbox SET status = :status, attempts = :attempts,"
            + " done_at = :at, claimed_until = NULL, last_error = :error WHERE event_key = :key AND channel = :channel")
        .bind("status", status).bind("attempts", attempts).bind("at", SqlTime.format(at)).bind("error", clip(error))
        .bind("key", eventKey).bind("channel", channel).execute());
  }

  @Override
  public void retry(String eventKey, String channel, int attempts, Instant next, String error) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE notification_outbox SET attempts = :attempts, next_attempt_at = :next,"
            + " claimed_until = NULL, last_error = :error WHERE event_key = :key AND channel = :channel")
        .bind("attempts", attempts).bind("next", SqlTime.format(next)).bind("error", clip(error))
        .bind("key", eventKey).bind("channel", channel).execute());
  }

  @Override
  public List<Delivery> list(Delivery.Status status, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM notification_outbox"
            + (status == null ? "" : " WHERE status = :status")
            + " ORDER BY raised_at DESC, event_key, channel LIMIT :limit")
        .bind("status", status == null ? null : status.name().toLowerCase(Locale.ROOT)).bind("limit", limit)
        .map((rs, ctx) -> delivery(rs)).list());
  }

  private static Delivery delivery(ResultSet rs) throws SQLException {
    Notification n = new Notification(rs.getString("event_key"), EventKind.of(rs.getString("kind")),
        rs.getString("subject"), rs.getString("body"), SqlTime.instant(rs.getString("raised_at")),
        facts(rs.getString("facts")));
    return new Delivery(n, rs.getString("channel"),
        Delivery.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
        SqlTime.instant(rs.getString("next_attempt_at")), rs.getString("last_error"),
        SqlTime.instant(rs.getString("done_at")));
  }

  /** A receiver's reply can be long: the first 2,000 characters say why. */
  private static String clip(String error) {
    String e = error == null ? "" : error;
    return e.length() <= 2000 ? e : e.substring(0, 2000) + "…";
  }

  private static String json(Map<String, String> facts) {
    try {
      return JSON.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notification facts: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> facts(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notification_outbox.facts is not a JSON object of strings: " + e.getMessage(), e);
    }
  }
}
