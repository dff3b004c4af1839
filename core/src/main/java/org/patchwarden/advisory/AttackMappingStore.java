package org.patchwarden.advisory;

import java.util.List;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** Port: the KEV → ATT&CK mappings of the Center for Threat-Informed Defense. */
public interface AttackMappingStore {
  /** Our name of the mappings feed. */
  String SOURCE = "attack-mappings";

  /** Replaces all mappings atomically; see {@link AdvisoryStore#replace} for the rules. */
  FeedUpdate replace(FeedSnapshot<AttackMapping> snapshot, FeedDocument document);

  /** The mappings of one CVE, ordered by mapping type then technique. */
  List<AttackMapping> forCve(String cveId);

  /**
   * {@link #forCve} of each of {@code cveIds}, keyed by CVE (every one, mapped or not). A store may
   * answer them together (one query instead of one per CVE); this default asks one by one.
   */
  default java.util.Map<String, List<AttackMapping>> forCves(java.util.Collection<String> cveIds) {
    java.util.Map<String, List<AttackMapping>> out = new java.util.HashMap<>();
    for (String cve : cveIds) {
      out.put(cve, forCve(cve));
    }
    return out;
  }

  int count();
}
