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

  Optional<SsvcDecisionTable> decisionTable(String ref);

  int count();
}
