package org.patchwarden.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * What a feed document says about itself, known only once it has been read: its version label and
 * release time.
 */
public record FeedHeader(String version, Instant released) {
  public FeedHeader {
    Objects.requireNonNull(version, "version");
  }
}
