package org.patchwarden.feed;

import java.util.Objects;

/**
 * The outcome of loading a feed document: the now-current version and what changed.
 *
 * @param unchanged the document was identical to the current one, and nothing was written
 * @param added records new in this version
 * @param updated records present before whose content changed
 * @param removed records no longer in the feed
 */
public record FeedUpdate(FeedVersion version, boolean unchanged, int added, int updated, int removed) {
  public FeedUpdate {
    Objects.requireNonNull(version, "version");
  }
}
