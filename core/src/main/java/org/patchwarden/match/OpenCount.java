package org.patchwarden.match;

import java.util.List;
import java.util.Set;
import org.patchwarden.advisory.KevStore;

/**
 * An asset's open findings counted, not read: how many, how many of them are marked not affected,
 * and how many are KEV-listed ({@link #isKevListed}).
 */
public record OpenCount(int findings, int notAffected, int kevListed) {
  public OpenCount {
    if (findings < 0 || notAffected < 0 || kevListed < 0) {
      throw new IllegalArgumentException("open finding counts must be 0 or more, got " + findings + " findings, "
          + notAffected + " not affected, " + kevListed + " KEV-listed");
    }
  }

  /** No open finding. */
  public static final OpenCount NONE = new OpenCount(0, 0, 0);

  /** The counts of these open findings. */
  public static OpenCount of(List<TrackedFinding> open, Set<String> kevIds) {
    int marked = 0;
    int kev = 0;
    for (TrackedFinding t : open) {
      marked += t.status() == FindingStatus.NOT_AFFECTED ? 1 : 0;
      kev += isKevListed(t.finding(), kevIds) ? 1 : 0;
    }
    return new OpenCount(open.size(), marked, kev);
  }

  /**
   * A KEV-listed vulnerability (its advisory or one of its aliases is in {@code kevIds}), or a
   * KEV-listed product found present (a finding of the KEV catalog itself).
   */
  public static boolean isKevListed(Finding f, Set<String> kevIds) {
    if (f.feedSource().equals(KevStore.SOURCE) || kevIds.contains(f.advisoryId())) {
      return true;
    }
    for (String alias : f.aliases()) {
      if (kevIds.contains(alias)) {
        return true;
      }
    }
    return false;
  }
}
