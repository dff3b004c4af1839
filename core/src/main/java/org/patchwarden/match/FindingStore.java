package org.patchwarden.match;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Port: findings tracked over time (first seen, last seen, fixed by which inventory). */
public interface FindingStore {

  /**
   * Records what matching an asset's new inventory found, atomically: findings not tracked before
   * open (first seen {@code at}); open ones found again get last seen {@code at}; open ones not
   * found any more become FIXED by {@code inventoryRevision}. A FIXED or RETRACTED finding found
   * again reopens and keeps its first-seen time: due dates count from the first known exposure.
   * What changes is decided by {@link org.patchwarden.finding.FindingLifecycle}.
   */
  FindingsUpdate recordScan(String assetName, int inventoryRevision, Instant at, List<Finding> findings);

  /** One asset's scan to record with {@link #recordScans}: what {@link #recordScan} takes. */
  record AssetScan(String assetName, int inventoryRevision, List<Finding> findings) {
    public AssetScan {
      java.util.Objects.requireNonNull(assetName, "assetName");
      findings = List.copyOf(findings);
    }
  }

  /**
   * Records the scans of several assets, each as {@link #recordScan} records it, at one time; the
   * updates come in the order of {@code scans}. A store writes them together where it can (one read
   * of the assets' findings, one batch of rows for all); run it in a transaction to make it all or
   * nothing.
   *
   * @throws IllegalArgumentException when an asset comes twice: give each asset's findings in one scan
   */
  default List<FindingsUpdate> recordScans(Instant at, List<AssetScan> scans) {
    org.patchwarden.inventory.AssetNames.requireDistinct(scans.stream().map(AssetScan::assetName).toList(), "scans");
    List<FindingsUpdate> out = new java.util.ArrayList<>(scans.size());
    for (AssetScan s : scans) {
      out.add(recordScan(s.assetName(), s.inventoryRevision(), at, s.findings()));
    }
    return out;
  }

  /**
   * Records a re-match of only {@code advisoryIds} (their feed changed) against every asset:
   * {@code findings} are all current findings of those advisories. Open findings of those
   * advisories not among them become RETRACTED; the others are handled as in {@link #recordScan}.
   */
  FindingsUpdate recordRematch(Collection<String> advisoryIds, Instant at, List<Finding> findings);

  /**
   * Records a re-match of the records {@code advisoryIds} of one feed source: {@code findings} are
   * all current findings of those records. Open findings of that source and those advisories that
   * are not among them become RETRACTED; findings of other sources are untouched.
   */
  FindingsUpdate recordRematch(String feedSource, Collection<String> advisoryIds, Instant at, List<Finding> findings);

  /**
   * Records a match of everything {@code feedSource} claims (the KEV-product step, or a removed
   * source with no findings): open findings of that source not among {@code findings} become RETRACTED.
   */
  FindingsUpdate recordSourceMatch(String feedSource, Instant at, List<Finding> findings);

  /** Tracked findings matching the filter, ordered by asset, package, advisory. */
  List<TrackedFinding> list(FindingFilter filter);

  /**
   * Marks every finding with this key (one per feed that claims it), whatever its status, as not
   * affecting its asset; rescans and re-matches keep the mark, and a finding of another feed found
   * later with the same key inherits it.
   *
   * @return the findings with this key after the change, empty when there is none
   */
  List<TrackedFinding> markNotAffected(FindingKey key, FindingMark mark);

  /**
   * Removes the not-affected mark from every finding with this key: those still found are open again.
   *
   * @return the findings with this key after the change, empty when there is none
   */
  List<TrackedFinding> clearMark(FindingKey key);

  /**
   * Every tracked finding (any status) of the assets among {@code assetNames}, in the order of
   * {@link #list} (asset, package, advisory, ecosystem, source). Stores override it with one query
   * per batch.
   */
  default List<TrackedFinding> listOf(Collection<String> assetNames) {
    List<TrackedFinding> out = new java.util.ArrayList<>();
    for (String name : new java.util.TreeSet<>(assetNames)) {
      out.addAll(list(new FindingFilter(name, null, null, null)));
    }
    return out;
  }

  /**
   * The open findings (marked not affected or not) of each asset among {@code assetNames}: what
   * the newest recorded match found. Stores override it with one query per batch.
   */
  default Map<String, List<TrackedFinding>> openFindings(Collection<String> assetNames) {
    Map<String, List<TrackedFinding>> out = new LinkedHashMap<>();
    for (String name : assetNames) {
      out.put(name, list(new FindingFilter(name, null, null, null)).stream()
          .filter(t -> t.status() == FindingStatus.OPEN || t.status() == FindingStatus.NOT_AFFECTED).toList());
    }
    return out;
  }

  /**
   * The open findings of each asset among {@code assetNames} counted without reading them (assets
   * with none are left out): a fleet summary of unchanged assets needs no finding itself. A finding
   * is KEV-listed as {@link OpenCount#isKevListed} says with {@code kevIds}. Stores override it with
   * one aggregate query per batch.
   */
  default Map<String, OpenCount> openCounts(Collection<String> assetNames, Set<String> kevIds) {
    Map<String, OpenCount> out = new LinkedHashMap<>();
    openFindings(assetNames).forEach((name, open) -> {
      if (!open.isEmpty()) {
        out.put(name, OpenCount.of(open, kevIds));
      }
    });
    return out;
  }
}
