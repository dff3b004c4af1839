package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.FeedRecord;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedVersionStore;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.FleetMatcher;
import org.patchwarden.match.KevProducts;
import org.patchwarden.match.MatchBacklog;
import org.patchwarden.match.PendingRematch;

/**
 * Use case: after a feed changed, bring the findings to what a full match of the current data
 * would give, without rematching everything. The changed records of the loaded source are matched
 * again and only that source's findings of those records are compared (other sources' findings of
 * the same CVE are theirs); then the KEV-product step runs again, as a scan runs it, because a KEV
 * change or versioned data for a KEV CVE changes which product-only findings hold.
 */
public final class RematchAdvisories {
  private final AssetStore assets;
  private final AdvisoryStore advisories;
  private final FindingStore findings;
  private final FeedVersionStore versions;
  private final KevStore kev;
  private final Clock clock;
  private final MatchBacklog backlog;

  public RematchAdvisories(AssetStore assets, AdvisoryStore advisories, FindingStore findings,
      FeedVersionStore versions, KevStore kev, Clock clock, MatchBacklog backlog) {
    this.assets = assets;
    this.advisories = advisories;
    this.findings = findings;
    this.versions = versions;
    this.kev = kev;
    this.clock = clock;
    this.backlog = backlog;
  }

  /**
   * Forgets the pending re-match the store noted when {@code version} of {@code source} was
   * committed; call once its re-match (both steps) recorded its findings.
   */
  public void done(String source, String version) {
    backlog.rematchDone(new PendingRematch(source, version, Instant.EPOCH));
  }

  /** Re-matches what loading {@code version} of {@code source} changed; nothing when no asset is scanned. */
  public FindingsUpdate afterLoad(String source, String version) {
    Set<String> ids = new TreeSet<>();
    for (FeedChange c : versions.changes(source, version)) {
      ids.add(c.key());
    }
    return rematch(source, ids);
  }

  /** Re-matches the records {@code advisoryIds} of {@code source} against every asset's current inventory. */
  public FindingsUpdate rematch(String source, Set<String> advisoryIds) {
    if (advisoryIds.isEmpty()) {
      return new FindingsUpdate(0, 0, 0);
    }
    List<Inventory> inventories = assets.currentInventories();
    if (inventories.isEmpty()) {
      return new FindingsUpdate(0, 0, 0);
    }
    AdvisoryIndex.Builder index = AdvisoryIndex.builder();
    for (FeedRecord r : advisories.records(advisoryIds)) {
      if (r.feed().equals(source)) {
        index.add(r.feed(), r.record());
      }
    }
    List<Finding> found = new FleetMatcher(index.build()).match(inventories).findings().stream()
        .filter(f -> f.feedSource().equals(source) && advisoryIds.contains(f.advisoryId()))
        .toList();
    return findings.recordRematch(source, advisoryIds, now(), found);
  }

  /**
   * Runs the KEV-product step over every asset as a scan does ({@link KevProducts} with the index a
   * scan of those inventories builds) and records its findings as the whole of {@code cisa-kev}'s.
   */
  public FindingsUpdate kevProducts() {
    List<Inventory> inventories = assets.currentInventories();
    if (inventories.isEmpty()) {
      return new FindingsUpdate(0, 0, 0);
    }
    AdvisoryIndex index = AdvisoryIndex.forInventories(advisories, inventories);
    List<Finding> found = KevProducts.match(kev.newest(Integer.MAX_VALUE), inventories, index);
    return findings.recordSourceMatch(KevStore.SOURCE, now(), found);
  }

  /** Retracts every open finding of {@code source} (its records were removed). */
  public FindingsUpdate retractAll(String source) {
    return findings.recordSourceMatch(source, now(), List.of());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
