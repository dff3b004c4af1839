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

  int count();
}
