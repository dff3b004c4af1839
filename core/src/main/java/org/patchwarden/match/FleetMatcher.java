package org.patchwarden.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.patchwarden.inventory.Inventory;

/**
 * Matches many inventories at once with the rules of {@link Matcher} (and the same results), doing
 * the work once per distinct (ecosystem, name, version) tuple of the {@link Fleet} and fanning the
 * findings out to every asset that has the tuple. {@link #rematch} re-evaluates only the changed
 * advisories, against only the tuples of the packages they name.
 */
public final class FleetMatcher {
  private final AdvisoryIndex index;

  public FleetMatcher(AdvisoryIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  /** Matches every inventory: findings in inventory then package order, and coverage gaps per asset. */
  public MatchResult match(Collection<Inventory> inventories) {
    return match(Fleet.of(inventories));
  }

  /** Matches a prepared fleet. */
  public MatchResult match(Fleet fleet) {
    List<Fleet.Tuple> tuples = fleet.tuples;
    TupleEvaluation[] evaluations = new TupleEvaluation[tuples.size()];
    IntStream.range(0, tuples.size()).parallel().forEach(i -> {
      EcosystemMapping.Target t = tuples.get(i).target;
      evaluations[i] = index.hasDataKey(t.ecosystemKey()) ? TupleEvaluation.of(index, t, null) : null;
    });
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<Finding>[] perAsset = new List[fleet.inventories.length];
    List<CoverageGap>[] gapsPerAsset = perAssetGaps(fleet.inventories.length);
    IntStream.range(0, fleet.inventories.length).parallel().forEach(a -> {
      String asset = fleet.inventories[a].assetName();
      CoverageCount coverage = new CoverageCount(asset);
      List<Finding> findings = new ArrayList<>();
      Set<Matcher.FindingIdentity> seen = null;
      for (Fleet.Slot s : fleet.slots[a]) {
        if (s.tuple == null) {
          coverage.noEcosystem((EcosystemMapping.NoEcosystem) s.mapped);
          continue;
        }
        TupleEvaluation ev = evaluations[s.tuple.id];
        if (ev == null) {
          coverage.noData(s.tuple.target);
        } else if (ev.invalidScheme() != null) {
          coverage.invalidVersion(s.tuple.target, ev.invalidScheme());
        } else {
          EcosystemMapping.Target target = s.tuple.target;
          if (index.sparseKey(target.ecosystemKey())) {
            coverage.sparse(target, index.coverageKey(target.ecosystemKey()));
          }
          if (ev.hits().isEmpty()) {
            continue;
          }
          if (seen == null) {
            seen = new HashSet<>();
          }
          for (Hit h : ev.hits()) {
            if (seen.add(new Matcher.FindingIdentity(0, s.pkg.ecosystem(), s.pkg.name(), h.feedSource(),
                h.advisoryId()))) {
              findings.add(h.toFinding(asset, s.pkg, (EcosystemMapping.Target) s.mapped));
            }
          }
        }
      }
      perAsset[a] = findings;
      gapsPerAsset[a] = coverage.gaps();
    });
    int total = 0;
    for (List<Finding> f : perAsset) {
      total += f.size();
    }
    List<Finding> findings = new ArrayList<>(total);
    List<CoverageGap> gaps = new ArrayList<>();
    for (int a = 0; a < perAsset.length; a++) {
      findings.addAll(perAsset[a]);
      gaps.addAll(gapsPerAsset[a]);
    }
    return new MatchResult(findings, gaps);
  }

  private static int position(Fleet.Slot[] slots, Fleet.Slot slot) {
    for (int j = 0; j < slots.length; j++) {
      if (slots[j] == slot) {
        return j;
      }
    }
    throw new IllegalStateException("slot not on its asset");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<CoverageGap>[] perAssetGaps(int n) {
    return new List[n];
  }

  /**
   * Every current finding of the records with these ids (in any source), and only those, for {@code
   * FindingStore.recordRematch}: the index must already hold the changed records (see {@link
   * AdvisoryIndex#withRecords}). Removed records yield no findings, which retracts theirs. No
   * coverage gaps: they do not depend on single advisories. Ordered by asset (in fleet order), then
   * package name and version, record id and source.
   */
  public MatchResult rematch(Collection<String> advisoryIds, Collection<Inventory> inventories) {
    return rematch(advisoryIds, Fleet.of(inventories));
  }

  /** {@link #rematch(Collection, Collection)} on a prepared fleet: cost follows the packages the advisories name. */
  public MatchResult rematch(Collection<String> advisoryIds, Fleet fleet) {
    Set<String> ids = Set.copyOf(advisoryIds);
    // the (ecosystem, name) buckets those records name; each is evaluated once for all its ids
    Map<String, AdvisoryIndex.Entry> buckets = new LinkedHashMap<>();
    for (String id : ids) {
      for (AdvisoryIndex.Entry e : index.entriesOf(id)) {
        buckets.putIfAbsent(e.ecosystemKey + "\u0000" + e.nameKey, e);
      }
    }
    record Placed(int asset, Fleet.Slot slot, Finding finding) {}
    List<Placed> placed = new ArrayList<>();
    Map<Matcher.FindingIdentity, Integer> seen = new HashMap<>();
    for (AdvisoryIndex.Entry e : buckets.values()) {
      for (Fleet.Tuple t : fleet.tuples(e.ecosystemKey, e.nameKey)) {
        TupleEvaluation ev = TupleEvaluation.of(index, t.target, ids);
        for (Hit h : ev.hits()) {
          for (Fleet.Slot s : t.slots) {
            for (int i = 0; i < s.assetCount; i++) {
              int a = s.assets[i];
              Finding f = h.toFinding(fleet.inventories[a].assetName(), s.pkg, (EcosystemMapping.Target) s.mapped);
              Matcher.FindingIdentity id =
                  new Matcher.FindingIdentity(a, s.pkg.ecosystem(), s.pkg.name(), h.feedSource(), h.advisoryId());
              Integer earlier = seen.putIfAbsent(id, placed.size());
              if (earlier == null) {
                placed.add(new Placed(a, s, f));
              } else if (position(fleet.slots[a], s) < position(fleet.slots[a], placed.get(earlier).slot())) {
                placed.set(earlier, new Placed(a, s, f)); // as in a full match, the package listed first keeps it
              }
            }
          }
        }
      }
    }
    placed.sort(Comparator.comparingInt(Placed::asset)
        .thenComparing(p -> p.finding().installed().name())
        .thenComparing(p -> p.finding().installed().version())
        .thenComparing(p -> p.finding().advisoryId())
        .thenComparing(p -> p.finding().feedSource()));
    return new MatchResult(placed.stream().map(Placed::finding).toList(), List.of());
  }
}
