package org.patchwarden.finding;

import java.util.Objects;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingKey;

/**
 * The identity of one tracked finding: its {@link FindingKey} and the feed that made the claim, so
 * that the same advisory from two feeds is tracked twice.
 */
public record FindingId(String assetName, String ecosystem, String packageName, String advisoryId,
    String feedSource) {
  public FindingId {
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(advisoryId, "advisoryId");
    Objects.requireNonNull(feedSource, "feedSource");
  }

  public static FindingId of(Finding f) {
    return new FindingId(f.assetName(), f.installed().ecosystem(), f.installed().name(), f.advisoryId(),
        f.feedSource());
  }

  /** The key users see, shared by the claims of every feed. */
  public FindingKey key() {
    return new FindingKey(assetName, ecosystem, packageName, advisoryId);
  }
}
