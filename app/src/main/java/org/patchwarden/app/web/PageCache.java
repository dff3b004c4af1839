package org.patchwarden.app.web;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.patchwarden.assess.AssessmentIndex;

/**
 * Rendered findings pages (their JSON bytes) kept under the assessment index's stamp they were read
 * at, so that a page asked again costs one small query (the stamp) instead of a count, a page query
 * and the page's assessment. Correct across processes: the stamp's generation lives in the database
 * and moves with every index write, whichever server or CLI makes it. Bounded by bytes, least
 * recently used first out; a new generation drops every page of the older one at once.
 */
final class PageCache {
  /**
   * What a server keeps at most: 128 MB, or an eighth of the heap when that is less. A 50-row page
   * of a generated Debian fleet is ~94 KB: 128 MB holds ~1,400 pages, every page of a 55,000-row
   * tier (an LRU smaller than a listing read in a cycle would hit nothing).
   */
  static long defaultBudget() {
    return Math.min(128L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
  }

  /**
   * What a page depends on.
   *
   * @param teams the viewer's teams, null when the viewer sees every team
   * @param query the request's parsed query (a record: equal queries are equal)
   */
  record Key(AssessmentIndex.Stamp stamp, LocalDate today, Set<String> teams, Object query, boolean explained) {
    Key {
      Objects.requireNonNull(stamp, "stamp");
      Objects.requireNonNull(today, "today");
      Objects.requireNonNull(query, "query");
      teams = teams == null ? null : Set.copyOf(teams);
    }
  }

  private final long budget;
  private final LinkedHashMap<Key, byte[]> pages = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private long generation = Long.MIN_VALUE;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  PageCache(long budget) {
    if (budget < 0) {
      throw new IllegalArgumentException("page cache budget " + budget + " bytes: expected 0 (off) or more");
    }
    this.budget = budget;
  }

  /** The page kept under {@code key}, or null. */
  synchronized byte[] get(Key key) {
    byte[] page = pages.get(key);
    (page == null ? misses : hits).increment();
    return page;
  }

  /** Keeps {@code page} under {@code key}, dropping the least recently used pages over the budget. */
  synchronized void put(Key key, byte[] page) {
    long g = key.stamp().generation();
    if (g != generation) {
      // every page of another generation is dead (or, for an older one, about to be): drop them all
      pages.clear();
      bytes = 0;
      generation = g;
    }
    if (page.length > budget / 4) {
      return;
    }
    byte[] old = pages.put(key, page);
    bytes += page.length - (old == null ? 0 : old.length);
    for (Iterator<Map.Entry<Key, byte[]>> it = pages.entrySet().iterator(); bytes > budget && it.hasNext(); ) {
      bytes -= it.next().getValue().length;
      it.remove();
    }
  }

  /** Pages served from the cache since start. */
  long hits() {
    return hits.sum();
  }

  /** Pages rendered because none was kept. */
  long misses() {
    return misses.sum();
  }

  /** Pages kept now. */
  synchronized int size() {
    return pages.size();
  }
}
