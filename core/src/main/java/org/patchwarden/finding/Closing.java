package org.patchwarden.finding;

import java.util.Objects;
import org.patchwarden.match.FindingStatus;

/**
 * How open findings that are not found any more close: FIXED by the inventory revision of a scan,
 * or RETRACTED by a re-match (the advisory changed, the inventory did not).
 *
 * @param revision the inventory revision that proves a fix, or 0 for a retraction
 */
public record Closing(FindingStatus status, int revision) {
  public Closing {
    Objects.requireNonNull(status, "status");
    if (status == FindingStatus.FIXED && revision < 1) {
      throw new IllegalArgumentException("a fix is proved by an inventory revision of 1 or more, got " + revision);
    }
    if (status == FindingStatus.RETRACTED && revision != 0) {
      throw new IllegalArgumentException("a retraction names no inventory revision, got " + revision);
    }
    if (status != FindingStatus.FIXED && status != FindingStatus.RETRACTED) {
      throw new IllegalArgumentException("findings close as FIXED or RETRACTED, not " + status);
    }
  }

  /** Closing by a scan: what the scan did not find is fixed by its inventory. */
  public static Closing fixedBy(int inventoryRevision) {
    return new Closing(FindingStatus.FIXED, inventoryRevision);
  }

  /** Closing by a re-match: what the changed advisories no longer match is retracted. */
  public static Closing retracted() {
    return new Closing(FindingStatus.RETRACTED, 0);
  }
}
