package org.patchwarden.feed;

import java.util.List;
import java.util.Optional;

/** Port: which version of each feed is current, and what changed when it became current. */
public interface FeedVersionStore {

  /** The current version of {@code source}, if it was ever loaded. */
  Optional<FeedVersion> current(String source);

  /** The current version of every loaded feed, ordered by source name. */
  List<FeedVersion> all();

  /**
   * Text that changes whenever {@link #all} would: each source's version, load time, content and
   * size. What a reader compares on every request (a findings page) to tell whether a feed moved.
   */
  default String signature() {
    return all().toString();
  }

  /** The records that changed when {@code version} of {@code source} was loaded, ordered by key. */
  List<FeedChange> changes(String source, String version);
}
