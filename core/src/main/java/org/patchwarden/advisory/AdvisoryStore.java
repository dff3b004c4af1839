package org.patchwarden.advisory;

import java.util.Optional;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** Port: advisory records of every advisory feed (NVD, CVE 5, OSV, Debian), one full snapshot per source. */
public interface AdvisoryStore {

  /**
   * Makes {@code snapshot} the full, current content of {@code document.source()} in one
   * transaction: records absent from it are removed, changed ones replaced, and each change is
   * recorded as a {@link org.patchwarden.feed.FeedChange}. When the document's content hash equals
   * the current one, nothing is written. When reading fails, nothing changes.
   */
  FeedUpdate replace(FeedSnapshot<AdvisoryRecord> snapshot, FeedDocument document);

  /** One source's record. */
  Optional<AdvisoryRecord> record(String source, String id);

  /**
   * The vulnerability known by {@code anyId} (CVE, GHSA, GO, PYSEC, DSA …), merged across every
   * source whose records name it or an alias of it.
   */
  Optional<Advisory> find(String anyId);

  /** Records currently held for {@code source}. */
  int count(String source);

  /**
   * Streams every current record of every source to {@code sink}, one at a time (memory does not
   * grow with the store), to build a matching index.
   */
  void forEachRecord(java.util.function.BiConsumer<String, AdvisoryRecord> sink);

  /** The current records with these ids, in any feed, with their feed (for re-matching changed advisories). */
  java.util.List<FeedRecord> records(java.util.Collection<String> ids);
}
