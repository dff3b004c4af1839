package org.patchwarden.usecase;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

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
   * @param contentHash SHA-256 of the document's bytes
   */
  public FeedUpdate load(FeedSnapshot<KevEntry> catalog, String origin, String contentHash) {
    // Stores keep microseconds; truncating here makes the returned version equal the stored one.
    return store.replace(catalog, new FeedDocument(KevStore.SOURCE, origin, contentHash,
        clock.instant().truncatedTo(ChronoUnit.MICROS)));
  }
}
