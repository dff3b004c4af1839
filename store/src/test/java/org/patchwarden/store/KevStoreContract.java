package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** What every {@link KevStore} must do, on every database. */
abstract class KevStoreContract extends FeedStoreContract<KevEntry> {

  static KevEntry entry(String cve, String added, String due) {
    return new KevEntry(cve, "Git", "Git", "Git Link Following Vulnerability", LocalDate.parse(added),
        "Git contains a link following vulnerability.", "Apply mitigations per vendor instructions.",
        LocalDate.parse(due), "Unknown", "https://example.org/advisory", List.of("CWE-59", "CWE-436"));
  }

  static FeedSnapshot<KevEntry> snapshot(String version, KevEntry... entries) {
    return snapshot(version, List.of(entries));
  }

  static FeedDocument kevDocument(String hash) {
    return new FeedDocument(KevStore.SOURCE, "kev.json", hash, LOADED);
  }

  @Override
  protected String source() {
    return KevStore.SOURCE;
  }

  @Override
  protected KevEntry record(int n, int revision) {
    return new KevEntry("CVE-2025-" + (10_000 + n), "Vendor " + n, "Product", "Name " + revision,
        LocalDate.of(2025, 1, 1).plusDays(n % 300), "Description", "Apply updates.",
        LocalDate.of(2025, 2, 1).plusDays(revision), revision == 0 ? "Unknown" : "Known", "",
        n % 2 == 0 ? List.of() : List.of("CWE-79"));
  }

  @Override
  protected String key(KevEntry record) {
    return record.cveId();
  }

  @Override
  protected FeedUpdate replace(FeedSnapshot<KevEntry> snapshot, FeedDocument document) {
    return db.kevStore().replace(snapshot, document);
  }

  @Override
  protected Optional<KevEntry> stored(KevEntry like) {
    return db.kevStore().find(like.cveId());
  }

  @Override
  protected int count() {
    return db.kevStore().count();
  }

  @Test
  void storesEveryFieldOfAnEntryAndReadsItBack() {
    KevEntry e = entry("CVE-2025-48384", "2025-08-25", "2025-09-15");
    db.kevStore().replace(snapshot("2025.08.25", e), kevDocument("h1"));

    assertThat(db.kevStore().find("CVE-2025-48384")).contains(e);
    assertThat(db.kevStore().find("CVE-1999-0001")).isEmpty();
    assertThat(db.kevStore().findAll(List.of("CVE-1999-0001", "CVE-2025-48384")))
        .containsOnly(java.util.Map.entry("CVE-2025-48384", e));
  }

  @Test
  void listsTheNewestEntriesFirst() {
    db.kevStore().replace(snapshot("v",
        entry("CVE-A", "2025-01-01", "2025-01-21"),
        entry("CVE-C", "2025-03-01", "2025-03-21"),
        entry("CVE-B", "2025-03-01", "2025-03-21")), kevDocument("h1"));

    assertThat(db.kevStore().newest(2)).extracting(KevEntry::cveId).containsExactly("CVE-B", "CVE-C");
  }
}
