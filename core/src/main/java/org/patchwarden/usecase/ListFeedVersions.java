package org.patchwarden.usecase;

import java.util.List;
import java.util.Optional;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.feed.FeedVersionStore;

/** Use case: which version of each feed is current, and what changed when it became current. */
public final class ListFeedVersions {
  private final FeedVersionStore store;

  public ListFeedVersions(FeedVersionStore store) {
    this.store = store;
  }

  /** The current version of every loaded feed, by source. */
  public List<FeedVersion> list() {
    return store.all();
  }

  /** The current version of one source. */
  public Optional<FeedVersion> current(String source) {
    return store.current(source);
  }

  /** The records that changed when {@code version} of {@code source} was loaded. */
  public List<FeedChange> changes(String source, String version) {
    return store.changes(source, version);
  }
}
