package org.patchwarden.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a feed document being loaded comes from.
 *
 * @param source our stable name of the feed: {@code cisa-kev}, {@code epss}, {@code nvd}, {@code
 *     cve5}, {@code osv:Go}, {@code osv:AlmaLinux}, {@code osv:PyPI}, {@code debian-dsa}, {@code
 *     debian-dla}, {@code debian-tracker}, {@code attack:enterprise-attack}, {@code attack-mappings},
 *     {@code ssvc}
 * @param origin the path or URL of the bytes
 * @param contentHash SHA-256 (hex) of the document's bytes (of all files, in path order, for a
 *     directory): equal to the stored hash means unchanged, and nothing is written
 * @param loadedAt when this load happens
 */
public record FeedDocument(String source, String origin, String contentHash, Instant loadedAt) {
  public FeedDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(loadedAt, "loadedAt");
  }
}
