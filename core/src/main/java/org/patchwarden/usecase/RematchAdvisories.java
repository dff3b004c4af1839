package org.patchwarden.usecase;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.FeedRecord;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedVersionStore;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.FleetMatcher;

/**
 * Use case: after a feed changed, re-match only the advisories it added, updated or removed against
 * the current inventories: new findings open, findings of a corrected or removed advisory retract.
 */
public final class RematchAdvisories {
  private final AssetStore assets;
  private final AdvisoryStore advisories;
  private final FindingStore findings;
  private final FeedVersionStore versions;
  private final Clock clock;

  public RematchAdvisories(AssetStore assets, AdvisoryStore advisories, FindingStore findings,
      FeedVersionStore versions, Clock clock) {
    this.assets = assets;
    this.advisories = advisories;
    this.findings = findings;
    this.versions = versions;
    this.clock = clock;
  }

  /** Re-matches what loading {@code version} of {@code source} changed; nothing when no asset is scanned. */
  public FindingsUpdate afterLoad(String source, String version) {
    Set<String> ids = new TreeSet<>();
    for (FeedChange c : versions.changes(source, version)) {
      ids.add(c.key());
    }
    return rematch(ids);
  }

  /** Re-matches these advisory ids against every asset's current inventory. */
  public FindingsUpdate rematch(Collection<String> advisoryIds) {
    if (advisoryIds.isEmpty()) {
      return new FindingsUpdate(0, 0, 0);
    }
    List<Inventory> inventories = assets.currentInventories();
    if (inventories.isEmpty()) {
      return new FindingsUpdate(0, 0, 0);
    }
    AdvisoryIndex.Builder index = AdvisoryIndex.builder();
    for (FeedRecord r : advisories.records(advisoryIds)) {
      index.add(r.feed(), r.record());
    }
    var result = new FleetMatcher(index.build()).match(inventories);
    return findings.recordRematch(advisoryIds, clock.instant().truncatedTo(ChronoUnit.MICROS), result.findings());
  }
}
