package org.patchwarden.usecase;

import java.time.Clock;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedVersion;

/** Use case: make a KEV catalog document the current one, atomically. */
public final class LoadKevCatalog {
  private final KevStore store;
  private final Clock clock;

  public LoadKevCatalog(KevStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Loads {@code catalog}; when it is malformed the previous catalog stays current.
   *
   * @param origin where the document came from, kept with the version for the audit trail
   */
  public FeedVersion load(FeedSnapshot<KevEntry> catalog, String origin) {
    return store.replaceCatalog(catalog, origin, clock.instant());
  }
}
