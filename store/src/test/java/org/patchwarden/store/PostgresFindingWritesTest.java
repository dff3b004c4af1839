package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.TrackedFinding;

/**
 * {@link PostgresFindingWrites}, the array-parameter writer PostgreSQL takes: every scenario runs
 * on PostgreSQL and on SQLite (which keeps JDBC batches), and both must read back the same findings,
 * the same aliases and the same counts.
 */
class PostgresFindingWritesTest {
  static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-02T10:00:00Z");
  static final Instant T3 = Instant.parse("2026-11-03T10:00:00Z");

  @TempDir Path tempDir;
  Database postgres;
  Database sqlite;

  @BeforeEach
  void open() {
    postgres = TestDatabases.postgres();
    sqlite = TestDatabases.sqlite(tempDir);
    for (Database db : List.of(postgres, sqlite)) {
      for (String name : List.of("web-01", "web-02", "web_03+q@x:1.a-b/c")) {
        db.assetStore().save(new Asset(name, AssetKind.HOST, "production", "platform", 2, false, Set.of()));
      }
    }
  }

  @AfterEach
  void close() {
    postgres.close();
    sqlite.close();
  }

  static Finding finding(String asset, String pkg, String version, String advisory, Set<String> aliases,
      String feed) {
    InstalledPackage p = new InstalledPackage("deb", pkg, version, "", "", "amd64",
        "pkg:deb/debian/" + pkg + "@" + version + "?arch=amd64");
    return new Finding(asset, p, advisory, aliases, feed, "Debian:11", pkg, version, AffectedStatus.AFFECTED,
        "fixed in bullseye by " + version + "+1", version + "+1", Confidence.CONFIRMED);
  }

  /** Runs the same calls on both databases and returns what PostgreSQL reads back, once both agree. */
  private List<TrackedFinding> onBoth(Consumer<FindingStore> calls) {
    calls.accept(postgres.findingStore());
    calls.accept(sqlite.findingStore());
    List<TrackedFinding> pg = postgres.findingStore().list(FindingFilter.all());
    assertThat(pg).containsExactlyInAnyOrderElementsOf(sqlite.findingStore().list(FindingFilter.all()));
    return pg;
  }

  private static FindingFilter byAdvisoryOrAlias(String id) {
    return new FindingFilter(null, null, id, null);
  }

  private static long aliasRows(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM finding_alias_index").mapTo(Long.class).one());
  }

  @Test
  void textWithQuotesCommasBracesBackslashesUnicodeAndTheWordNullReadsBackExactlyAsWritten() {
    String asset = "web_03+q@x:1.a-b/c";
    Finding awkward = new Finding(asset, new InstalledPackage("deb", "lib\"x\",{y}", "1:2.0~rc1\\x", "NULL", "",
        "", "pkg:deb/debian/lib%22x%22@1?a=b,c"), "DSA-\u6f22\u5b57-1 'q'",
        Set.of("CVE-2024-0001", "NULL", "", "a,b", "{\"x\"}", "\u00e9\u00e8 \ud83d\udd12", "back\\slash"),
        "debian-dsa", "Debian:11", "lib\"x\",{y}", "1:2.0~rc1\\x", AffectedStatus.AFFECTED, "< 2.0 ,'\"",
        "", Confidence.CONFIRMED);
    Finding plain = finding(asset, "curl", "7.74.0-1.3+deb11u1", "DSA-5197-1", Set.of(), "debian-dsa");

    List<TrackedFinding> read = onBoth(s -> s.recordScan(asset, 1, T1, List.of(awkward, plain)));

    assertThat(read).extracting(TrackedFinding::finding).containsExactlyInAnyOrder(awkward, plain);
    for (String alias : awkward.aliases()) {
      assertThat(postgres.findingStore().list(byAdvisoryOrAlias(alias))).as(alias)
          .extracting(TrackedFinding::finding).contains(awkward);
    }
    assertThat(aliasRows(postgres)).isEqualTo(aliasRows(sqlite)).isEqualTo(awkward.aliases().size());
  }

  @Test
  void aScanOfMoreFindingsThanTwoChunksWritesEveryFindingAndEveryAliasAcrossTheChunkBoundaries() {
    int n = 2 * PostgresFindingWrites.CHUNK + 1;
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      many.add(finding("web-01", "pkg-" + i, "1." + i, "DSA-" + i + "-1", Set.of("CVE-2024-" + i, "ALIAS-" + i),
          "debian-dsa"));
    }

    FindingsUpdate update = postgres.findingStore().recordScan("web-01", 1, T1, many);

    assertThat(update.opened()).isEqualTo(n);
    assertThat(postgres.findingStore().list(FindingFilter.all())).extracting(TrackedFinding::finding)
        .containsExactlyInAnyOrderElementsOf(many);
    assertThat(aliasRows(postgres)).isEqualTo(2L * n);
    for (int i : List.of(0, PostgresFindingWrites.CHUNK - 1, PostgresFindingWrites.CHUNK,
        2 * PostgresFindingWrites.CHUNK, n - 1)) {
      assertThat(postgres.findingStore().list(byAdvisoryOrAlias("ALIAS-" + i))).as("alias of finding " + i)
          .extracting(TrackedFinding::finding).containsExactly(many.get(i));
    }

    // found again, all of them: one refresh each, across the same boundaries
    FindingsUpdate again = postgres.findingStore().recordScan("web-01", 2, T2, many);

    assertThat(again.stillOpen()).isEqualTo(n);
    assertThat(postgres.findingStore().list(FindingFilter.all())).allSatisfy(t -> {
      assertThat(t.lastSeen()).isEqualTo(T2);
      assertThat(t.firstSeen()).isEqualTo(T1);
    });

