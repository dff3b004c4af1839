package org.patchwarden.match;

import java.time.Instant;
import java.util.Objects;

/** A committed feed version whose re-match has not completed: the findings may not reflect it yet. */
public record PendingRematch(String source, String version, Instant createdAt) {
  public PendingRematch {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
