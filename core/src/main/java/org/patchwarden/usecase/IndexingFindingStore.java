package org.patchwarden.usecase;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.patchwarden.assess.AssessmentIndex;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.OpenCount;
import org.patchwarden.match.TrackedFinding;

/**
 * A {@link FindingStore} that keeps the assessment index current as findings change: a scan or a
 * mark re-indexes its asset right after the write (in the caller's transaction when it runs in
 * one, as {@link ScanAssets} does); a re-match, which may touch any asset, marks the index stale.
 * Until the index has been built once (the first findings page) nothing is indexed, so a CLI-only
 * installation pays nothing.
 */
public final class IndexingFindingStore implements FindingStore {
  private final FindingStore store;
  private final AssessmentIndex index;
  private final Supplier<IndexAssessments> indexing;
  private Boolean built;

  public IndexingFindingStore(FindingStore store, IndexAssessments indexing) {
    this(store, indexing.index(), () -> indexing);
  }

  /**
   * @param index tells whether the index has been built
   * @param indexing asked for only once it has: preparing it (the policy, the SSVC table) costs more
   *     than a CLI import's writes gain from it when no findings page was ever served
   */
  public IndexingFindingStore(FindingStore store, AssessmentIndex index,
      Supplier<IndexAssessments> indexing) {
    this.store = store;
    this.index = index;
    this.indexing = indexing;
  }

  private boolean built() {
    if (built == null) {
      built = !index.basis().isEmpty();
    }
    return built;
  }

  @Override
  public FindingsUpdate recordScan(String assetName, int inventoryRevision, Instant at, List<Finding> findings) {
    FindingsUpdate update = store.recordScan(assetName, inventoryRevision, at, findings);
    if (built()) {
      indexing.get().reindex(List.of(assetName));
    }
    return update;
  }

  @Override
  public List<FindingsUpdate> recordScans(Instant at, List<AssetScan> scans) {
    List<FindingsUpdate> updates = store.recordScans(at, scans);
    if (built() && !scans.isEmpty()) {
      indexing.get().reindex(scans.stream().map(AssetScan::assetName).toList());
    }
    return updates;
  }

  @Override
  public FindingsUpdate recordRematch(Collection<String> advisoryIds, Instant at, List<Finding> findings) {
    FindingsUpdate update = store.recordRematch(advisoryIds, at, findings);
    invalidate();
    return update;
  }

  @Override
  public FindingsUpdate recordRematch(String feedSource, Collection<String> advisoryIds, Instant at,
      List<Finding> findings) {
    FindingsUpdate update = store.recordRematch(feedSource, advisoryIds, at, findings);
    invalidate();
    return update;
  }

  @Override
  public FindingsUpdate recordSourceMatch(String feedSource, Instant at, List<Finding> findings) {
    FindingsUpdate update = store.recordSourceMatch(feedSource, at, findings);
    invalidate();
    return update;
  }

  private void invalidate() {
    if (built()) {
      indexing.get().invalidate();
      built = false;
    }
  }

  @Override
  public List<TrackedFinding> list(FindingFilter filter) {
    return store.list(filter);
  }

  @Override
  public List<TrackedFinding> markNotAffected(FindingKey key, FindingMark mark) {
    List<TrackedFinding> out = store.markNotAffected(key, mark);
    if (built()) {
      indexing.get().reindex(List.of(key.assetName()));
    }
    return out;
  }

  @Override
  public List<TrackedFinding> clearMark(FindingKey key) {
    List<TrackedFinding> out = store.clearMark(key);
    if (built()) {
      indexing.get().reindex(List.of(key.assetName()));
    }
    return out;
  }

  @Override
  public List<TrackedFinding> listOf(Collection<String> assetNames) {
    return store.listOf(assetNames);
  }

  @Override
  public Map<String, List<TrackedFinding>> openFindings(Collection<String> assetNames) {
    return store.openFindings(assetNames);
  }

  @Override
  public Map<String, OpenCount> openCounts(Collection<String> assetNames, Set<String> kevIds) {
    return store.openCounts(assetNames, kevIds);
  }
}
