package org.patchwarden.advisory;

import java.util.Objects;

/**
 * An advisory record together with the feed that holds it ({@code osv:go}, {@code debian-dsa}):
 * the same record id can be held by two feeds, and findings are tracked per feed.
 */
public record FeedRecord(String feed, AdvisoryRecord record) {
  public FeedRecord {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(record, "record");
  }
}
