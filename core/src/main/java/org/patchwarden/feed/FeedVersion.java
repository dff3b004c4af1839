package org.patchwarden.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * One loaded version of a feed: what the source called it, when the source released it, how many
 * records it held and when we loaded it.
 *
 * @param source our stable name of the feed, e.g. {@code cisa-kev}
 * @param version the source's own version label (KEV's {@code catalogVersion}); never blank
 * @param released when the source says it released this version, or null when it does not say
 * @param records number of records stored from this version
 * @param loadedAt when this version became the current one
 * @param origin where the bytes came from (a path or URL), for the audit trail
 * @param contentHash SHA-256 (hex) of the loaded bytes; a document with the same hash is unchanged
 */
public record FeedVersion(String source, String version, Instant released, int records, Instant loadedAt,
    String origin, String contentHash) {
  public FeedVersion {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(loadedAt, "loadedAt");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(contentHash, "contentHash");
    if (records < 0) {
      throw new IllegalArgumentException("records must be >= 0, got " + records);
    }
  }
}
