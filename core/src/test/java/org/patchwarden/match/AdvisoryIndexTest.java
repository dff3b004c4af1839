package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.match.Records.events;
import static org.patchwarden.match.Records.fixedIn;
import static org.patchwarden.match.Records.record;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

class AdvisoryIndexTest {
  private static final AdvisoryRecord DSA_5103 = record("debian-dsa", "DSA-5103-1", Set.of("CVE-2022-0778"),
      fixedIn("Debian:10", "openssl", "1.1.1d-0+deb10u8"), fixedIn("Debian:11", "openssl", "1.1.1k-1+deb11u2"));

  @Test
  void entriesAreFoundUnderNormalizedEcosystemAndName() {
    AdvisoryIndex index = Records.index("debian-dsa", DSA_5103);
    assertThat(index.entries("debian:11", "openssl")).singleElement().satisfies(e -> {
      assertThat(e.recordId()).isEqualTo("DSA-5103-1");
      assertThat(e.feedSource()).isEqualTo("debian-dsa");
      assertThat(e.aliases()).containsExactly("CVE-2022-0778");
      assertThat(e.range().toString()).isEqualTo("(,1.1.1k-1+deb11u2)");
    });
    assertThat(index.entries("Debian:12", "openssl")).isEmpty();
    assertThat(index.records()).isEqualTo(1);
    assertThat(index.entryCount()).isEqualTo(2);
  }

  @Test
  void itKnowsWhichEcosystemsAndReleasesHaveAnyData() {
    AdvisoryIndex index = Records.index("debian-dsa", DSA_5103,
        record("debian-dsa", "DSA-9-1", Set.of(), Records.status("Debian:12", "vlc", AffectedStatus.NOT_AFFECTED)));
    assertThat(index.hasData("Debian:11")).isTrue();
    assertThat(index.hasData("Debian:12")).isTrue(); // "not affected" is data too
    assertThat(index.hasData("Debian:13")).isFalse();
    assertThat(index.ecosystems()).containsExactly("debian:10", "debian:11", "debian:12");
  }

  @Test
  void aRecordSeenTwiceInOneSourceIsKeptOnce() {
    AdvisoryIndex index = AdvisoryIndex.builder().add("osv:almalinux", record("osv:almalinux", "ALSA-2024:0310",
        Set.of(), fixedIn("AlmaLinux:9", "openssl-libs", "1:3.0.7-25.el9_3")))
        .add("osv:almalinux", record("osv:almalinux", "ALSA-2024:0310", Set.of(),
            fixedIn("AlmaLinux:9", "openssl-libs", "1:3.0.7-25.el9_3")))
        .build();
    assertThat(index.entries("AlmaLinux:9", "openssl-libs")).hasSize(1);
    assertThat(index.records()).isEqualTo(1);
  }

  @Test
  void theSameIdFromTwoSourcesIsKeptTwice() {
    AdvisoryIndex index = AdvisoryIndex.builder().add("debian-dsa", DSA_5103)
        .add("osv:debian", record("osv:debian", "DSA-5103-1", Set.of(), fixedIn("Debian:11", "openssl", "1.1.1k-1+deb11u2")))
        .build();
    assertThat(index.entriesOf("DSA-5103-1")).extracting(AdvisoryIndex.Entry::feedSource)
        .containsExactlyInAnyOrder("debian-dsa", "debian-dsa", "osv:debian");
  }

