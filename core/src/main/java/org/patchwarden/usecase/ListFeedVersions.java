package org.patchwarden.usecase;

import java.util.List;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.feed.FeedVersionStore;

/** Use case: the current version of every loaded feed. */
public final class ListFeedVersions {
  private final FeedVersionStore store;

  public ListFeedVersions(FeedVersionStore store) {
    this.store = store;
  }

  public List<FeedVersion> list() {
    return store.all();
  }
}
