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
      public List<org.patchwarden.advisory.FeedRecord> records(Collection<String> ids) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void forEachRecordNaming(Collection<String> matchNames,
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
  void aBuilderBuildsOnce() {
    AdvisoryIndex.Builder b = AdvisoryIndex.builder().add("debian-dsa", DSA_5103);
    b.build();
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.add("debian-dsa", DSA_5103)).isInstanceOf(IllegalStateException.class);
  }
}
