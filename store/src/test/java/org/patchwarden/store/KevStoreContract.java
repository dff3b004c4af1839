package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedVersion;

/** What every {@link KevStore} (and the feed versions it writes) must do, on every database. */
abstract class KevStoreContract extends DatabaseContract {
  static final Instant T1 = Instant.parse("2025-08-25T17:04:19.9796Z");
  static final Instant LOADED = Instant.parse("2025-08-26T08:00:00Z");

  static KevEntry entry(String cve, String added, String due) {
    return new KevEntry(cve, "Git", "Git", "Git Link Following Vulnerability", LocalDate.parse(added),
        "Git contains a link following vulnerability.", "Apply mitigations per vendor instructions.",
        LocalDate.parse(due), "Unknown", "https://example.org/advisory", List.of("CWE-59", "CWE-436"));
  }

  static FeedSnapshot<KevEntry> snapshot(String version, KevEntry... entries) {
    return sink -> {
      for (KevEntry e : entries) {
        sink.accept(e);
      }
      return new FeedHeader(version, T1);
    };
  }

  @Test
  void storesEveryFieldOfAnEntryAndReadsItBack() {
    KevEntry e = entry("CVE-2025-48384", "2025-08-25", "2025-09-15");
    db.kevStore().replaceCatalog(snapshot("2025.08.25", e), "kev.json", LOADED);

    assertThat(db.kevStore().find("CVE-2025-48384")).contains(e);
    assertThat(db.kevStore().find("CVE-1999-0001")).isEmpty();
  }

  @Test
  void recordsTheLoadedVersionAsCurrent() {
    FeedVersion v = db.kevStore().replaceCatalog(
        snapshot("2025.08.25", entry("CVE-1", "2025-08-25", "2025-09-15"), entry("CVE-2", "2025-08-20", "2025-09-10")),
        "/mirror/kev.json", LOADED);

    assertThat(v).isEqualTo(new FeedVersion(KevStore.SOURCE, "2025.08.25", T1, 2, LOADED, "/mirror/kev.json"));
    assertThat(db.feedVersionStore().current(KevStore.SOURCE)).contains(v);
    assertThat(db.feedVersionStore().all()).containsExactly(v);
  }

  @Test
  void aNewCatalogReplacesTheOldOneEntirely() {
    KevStore kev = db.kevStore();
    kev.replaceCatalog(snapshot("v1", entry("CVE-1", "2025-01-01", "2025-01-21"), entry("CVE-2", "2025-01-02", "2025-01-22")), "a", LOADED);
    KevEntry updated = entry("CVE-2", "2025-01-02", "2025-02-01");
    kev.replaceCatalog(snapshot("v2", updated, entry("CVE-3", "2025-01-03", "2025-01-23")), "b", LOADED.plusSeconds(60));

    assertThat(kev.find("CVE-1")).isEmpty();
    assertThat(kev.find("CVE-2")).contains(updated);
    assertThat(kev.count()).isEqualTo(2);
    assertThat(db.feedVersionStore().current(KevStore.SOURCE).orElseThrow().version()).isEqualTo("v2");
  }

  @Test
  void aCatalogThatFailsHalfWayLeavesThePreviousOneUntouched() {
    KevStore kev = db.kevStore();
    kev.replaceCatalog(snapshot("good", entry("CVE-1", "2025-01-01", "2025-01-21")), "a", LOADED);

    FeedSnapshot<KevEntry> broken = sink -> {
      sink.accept(entry("CVE-9", "2025-02-01", "2025-02-21"));
      throw new FeedFormatException("kev.json", "vulnerabilities[1]", "missing dueDate");
    };
    assertThatThrownBy(() -> kev.replaceCatalog(broken, "b", LOADED)).isInstanceOf(FeedFormatException.class);

    assertThat(kev.find("CVE-1")).isPresent();
    assertThat(kev.find("CVE-9")).isEmpty();
    assertThat(db.feedVersionStore().current(KevStore.SOURCE).orElseThrow().version()).isEqualTo("good");
  }

  @Test
  void duplicateCvesInOneDocumentKeepTheLastAndCountOnce() {
    KevEntry first = entry("CVE-1", "2025-01-01", "2025-01-21");
    KevEntry second = entry("CVE-1", "2025-01-01", "2025-01-30");
    FeedVersion v = db.kevStore().replaceCatalog(snapshot("v", first, second), "a", LOADED);

    assertThat(v.records()).isEqualTo(1);
    assertThat(db.kevStore().find("CVE-1")).contains(second);
  }

  @Test
  void listsTheNewestEntriesFirst() {
    db.kevStore().replaceCatalog(snapshot("v",
        entry("CVE-A", "2025-01-01", "2025-01-21"),
        entry("CVE-C", "2025-03-01", "2025-03-21"),
        entry("CVE-B", "2025-03-01", "2025-03-21")), "a", LOADED);

    assertThat(db.kevStore().newest(2)).extracting(KevEntry::cveId).containsExactly("CVE-B", "CVE-C");
  }

  @Test
  void storesLargeCatalogsInBatches() {
    KevEntry[] many = new KevEntry[1234];
    for (int i = 0; i < many.length; i++) {
      many[i] = entry("CVE-2025-" + (10000 + i), "2025-01-01", "2025-01-21");
    }
    assertThat(db.kevStore().replaceCatalog(snapshot("big", many), "a", LOADED).records()).isEqualTo(1234);
    assertThat(db.kevStore().count()).isEqualTo(1234);
  }
}
