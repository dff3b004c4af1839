package org.patchwarden.advisory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedVersion;

/** Port: the current CISA KEV catalog. */
public interface KevStore {

  /** Our name of the KEV feed in the feed-version table. */
  String SOURCE = "cisa-kev";

  /**
   * Replaces the whole catalog with {@code snapshot} in one transaction: the snapshot is read while
   * the transaction is open, and when reading fails nothing changes. CISA always publishes the full
   * catalog, so entries absent from the new version are removed.
   *
   * @return the version that is now current
   */
  FeedVersion replaceCatalog(FeedSnapshot<KevEntry> snapshot, String origin, Instant loadedAt);

  /** The entry for a CVE, if the catalog lists it. */
  Optional<KevEntry> find(String cveId);

  /** Entries ordered by date added, newest first, then CVE. */
  List<KevEntry> newest(int limit);

  /** The number of entries in the current catalog. */
  int count();
}
