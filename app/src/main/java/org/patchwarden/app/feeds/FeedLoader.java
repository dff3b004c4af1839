package org.patchwarden.app.feeds;

import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.usecase.UpdateFeed;

/** Loads one feed document found on disk into the store, atomically, by the {@link UpdateFeed} policy. */
@FunctionalInterface
public interface FeedLoader {
  /**
   * @param origin what to record as the document's origin (a path or URL)
   * @param replace the document is its source's full snapshot, even for a source made of many
   *     documents (OSV, CVE 5, NVD), whose documents otherwise add to it
   * @throws org.patchwarden.feed.FeedFormatException when the document is malformed; nothing changed
   */
  UpdateFeed.Outcome load(FeedInput input, String origin, boolean replace);
}
