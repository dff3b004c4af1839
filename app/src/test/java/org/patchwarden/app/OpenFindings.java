package org.patchwarden.app;

import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

/** The open findings of a store as comparable lines: what "equals a full match" compares. */
public final class OpenFindings {
  private OpenFindings() {}

  /** One line per open finding: asset, package and version, advisory, feed and confidence. */
  public static Set<String> of(App app) {
    Set<String> out = new TreeSet<>();
    for (TrackedFinding t : app.listFindings().list(FindingFilter.all(), false)) {
      if (t.status() == FindingStatus.OPEN) {
        var f = t.finding();
        out.add(f.assetName() + " " + f.installed().ecosystem() + ":" + f.installed().name() + "@"
            + f.installed().version() + " " + f.advisoryId() + " [" + f.feedSource() + ", " + f.confidence() + "]");
      }
    }
    return out;
  }
}
