package org.patchwarden.advisory;

import java.util.Optional;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** Port: the current EPSS scores (one daily file at a time). */
public interface EpssStore {
  /** Our name of the EPSS feed. */
  String SOURCE = "epss";

  /** Replaces all scores atomically; see {@link AdvisoryStore#replace} for the rules. */
  FeedUpdate replace(FeedSnapshot<EpssScore> snapshot, FeedDocument document);

  Optional<EpssScore> find(String cveId);

  /**
   * {@link #find} of each of {@code cveIds}, keyed by CVE; scored ones only. A store may answer them
   * together (one query instead of one per CVE); this default asks one by one.
   */
  default java.util.Map<String, EpssScore> findAll(java.util.Collection<String> cveIds) {
    java.util.Map<String, EpssScore> out = new java.util.HashMap<>();
    for (String cve : cveIds) {
      find(cve).ifPresent(s -> out.put(cve, s));
    }
    return out;
  }

  int count();
}
