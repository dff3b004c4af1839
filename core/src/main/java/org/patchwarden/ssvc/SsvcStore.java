package org.patchwarden.ssvc;

import java.util.Optional;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** Port: the SSVC decision points and tables. */
public interface SsvcStore {
  /** Our name of the SSVC data feed. */
  String SOURCE = "ssvc";

  /** Replaces all SSVC objects atomically; see {@code AdvisoryStore.replace} for the rules. */
  FeedUpdate replace(FeedSnapshot<SsvcObject> snapshot, FeedDocument document);

  Optional<SsvcDecisionPoint> decisionPoint(String ref);

  /**
   * {@link #decisionPoint} of each of {@code refs}, keyed by ref; loaded ones only. A store may read
   * them together (one query instead of one per point); this default asks one by one.
   */
  default java.util.Map<String, SsvcDecisionPoint> decisionPoints(java.util.Collection<String> refs) {
    java.util.Map<String, SsvcDecisionPoint> out = new java.util.HashMap<>();
    for (String ref : refs) {
      decisionPoint(ref).ifPresent(p -> out.put(ref, p));
    }
    return out;
  }

  Optional<SsvcDecisionTable> decisionTable(String ref);

  int count();
}