  @Test
  void withRecordsReplacesAndRemovesOneSourcesRecordsAndLeavesTheOldIndexAsItWas() {
    AdvisoryIndex before = AdvisoryIndex.builder().add("debian-dsa", DSA_5103)
        .add("osv:debian", record("osv:debian", "DSA-5103-1", Set.of(), fixedIn("Debian:11", "openssl", "1.1.1k-1+deb11u2")))
        .build();
    AdvisoryRecord corrected = record("debian-dsa", "DSA-5103-1", Set.of(), fixedIn("Debian:11", "openssl", "1.1.1k-1+deb11u3"));
    AdvisoryRecord added = record("debian-dsa", "DSA-5104-1", Set.of(), fixedIn("Debian:12", "chromium", "99.0-1~deb12u1"));

    AdvisoryIndex after = before.withRecords("debian-dsa", List.of(corrected, added), List.of());
    assertThat(after.entries("Debian:11", "openssl")).extracting(e -> e.range().toString())
        .containsExactlyInAnyOrder("(,1.1.1k-1+deb11u2)", "(,1.1.1k-1+deb11u3)");
    assertThat(after.entries("Debian:10", "openssl")).isEmpty();
    assertThat(after.hasData("Debian:10")).isFalse();
    assertThat(after.hasData("Debian:12")).isTrue();
    assertThat(after.records()).isEqualTo(3);

    assertThat(before.entries("Debian:11", "openssl")).hasSize(2);
    assertThat(before.entries("Debian:10", "openssl")).hasSize(1);
    assertThat(before.hasData("Debian:12")).isFalse();

    AdvisoryIndex removed = after.withRecords("debian-dsa", List.of(), List.of("DSA-5103-1", "DSA-5104-1"));
    assertThat(removed.entries("Debian:11", "openssl")).extracting(AdvisoryIndex.Entry::feedSource)
        .containsExactly("osv:debian");
    assertThat(removed.entriesOf("DSA-5104-1")).isEmpty();
    assertThat(removed.records()).isEqualTo(1);
    assertThat(after.entriesOf("DSA-5104-1")).hasSize(1);
  }

  @Test
  void aWithdrawnRecordIsLeftOutAndAWithdrawalRemovesTheOldOne() {
    AdvisoryIndex index = Records.index("debian-dsa", DSA_5103);
    AdvisoryIndex after = index.withRecords("debian-dsa", List.of(Records.withdrawn("debian-dsa", "DSA-5103-1",
        fixedIn("Debian:11", "openssl", "1.1.1k-1+deb11u2"))), List.of());
    assertThat(after.entries("Debian:11", "openssl")).isEmpty();
    assertThat(after.records()).isZero();
  }

  @Test
  void rangesThatCannotBeEvaluatedAreCountedWithTheirReason() {
    AdvisoryIndex index = Records.index("osv:x",
        record("osv:x", "X-1", Set.of(), Records.affected("PyPI", "pkg", events("ECOSYSTEM", "introduced", "0",
            "fixed", "not//a//version"))),
        record("osv:x", "X-2", Set.of(), Records.affected("Hackage", "aeson", events("ECOSYSTEM", "introduced", "0",
            "fixed", "2.0"))));
    assertThat(index.problemCount()).isEqualTo(2);
    assertThat(index.problems()).anySatisfy(p -> assertThat(p).startsWith("osv:x X-1 PyPI/pkg: ").contains("not//a//version"))
        .anySatisfy(p -> assertThat(p).startsWith("osv:x X-2 Hackage/aeson: ").contains("unknown ecosystem"));
  }

  @Test
  void anIndexIsBuiltFromEveryRecordAStoreStreams() {
    List<AdvisoryRecord> held = List.of(DSA_5103, record("osv:go", "GO-2023-1515", Set.of(),
        fixedIn("Go", "github.com/rancher/wrangler", "1.0.1")));
    AdvisoryStore store = new AdvisoryStore() {
      @Override
      public void forEachRecord(java.util.function.BiConsumer<String, AdvisoryRecord> sink) {
        held.forEach(r -> sink.accept(r.source(), r));
      }

      @Override
      public FeedUpdate replace(FeedSnapshot<AdvisoryRecord> snapshot, FeedDocument document) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<AdvisoryRecord> record(String source, String id) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<Advisory> find(String anyId) {
        throw new UnsupportedOperationException();
      }

      @Override
      public int count(String source) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<String> remove(String source, java.time.Instant at) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<org.patchwarden.advisory.FeedRecord> records(Collection<String> ids) {
        throw new UnsupportedOperationException();
      }

      @Override
      public java.util.Set<String> knownCpeVendors(Collection<String> vendorKeys) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void forEachRecordNaming(Collection<String> matchNames,
          java.util.function.BiConsumer<String, AdvisoryRecord> sink) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void forEachRecordNaming(Collection<String> ecosystemKeys, Collection<String> matchNames,
          java.util.function.BiConsumer<String, AdvisoryRecord> sink) {
        throw new UnsupportedOperationException();
      }

      @Override
      public java.util.Map<String, Integer> affectedPackageCounts() {
        throw new UnsupportedOperationException();
      }
    };
    AdvisoryIndex index = AdvisoryIndex.of(store);
    assertThat(index.records()).isEqualTo(2);
    assertThat(index.entries("Go", "github.com/rancher/wrangler")).extracting(AdvisoryIndex.Entry::feedSource)
        .containsExactly("osv:go");
  }

