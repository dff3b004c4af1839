package org.patchwarden.app.feeds;

import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.formats.feed.FeedInput;

/** Loads one feed document found on disk into the store, atomically. */
@FunctionalInterface
public interface FeedLoader {
  /**
   * @param origin what to record as the document's origin (a path or URL)
   * @throws org.patchwarden.feed.FeedFormatException when the document is malformed; nothing changed
   */
  FeedUpdate load(FeedInput input, String origin);
}
