package org.patchwarden.app.feeds;

/**
 * What {@code feeds sync} accepts from a zip archive ({@link org.patchwarden.app.config.Upstream.Layout#ZIP_TREE}),
 * counted on the bytes actually inflated, not on what the entry headers declare.
 *
 * @param maxEntries entries in the whole archive (kept or not)
 * @param maxEntryBytes one extracted entry
 * @param maxTotalBytes all extracted entries together
 */
public record ZipLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
  public ZipLimits {
    if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1) {
      throw new IllegalArgumentException("zip limits must be > 0: " + maxEntries + ", " + maxEntryBytes + ", " + maxTotalBytes);
    }
  }

  /** 50,000 entries, 16 MiB per extracted file, 256 MiB in all (the SSVC data is a few MiB). */
  public static ZipLimits defaults() {
    return new ZipLimits(50_000, 16L << 20, 256L << 20);
  }
}