  @Test
  void declaredCoverageAnswersForEcosystemsWhoseEntriesWereNotLoaded() {
    AdvisoryIndex index = AdvisoryIndex.builder().add("debian-dsa", DSA_5103)
        .declareCoverage("Debian:12", 3_000).declareCoverage("debian:11", 340).declareCoverage("PyPI", 0)
        .build();

    assertThat(index.hasData("Debian:12")).isTrue();
    assertThat(index.entries("Debian:12", "openssl")).isEmpty();
    assertThat(index.entryCount("Debian:12")).isEqualTo(3_000);
    assertThat(index.entryCount("Debian:11")).isEqualTo(340);
    assertThat(index.entryCount("Debian:10")).isEqualTo(1); // loaded, not declared
    assertThat(index.hasData("PyPI")).isFalse();
    assertThat(index.ecosystems()).containsExactly("debian:10", "debian:11", "debian:12");
    assertThat(index.entryCount()).isEqualTo(2);
    // a derived index keeps the declarations
    assertThat(index.withRecords("debian-dsa", List.of(), List.of("DSA-5103-1")).entryCount("Debian:12"))
        .isEqualTo(3_000);
    assertThatThrownBy(() -> AdvisoryIndex.builder().declareCoverage("Debian:12", -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Debian:12");
  }

  @Test
  void anOsReleaseOrLanguageEcosystemWithFewerEntriesThanTheThresholdIsSparseAndTheCpeIndexNever() {
    AdvisoryIndex.Builder b = AdvisoryIndex.builder().sparseBelow(AdvisoryIndex.SPARSE_BELOW);
    for (int i = 0; i < AdvisoryIndex.SPARSE_BELOW - 1; i++) {
      b.add("debian-dsa", record("debian-dsa", "DSA-" + (5000 + i) + "-1", Set.of(),
          fixedIn("Debian:12", "package" + i, "1.0-1~deb12u1")));
    }
    b.add("osv:pypa", record("osv:pypa", "PYSEC-2019-217", Set.of(), fixedIn("PyPI", "Jinja2", "2.10.1")));
    AdvisoryIndex few = b.build();

    assertThat(few.isSparse("Debian:12")).isTrue();
    // one fixture PyPI advisory must not make a whole requirements.txt read as clean
    assertThat(few.isSparse("PyPI")).isTrue();
    assertThat(few.isSparse("Debian:13")).isFalse(); // no data at all is another gap
    assertThat(AdvisoryIndex.builder().declareCoverage("cpe", 3).sparseBelow(25).build().isSparse("cpe")).isFalse();
    AdvisoryIndex enough = few.withRecords("debian-dsa", List.of(record("debian-dsa", "DSA-6000-1", Set.of(),
        fixedIn("Debian:12", "openssl", "3.0.11-1~deb12u2"))), List.of());
    assertThat(enough.isSparse("Debian:12")).isFalse();
    assertThat(AdvisoryIndex.builder().declareCoverage("AlmaLinux:9", 3).sparseBelow(25).build().isSparse("almalinux:9"))
        .isTrue();
    assertThat(Records.index("debian-dsa", DSA_5103).isSparse("Debian:11")).isFalse(); // a builder's default: none
  }

  @Test
  void anIndexForInventoriesLoadsOnlyTheRecordsNamingTheirPackagesAndMatchesAsTheWholeStore() {
    MemoryAdvisoryStore store = new MemoryAdvisoryStore()
        .add("debian-dsa", DSA_5103)
        .add("osv:pypa", record("osv:pypa", "PYSEC-2019-217", Set.of("CVE-2019-10906"), fixedIn("PyPI", "Jinja2", "2.10.1")))
        .add("osv:pypa", record("osv:pypa", "PYSEC-2020-1", Set.of(), fixedIn("PyPI", "zope.interface", "5.0.0")))
        .add("osv:pypa", record("osv:pypa", "PYSEC-2021-9", Set.of(), fixedIn("PyPI", "flask", "2.0.0")))
        .add("osv:ubuntu", record("osv:ubuntu", "UBUNTU-CVE-2022-0778", Set.of(),
            fixedIn("Ubuntu:22.04:LTS", "openssl", "3.0.2-0ubuntu1.1"))) // openssl, but of no host's release
        .add("osv:go", record("osv:go", "GO-2023-1515", Set.of(), fixedIn("Go", "github.com/rancher/wrangler", "1.0.1")))
        .add("osv:almalinux", record("osv:almalinux", "ALSA-2024:0310", Set.of(),
            fixedIn("AlmaLinux:9", "openssl-libs", "1:3.0.7-25.el9_3")))
        .add("nvd", record("nvd", "CVE-2024-3094", Set.of(), Records.affected("cpe", "tukaani:xz",
            Records.cpe("cpe:2.3:a:tukaani:xz:*:*:*:*:*:*:*:*", "5.6.0", null, null, "5.6.2"))));
    java.time.Instant t = java.time.Instant.EPOCH;
    List<org.patchwarden.inventory.Inventory> inventories = List.of(
        new org.patchwarden.inventory.Inventory("bullseye-1", 1, t,
            new org.patchwarden.inventory.OsRelease("debian", "11", "bullseye", ""),
            List.of(new org.patchwarden.inventory.InstalledPackage("deb", "libssl1.1", "1.1.1k-1+deb11u1", "openssl",
                "", "amd64", ""), org.patchwarden.inventory.InstalledPackage.of("pypi", "jinja2", "2.10"),
                org.patchwarden.inventory.InstalledPackage.of("pypi", "Zope_Interface", "4.7.1"))),
        new org.patchwarden.inventory.Inventory("appliance-1", 1, t, null,
            List.of(org.patchwarden.inventory.InstalledPackage.of("cpe", "Tukaani:XZ", "5.6.1"))));

    assertThat(AdvisoryIndex.lookupNames(inventories))
        .containsExactlyInAnyOrder("openssl", "jinja2", "zope-interface", "tukaani:xz");
    AdvisoryIndex own = AdvisoryIndex.forInventories(store, inventories);
    AdvisoryIndex all = AdvisoryIndex.of(store);

    assertThat(own.records()).isEqualTo(4);
    assertThat(own.ecosystems()).isEqualTo(all.ecosystems());
    MatchResult r = new FleetMatcher(own).match(inventories);
    assertThat(r).isEqualTo(new FleetMatcher(all).match(inventories));
    assertThat(r.findings()).extracting(Finding::advisoryId)
        .containsExactly("DSA-5103-1", "PYSEC-2019-217", "PYSEC-2020-1", "CVE-2024-3094");
    assertThat(AdvisoryIndex.forInventories(store, List.of()).records()).isZero();
  }

  @Test
  void aBuilderBuildsOnce() {
    AdvisoryIndex.Builder b = AdvisoryIndex.builder().add("debian-dsa", DSA_5103);
    b.build();
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.add("debian-dsa", DSA_5103)).isInstanceOf(IllegalStateException.class);
  }
}
