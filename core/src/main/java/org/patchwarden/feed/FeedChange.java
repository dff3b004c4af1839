package org.patchwarden.feed;

import java.util.Objects;

/**
 * One record that changed between two versions of a feed: the outbox of feed events that drives
 * incremental re-matching.
 *
 * @param key the record's key in its feed (advisory id, CVE id, technique id …)
 */
public record FeedChange(String source, String version, String key, Kind kind) {
  /** How the record changed. */
  public enum Kind { ADDED, UPDATED, REMOVED }

  public FeedChange {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
  }
}
