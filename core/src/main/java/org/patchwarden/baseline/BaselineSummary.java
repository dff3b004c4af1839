package org.patchwarden.baseline;

import java.time.Instant;
import java.util.Objects;

/** One stored baseline version without its contents, for listings. */
public record BaselineSummary(String name, int version, Instant capturedAt, String capturedBy, int assetCount,
    int packageCount) {
  public BaselineSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(capturedAt, "capturedAt");
    capturedBy = capturedBy == null ? "" : capturedBy;
  }
}
