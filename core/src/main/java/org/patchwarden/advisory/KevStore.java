package org.patchwarden.advisory;

import java.util.List;
import java.util.Optional;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** Port: the current CISA KEV catalog. */
public interface KevStore {

  /** Our name of the KEV feed in the feed-version table. */
  String SOURCE = "cisa-kev";

  /**
   * Replaces the whole catalog with {@code snapshot} in one transaction: the snapshot is read while
   * the transaction is open, and when reading fails nothing changes. CISA always publishes the full
   * catalog, so entries absent from the new version are removed. Added, updated and removed entries
   * are recorded as feed changes; an unchanged document (same content hash) writes nothing.
   */
  FeedUpdate replace(FeedSnapshot<KevEntry> snapshot, FeedDocument document);

  /** The entry for a CVE, if the catalog lists it. */
  Optional<KevEntry> find(String cveId);

  /**
   * {@link #find} of each of {@code cveIds}, keyed by CVE; listed ones only. A store may answer them
   * together (one query instead of one per CVE); this default asks one by one.
   */
  default java.util.Map<String, KevEntry> findAll(java.util.Collection<String> cveIds) {
    java.util.Map<String, KevEntry> out = new java.util.HashMap<>();
    for (String cve : cveIds) {
      find(cve).ifPresent(e -> out.put(cve, e));
    }
    return out;
  }

  /** Entries ordered by date added, newest first, then CVE. */
  List<KevEntry> newest(int limit);

  /** The number of entries in the current catalog. */
  int count();
}
