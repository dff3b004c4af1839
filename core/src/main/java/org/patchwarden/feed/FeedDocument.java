package org.patchwarden.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a feed document being loaded comes from, and how it is to be loaded.
 *
 * @param source our stable name of the feed: {@code cisa-kev}, {@code epss}, {@code nvd}, {@code
 *     cve5}, {@code osv:go}, {@code osv:almalinux}, {@code osv:pypi}, {@code debian-dsa}, {@code
 *     debian-dla}, {@code debian-tracker}, {@code attack:enterprise-attack}, {@code attack-mappings},
 *     {@code ssvc}
 * @param origin the path or URL of the bytes
 * @param contentHash SHA-256 (hex) of the document's bytes (of all files, in path order, for a
 *     directory): equal to the stored hash means unchanged, and nothing is written
 * @param loadedAt when this load happens
 * @param mode whether the document replaces the source's records or adds to them
 * @param refuseOlder refuse (with {@link OlderFeedException}) a document whose own release date is
 *     before the current version's: a dated catalog must never roll back
 * @param maxRemovalShare the largest share (0 to 1) of the source's records a replacement may
 *     remove; more is refused with {@link RemovalShareException}, 1 allows anything
 */
public record FeedDocument(String source, String origin, String contentHash, Instant loadedAt, LoadMode mode,
    boolean refuseOlder, double maxRemovalShare) {
  public FeedDocument {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(loadedAt, "loadedAt");
    Objects.requireNonNull(mode, "mode");
    if (!(maxRemovalShare >= 0 && maxRemovalShare <= 1)) {
      throw new IllegalArgumentException("maxRemovalShare must be between 0 and 1, got " + maxRemovalShare);
    }
  }

  /** A document whose replacement may remove any share of its source. */
  public FeedDocument(String source, String origin, String contentHash, Instant loadedAt, LoadMode mode,
      boolean refuseOlder) {
    this(source, origin, contentHash, loadedAt, mode, refuseOlder, 1);
  }

  /** A full snapshot, whatever its date. */
  public FeedDocument(String source, String origin, String contentHash, Instant loadedAt) {
    this(source, origin, contentHash, loadedAt, LoadMode.REPLACE, false, 1);
  }
}