    // none found: every one closes, fixed by revision 3
    FindingsUpdate gone = postgres.findingStore().recordScan("web-01", 3, T3, List.of());

    assertThat(gone.closed()).isEqualTo(n);
    assertThat(postgres.findingStore().list(FindingFilter.all())).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(FindingStatus.FIXED);
      assertThat(t.fixedByRevision()).isEqualTo(3);
    });
  }

  @Test
  void aRescanUpdatesEvidenceRewritesChangedAliasesKeepsUnchangedOnesAndClosesWhatIsGone() {
    Finding a1 = finding("web-01", "openssl", "1.1.1n", "DSA-5139-1", Set.of("CVE-2022-1292"), "debian-dsa");
    Finding b = finding("web-01", "curl", "7.74.0", "DSA-5197-1", Set.of("CVE-2021-22898", "CVE-2021-22924"),
        "debian-dsa");
    Finding c = finding("web-01", "zlib", "1.2.11", "DSA-5218-1", Set.of("CVE-2022-37434"), "debian-dsa");
    Finding a2 = finding("web-01", "openssl", "1.1.1n-0+deb11u2", "DSA-5139-1",
        Set.of("CVE-2022-1292", "CVE-2022-2068"), "debian-dsa");
    Finding d = finding("web-01", "bash", "5.1-2", "DLA-1-1", Set.of("CVE-2019-18276"), "debian-dla");

    List<TrackedFinding> read = onBoth(s -> {
      s.recordScan("web-01", 1, T1, List.of(a1, b, c));
      s.recordScan("web-01", 2, T2, List.of(a2, b, d));
    });

    assertThat(read).hasSize(4);
    assertThat(read).filteredOn(t -> t.finding().equals(a2)).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo(FindingStatus.OPEN);
      assertThat(t.firstSeen()).isEqualTo(T1);
      assertThat(t.lastSeen()).isEqualTo(T2);
    });
    assertThat(read).filteredOn(t -> t.finding().equals(c)).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo(FindingStatus.FIXED);
      assertThat(t.fixedByRevision()).isEqualTo(2);
      assertThat(t.closedAt()).isEqualTo(T2);
    });
    assertThat(postgres.findingStore().list(byAdvisoryOrAlias("CVE-2022-2068"))).extracting(TrackedFinding::finding)
        .containsExactly(a2);
    assertThat(postgres.findingStore().list(byAdvisoryOrAlias("CVE-2021-22924"))).extracting(TrackedFinding::finding)
        .containsExactly(b);
    assertThat(aliasRows(postgres)).isEqualTo(aliasRows(sqlite)).isEqualTo(2 + 2 + 1 + 1);
  }

  @Test
  void aFixedFindingFoundAgainReopensWithItsFirstSeenTimeAndANewSiblingInheritsItsFeedMatesMark() {
    Finding dsa = finding("web-02", "curl", "7.74.0", "DSA-5197-1", Set.of("CVE-2021-22898"), "debian-dsa");
    Finding osv = finding("web-02", "curl", "7.74.0", "DSA-5197-1", Set.of("CVE-2021-22898"), "osv:Debian");
    FindingMark mark = new FindingMark("curl's binary is never run here, \"really\"", "alice", T2);

    List<TrackedFinding> read = onBoth(s -> {
      s.recordScan("web-02", 1, T1, List.of(dsa));
      s.recordScan("web-02", 2, T2, List.of());
      s.recordScan("web-02", 3, T3, List.of(dsa));
      s.markNotAffected(FindingKey.of(dsa), mark);
      s.recordScan("web-02", 4, T3, List.of(dsa, osv));
    });

    assertThat(read).hasSize(2).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
      assertThat(t.mark()).isEqualTo(mark);
    });
    assertThat(read).filteredOn(t -> t.finding().equals(dsa)).singleElement()
        .satisfies(t -> assertThat(t.firstSeen()).isEqualTo(T1));
  }

  @Test
  void aScanWithoutFindingsOnAnAssetWithoutFindingsWritesNothing() {
    List<TrackedFinding> read = onBoth(s -> assertThat(s.recordScan("web-01", 1, T1, List.of()))
        .isEqualTo(new FindingsUpdate(0, 0, 0)));

    assertThat(read).isEmpty();
    assertThat(aliasRows(postgres)).isZero();
  }

  @Test
  void aSourceMatchRetractsTheFindingsOfThatSourceNotFoundAgainOnEveryAsset() {
    Finding w1 = finding("web-01", "curl", "7.74.0", "DSA-5197-1", Set.of("CVE-2021-22898"), "debian-dsa");
    Finding w2 = finding("web-02", "curl", "7.74.0", "DSA-5197-1", Set.of("CVE-2021-22898"), "debian-dsa");
    Finding w2b = finding("web-02", "zlib", "1.2.11", "DSA-5218-1", Set.of("CVE-2022-37434"), "debian-dsa");

    List<TrackedFinding> read = onBoth(s -> {
      s.recordSourceMatch("debian-dsa", T1, List.of(w1, w2, w2b));
      s.recordSourceMatch("debian-dsa", T2, List.of(w2b));
    });

    assertThat(read).filteredOn(t -> t.status() == FindingStatus.RETRACTED).extracting(TrackedFinding::finding)
        .containsExactlyInAnyOrder(w1, w2);
    assertThat(read).filteredOn(t -> t.status() == FindingStatus.OPEN).extracting(TrackedFinding::finding)
        .containsExactly(w2b);
  }
}
