package org.patchwarden.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.FeedRecord;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/**
 * The reads of {@link AdvisoryStore} a matching index uses, over records held in a list, spelled
 * as plainly as the port's contract says. {@link #forEachRecordNaming} sends records in the reverse
 * of {@link #forEachRecord}'s order (the port promises none), so that tests catch an index whose
 * answers depend on it.
 */
final class MemoryAdvisoryStore implements AdvisoryStore {
  private final List<FeedRecord> held = new ArrayList<>();

  MemoryAdvisoryStore add(String feed, AdvisoryRecord record) {
    held.add(new FeedRecord(feed, record));
    return this;
  }

  @Override
  public void forEachRecord(BiConsumer<String, AdvisoryRecord> sink) {
    held.forEach(r -> sink.accept(r.feed(), r.record()));
  }

  @Override
  public void forEachRecordNaming(Collection<String> matchNames, BiConsumer<String, AdvisoryRecord> sink) {
    Set<String> names = Set.copyOf(matchNames);
    for (FeedRecord r : held.reversed()) {
      if (r.record().affected().stream().anyMatch(p -> names.contains(EcosystemKeys.matchName(p.ecosystem(), p.name())))) {
        sink.accept(r.feed(), r.record());
      }
    }
  }

  @Override
  public void forEachRecordNaming(Collection<String> ecosystemKeys, Collection<String> matchNames,
      BiConsumer<String, AdvisoryRecord> sink) {
    Set<String> keys = Set.copyOf(ecosystemKeys);
    Set<String> names = Set.copyOf(matchNames);
    for (FeedRecord r : held.reversed()) {
      if (r.record().affected().stream().anyMatch(p -> keys.contains(EcosystemKeys.ecosystem(p.ecosystem()))
          && names.contains(EcosystemKeys.matchName(p.ecosystem(), p.name())))) {
        sink.accept(r.feed(), r.record());
      }
    }
  }

  @Override
  public Set<String> knownCpeVendors(Collection<String> vendorKeys) {
    Set<String> known = new java.util.HashSet<>();
    for (FeedRecord r : held) {
      if (!r.record().withdrawn()) {
        for (AffectedPackage p : r.record().affected()) {
          if (EcosystemKeys.isCpe(EcosystemKeys.ecosystem(p.ecosystem()))) {
            known.add(CpeVendors.vendorKey(p.name()));
          }
        }
      }
    }
    known.retainAll(Set.copyOf(vendorKeys));
    return known;
  }

  @Override
  public Map<String, Integer> affectedPackageCounts() {
    Map<String, Integer> counts = new HashMap<>();
    for (FeedRecord r : held) {
      if (!r.record().withdrawn()) {
        for (AffectedPackage p : r.record().affected()) {
          counts.merge(EcosystemKeys.ecosystem(p.ecosystem()), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  @Override
  public FeedUpdate replace(FeedSnapshot<AdvisoryRecord> snapshot, FeedDocument document) {
    throw new UnsupportedOperationException("not needed by an index");
  }

  @Override
  public Optional<AdvisoryRecord> record(String source, String id) {
    throw new UnsupportedOperationException("not needed by an index");
  }

  @Override
  public Optional<Advisory> find(String anyId) {
    throw new UnsupportedOperationException("not needed by an index");
  }

  @Override
  public int count(String source) {
    throw new UnsupportedOperationException("not needed by an index");
  }

  @Override
  public List<String> remove(String source, java.time.Instant at) {
    throw new UnsupportedOperationException("not needed by an index");
  }

  @Override
  public List<FeedRecord> records(Collection<String> ids) {
    throw new UnsupportedOperationException("not needed by an index");
  }
}
