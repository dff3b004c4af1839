package org.patchwarden.advisory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** Port: advisory records of every advisory feed (NVD, CVE 5, OSV, Debian), one full snapshot per source. */
public interface AdvisoryStore {

  /**
   * Makes {@code snapshot} the full, current content of {@code document.source()} in one
   * transaction (with {@link org.patchwarden.feed.LoadMode#MERGE}: adds and updates its records and
   * keeps the others): records absent from it are removed, changed ones replaced, and each change is
   * recorded as a {@link org.patchwarden.feed.FeedChange}. When the document's content hash equals
   * the current one, nothing is written. When reading fails, nothing changes.
   */
  FeedUpdate replace(FeedSnapshot<AdvisoryRecord> snapshot, FeedDocument document);

  /**
   * Removes every record of {@code source} and its current version in one transaction, recording
   * each removal as a {@link org.patchwarden.feed.FeedChange} of version {@code removed@<at>}, and notes
   * that version's re-match as pending ({@link org.patchwarden.match.MatchBacklog}) in the same transaction.
   *
   * @return the ids removed, empty when the source held nothing
   */
  List<String> remove(String source, java.time.Instant at);

  /** One source's record. */
  Optional<AdvisoryRecord> record(String source, String id);

  /**
   * The vulnerability known by {@code anyId} (CVE, GHSA, GO, PYSEC, DSA …), merged across every
   * source whose records name it or an alias of it.
   */
  Optional<Advisory> find(String anyId);

  /**
   * {@link #find} of each of {@code anyIds}, keyed by the id asked for: a store may share its
   * lookups between ids (the CVEs of one DSA name the same records). This default asks one by one.
   */
  default java.util.Map<String, Optional<Advisory>> findAll(java.util.Collection<String> anyIds) {
    java.util.Map<String, Optional<Advisory>> out = new java.util.LinkedHashMap<>();
    for (String id : anyIds) {
      out.computeIfAbsent(id, this::find);
    }
    return out;
  }

  /**
   * {@link #findAll} for an assessment: each record may carry only what assessing a finding reads
   * ({@code SignalCollector}: ids and aliases, dates, withdrawal, severities), its affected packages,
   * summary, details, CWEs and references left empty, so that a store can skip reading them. This
   * default returns the records whole.
   */
  default java.util.Map<String, Optional<Advisory>> findAllForAssessment(java.util.Collection<String> anyIds) {
    return findAll(anyIds);
  }

  /** Records currently held for {@code source}. */
  int count(String source);

  /**
   * Streams every current record of every source to {@code sink}, one at a time (memory does not
   * grow with the store), to build a matching index.
   */
  void forEachRecord(BiConsumer<String, AdvisoryRecord> sink);

  /**
   * Streams to {@code sink}, with its feed, every current record (withdrawn ones included, as
   * {@link #forEachRecord} does) that has an affected package whose match name is among {@code
   * matchNames}; a record naming several of them comes once. A package's match name is the one
   * the matcher looks it up by, {@code org.patchwarden.match.EcosystemKeys.matchName(ecosystem,
   * name)}: a PyPI {@code Jinja2} is found by {@code jinja2}, {@code zope.interface} by {@code
   * zope-interface}, an NVD product by its lower-case {@code vendor:product}. Names are compared
   * whatever the ecosystem; the index keeps each entry under its own. This lets a matcher load only
   * the records that can concern the packages at hand instead of the whole store.
   */
  void forEachRecordNaming(Collection<String> matchNames, BiConsumer<String, AdvisoryRecord> sink);

  /**
   * {@link #forEachRecordNaming(Collection, BiConsumer)} within some ecosystems: every current
   * record with an affected package whose ecosystem key ({@code
   * org.patchwarden.match.EcosystemKeys.ecosystem}: {@code debian:12}, {@code pypi}) is among
   * {@code ecosystemKeys} and whose match name is among {@code matchNames}, each record once. A
   * bookworm host's {@code openssl} then loads the Debian 12 advisories of openssl, not those of
   * every other Debian and AlmaLinux release.
   */
  void forEachRecordNaming(Collection<String> ecosystemKeys, Collection<String> matchNames,
      BiConsumer<String, AdvisoryRecord> sink);

  /**
   * How many affected packages the current records that are not withdrawn hold, by ecosystem key
   * ({@code org.patchwarden.match.EcosystemKeys.ecosystem}: {@code debian:12}, {@code pypi},
   * {@code cpe}): the entry counts an index of every record would have, so that an index of a few
   * records can still tell which ecosystems and releases have data, and how much.
   */
  Map<String, Integer> affectedPackageCounts();

  /**
   * Which of {@code vendorKeys} (CPE vendors reduced as {@code
   * org.patchwarden.match.EcosystemKeys} reduces CPE names: {@code paloaltonetworks}) a current,
   * not withdrawn, CPE product entry names. An appliance of another vendor matches nothing, which
   * proves nothing about it.
   */
  java.util.Set<String> knownCpeVendors(Collection<String> vendorKeys);

  /** The current records with these ids, in any feed, with their feed (for re-matching changed advisories). */
  List<FeedRecord> records(Collection<String> ids);
}
