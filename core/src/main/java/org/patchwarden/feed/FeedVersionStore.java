package org.patchwarden.feed;

import java.util.List;
import java.util.Optional;

/** Port: which version of each feed is current. */
public interface FeedVersionStore {

  /** The current version of {@code source}, if it was ever loaded. */
  Optional<FeedVersion> current(String source);

  /** The current version of every loaded feed, ordered by source name. */
  List<FeedVersion> all();
}
