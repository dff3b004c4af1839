package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.FeedRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.Severity;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.version.OsvEvent;

/** What every {@link org.patchwarden.advisory.AdvisoryStore} must do, on every database. */
abstract class AdvisoryStoreContract extends FeedStoreContract<AdvisoryRecord> {
  static final String OSV = "osv:PyPI";

  /** An NVD record with CPE matches in every bound form, and severities by two parties. */
  static final AdvisoryRecord NVD_CVE = new AdvisoryRecord("nvd", "CVE-2024-3094", Set.of(),
      "xz backdoor", "Malicious code was discovered in the upstream tarballs of xz, starting with version 5.6.0.",
      Instant.parse("2024-03-29T17:15:21.150Z"), Instant.parse("2025-02-06T09:15:07.123456789Z"), false,
      List.of(new AffectedPackage("cpe", "tukaani:xz", null, AffectedStatus.AFFECTED, List.of(
              new AffectedRange.CpeMatch("cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*", null, null, null, null),
              new AffectedRange.CpeMatch("cpe:2.3:a:tukaani:xz:*:*:*:*:*:*:*:*", "5.6.0", null, null, "5.6.2"),
              new AffectedRange.CpeMatch("cpe:2.3:a:tukaani:xz:*:*:*:*:*:*:*:*", null, "5.5", "5.6.1", null)),
          List.of(), "")),
      List.of(new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "nvd@nist.gov"),
          new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H", 9.0, "Red Hat, Inc."),
          new Severity("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", null, "")),
      List.of("CWE-506"), List.of("https://www.openwall.com/lists/oss-security/2024/03/29/4"));

  /** An OSV record naming the CVE as alias, with event ranges, enumerated versions and several statuses. */
  static final AdvisoryRecord OSV_GHSA = new AdvisoryRecord("osv", "GHSA-rxwr-2w6q-5vvw",
      Set.of("CVE-2024-3094", "PYSEC-2024-1", "BIT-xz-2024-3094"), "", null,
      Instant.parse("2024-03-29T18:00:00Z"), null, false,
      List.of(
          new AffectedPackage("PyPI", "xz-py", "pkg:pypi/xz-py", AffectedStatus.AFFECTED,
              List.of(new AffectedRange.Events("ECOSYSTEM", List.of(
                      new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
                      new OsvEvent(OsvEvent.Kind.FIXED, "1.2.3"))),
                  new AffectedRange.Events("GIT", List.of(
                      new OsvEvent(OsvEvent.Kind.INTRODUCED, "abc123"),
                      new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, "def456"),
                      new OsvEvent(OsvEvent.Kind.LIMIT, "fff000")))),
              List.of("1.0.0", "1.1.0", "1.2.2"), "upstream backdoor"),
          new AffectedPackage("Debian:12", "xz-utils", null, AffectedStatus.NOT_AFFECTED, List.of(), List.of(),
              "vulnerable code not present"),
          new AffectedPackage("Debian:13", "xz-utils", null, AffectedStatus.UNFIXED, List.of(), List.of(), null)),
      List.of(new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "GitHub"),
          new Severity("DEBIAN_URGENCY", "high", null, "")),
      List.of("CWE-506", "CWE-912"), List.of("https://github.com/advisories/GHSA-rxwr-2w6q-5vvw"));

  @Override
  protected String source() {
    return OSV;
  }

  @Override
  protected String otherSource() {
    return "osv:Go";
  }

  @Override
  protected AdvisoryRecord record(int n, int revision) {
    String id = "PYSEC-2025-" + n;
    return new AdvisoryRecord("osv", id, Set.of("CVE-2025-" + (10_000 + n), "GHSA-" + n), "summary " + revision,
        "details", Instant.parse("2025-01-01T00:00:00Z").plusSeconds(n),
        Instant.parse("2025-02-01T00:00:00Z").plusSeconds(revision), revision > 1,
        List.of(new AffectedPackage("PyPI", "package-" + n, "pkg:pypi/package-" + n, AffectedStatus.AFFECTED,
            List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
                new OsvEvent(OsvEvent.Kind.FIXED, "1." + revision)))), List.of(), "")),
        List.of(new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "")),
        List.of("CWE-79"), List.of("https://example.org/" + id));
  }

  @Override
  protected String key(AdvisoryRecord record) {
    return record.id();
  }

  @Override
  protected FeedUpdate replace(FeedSnapshot<AdvisoryRecord> snapshot, FeedDocument document) {
    return db.advisoryStore().replace(snapshot, document);
  }

  @Override
  protected Optional<AdvisoryRecord> stored(AdvisoryRecord like) {
    return db.advisoryStore().record(OSV, like.id());
  }

  @Override
  protected int count() {
    return db.advisoryStore().count(OSV);
  }

  @Test
  void removingASourceDropsItsRecordsAndVersionAndRecordsEachRemovalButNoOtherSource() {
    load(OSV, "h1", record(1, 0), record(2, 0));
    load("nvd", "h-nvd", NVD_CVE);

    List<String> removed = db.advisoryStore().remove(OSV, LATER);

    assertThat(removed).containsExactlyInAnyOrder("PYSEC-2025-1", "PYSEC-2025-2");
    assertThat(db.advisoryStore().count(OSV)).isZero();
    assertThat(db.feedVersionStore().current(OSV)).isEmpty();
    assertThat(db.feedVersionStore().changes(OSV, "removed@" + LATER)).extracting(FeedChange::kind)
        .containsOnly(FeedChange.Kind.REMOVED).hasSize(2);
    assertThat(db.advisoryStore().count("nvd")).isEqualTo(1);
    assertThat(rows("affected_packages")).isEqualTo(1);
  }

  @Test
  void removingASourceNotesItsPendingRematchInTheRemovingTransaction() {
    load(OSV, "h1", record(1, 0), record(2, 0));
    db.matchBacklog().pendingRematches().forEach(db.matchBacklog()::rematchDone);

    db.advisoryStore().remove(OSV, LATER);

    assertThat(db.matchBacklog().pendingRematches())
        .extracting(org.patchwarden.match.PendingRematch::source, org.patchwarden.match.PendingRematch::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OSV, "removed@" + LATER));
  }

  FeedUpdate load(String feed, String hash, AdvisoryRecord... records) {
    return db.advisoryStore().replace(snapshot("", List.of(records)), new FeedDocument(feed, feed, hash, LOADED));
  }

  @Test
  void keepsEveryFieldOfRichRecordsExactly() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA);

    assertThat(db.advisoryStore().record("nvd", "CVE-2024-3094")).contains(NVD_CVE);
    assertThat(db.advisoryStore().record(OSV, "GHSA-rxwr-2w6q-5vvw")).contains(OSV_GHSA);
    assertThat(db.advisoryStore().record("nvd", "GHSA-rxwr-2w6q-5vvw")).isEmpty();
    assertThat(db.advisoryStore().count("nvd")).isEqualTo(1);
  }

  @Test
  void indexesAliasesAndAffectedPackagesAndRewritesThemWithTheirRecord() {
    load(OSV, "h1", OSV_GHSA);
    assertThat(packages("Debian:13", "xz-utils")).containsExactly("GHSA-rxwr-2w6q-5vvw UNFIXED");
    assertThat(rows("advisory_aliases")).isEqualTo(3);

    AdvisoryRecord fixed = new AdvisoryRecord("osv", OSV_GHSA.id(), Set.of("CVE-2024-3094"), OSV_GHSA.summary(),
        OSV_GHSA.details(), OSV_GHSA.published(), Instant.parse("2024-04-02T00:00:00Z"), false,
        List.of(new AffectedPackage("Debian:13", "xz-utils", null, AffectedStatus.AFFECTED,
            List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
                new OsvEvent(OsvEvent.Kind.FIXED, "5.6.1+really5.4.5-1")))), List.of(), "")),
        OSV_GHSA.severities(), OSV_GHSA.cwes(), OSV_GHSA.references());
    assertThat(load(OSV, "h2", fixed).updated()).isEqualTo(1);
    assertThat(packages("Debian:13", "xz-utils")).containsExactly("GHSA-rxwr-2w6q-5vvw AFFECTED");
    assertThat(packages("PyPI", "xz-py")).isEmpty();
    assertThat(rows("advisory_aliases")).isEqualTo(1);

    assertThat(load(OSV, "h3").removed()).isEqualTo(1);
    assertThat(rows("advisory_aliases")).isZero();
    assertThat(rows("affected_packages")).isZero();
  }

  @Test
  void findsTheVulnerabilityByAnyIdMergedAcrossFeeds() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA);

    for (String id : List.of("CVE-2024-3094", "GHSA-rxwr-2w6q-5vvw", "PYSEC-2024-1")) {
      Advisory a = db.advisoryStore().find(id).orElseThrow();
      assertThat(a.id()).isEqualTo("CVE-2024-3094");
      assertThat(a.ids()).containsExactlyInAnyOrder("CVE-2024-3094", "GHSA-rxwr-2w6q-5vvw", "PYSEC-2024-1",
          "BIT-xz-2024-3094");
      assertThat(a.records()).containsExactly(NVD_CVE, OSV_GHSA);
    }
    assertThat(db.advisoryStore().find("CVE-1999-0001")).isEmpty();
  }

  @Test
  void theSameRecordHeldByTwoFeedsCountsOnceInTheAdvisory() {
    load(OSV, "h1", OSV_GHSA);
    load("osv:Debian", "h2", OSV_GHSA);

    assertThat(db.advisoryStore().find("CVE-2024-3094").orElseThrow().records()).containsExactly(OSV_GHSA);
  }

  @Test
  void followsAliasesAtMostThreeHops() {
    // A chain X-0 → X-1 → … → X-5, each record naming the next as alias.
    List<AdvisoryRecord> chain = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      chain.add(advisory("X-" + i, "X-" + (i + 1)));
    }
    load("nvd", "h", chain.toArray(AdvisoryRecord[]::new));

    Advisory a = db.advisoryStore().find("X-0").orElseThrow();
    assertThat(a.records()).extracting(AdvisoryRecord::id).containsExactly("X-0", "X-1", "X-2");
  }

  @Test
  void gathersAtMostTwoHundredRecords() {
    List<AdvisoryRecord> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(advisory("GHSA-%04d".formatted(i), "CVE-2025-0001"));
    }
    load(OSV, "h", many.toArray(AdvisoryRecord[]::new));

    Advisory a = db.advisoryStore().find("CVE-2025-0001").orElseThrow();
    assertThat(a.records()).hasSize(JdbiAdvisoryStore.MAX_RECORDS);
    assertThat(a.records().get(0).id()).isEqualTo("GHSA-0000");
  }

  @Test
  void findAllAnswersForEachIdWhatFindAnswersWithinTheSameBounds() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA);
    List<AdvisoryRecord> chain = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      chain.add(advisory("X-" + i, "X-" + (i + 1)));
    }
    List<AdvisoryRecord> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(advisory("GHSA-%04d".formatted(i), "CVE-2025-0001"));
    }
    load("osv:Go", "h-chain", chain.toArray(AdvisoryRecord[]::new));
    load("osv:npm", "h-many", many.toArray(AdvisoryRecord[]::new));
    List<String> ids = List.of("CVE-2024-3094", "GHSA-rxwr-2w6q-5vvw", "PYSEC-2024-1", "CVE-1999-0001", "X-0", "X-3",
        "CVE-2025-0001", "GHSA-0007", "GHSA-0249");

    var all = db.advisoryStore().findAll(ids);

    assertThat(all).containsOnlyKeys(ids);
    for (String id : ids) {
      assertThat(all.get(id)).as(id).isEqualTo(db.advisoryStore().find(id));
    }
    assertThat(all.get("X-0").orElseThrow().records()).extracting(AdvisoryRecord::id).containsExactly("X-0", "X-1", "X-2");
    assertThat(all.get("CVE-2025-0001").orElseThrow().records()).hasSize(JdbiAdvisoryStore.MAX_RECORDS);
  }

  @Test
  void findAllForAssessmentIsFindAllWithTheRecordsCutToWhatAnAssessmentReads() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA);
    List<AdvisoryRecord> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(advisory("GHSA-%04d".formatted(i), "CVE-2025-0001"));
    }
    load("osv:npm", "h-many", many.toArray(AdvisoryRecord[]::new));
    List<String> ids = List.of("CVE-2024-3094", "GHSA-rxwr-2w6q-5vvw", "PYSEC-2024-1", "CVE-1999-0001",
        "CVE-2025-0001", "GHSA-0249");

    var brief = db.advisoryStore().findAllForAssessment(ids);

    var whole = db.advisoryStore().findAll(ids);
    assertThat(brief).containsOnlyKeys(ids);
    for (String id : ids) {
      assertThat(brief.get(id)).as(id).isEqualTo(whole.get(id).map(a -> new org.patchwarden.advisory.Advisory(a.id(),
          a.ids(), a.records().stream().map(RecordJson::forAssessment).toList())));
    }
    assertThat(brief.get("CVE-2024-3094").orElseThrow().records()).allSatisfy(r -> {
      assertThat(r.affected()).isEmpty();
      assertThat(r.severities()).isNotEmpty();
    });
  }

  @Test
  void forEachRecordStreamsEveryRecordOfEverySourceWithItsFeed() {
    int size = 2_500; // more than one fetch of rows
    FeedSnapshot<AdvisoryRecord> generated = sink -> {
      for (int n = 0; n < size; n++) {
        sink.accept(record(n, 0));
      }
      return new org.patchwarden.feed.FeedHeader("big", RELEASED);
    };
    db.advisoryStore().replace(generated, new FeedDocument(OSV, OSV, "h-big", LOADED));
    load("nvd", "h-nvd", NVD_CVE);
    load("osv:Debian", "h-deb", OSV_GHSA);

    Map<String, Integer> perFeed = new TreeMap<>();
    List<AdvisoryRecord> nvd = new ArrayList<>();
    db.advisoryStore().forEachRecord((feed, r) -> {
      perFeed.merge(feed, 1, Integer::sum);
      if (feed.equals("nvd")) {
        nvd.add(r);
      }
    });

    assertThat(perFeed).containsExactly(Map.entry("nvd", 1), Map.entry("osv:Debian", 1), Map.entry(OSV, size));
    assertThat(perFeed.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(
        db.advisoryStore().count("nvd") + db.advisoryStore().count("osv:Debian") + db.advisoryStore().count(OSV));
    assertThat(nvd).containsExactly(NVD_CVE);
  }

  @Test
  void forEachRecordOfAnEmptyStoreCallsNothing() {
    db.advisoryStore().forEachRecord((feed, r) -> {
      throw new AssertionError("no record expected, got " + feed + " " + r.id());
    });
  }

  @Test
  void theSinkOfForEachRecordMayWriteToTheDatabaseMeanwhile() {
    load(OSV, "h", record(1, 0), record(2, 0), record(3, 0));
    List<String> seen = new ArrayList<>();

    // A matcher may store what it learns while records still stream: the read must not hold a lock
    // that keeps writers out.
    db.advisoryStore().forEachRecord((feed, r) -> {
      db.assetStore().save(new org.patchwarden.inventory.Asset("host-" + r.id(),
          org.patchwarden.inventory.AssetKind.HOST, "test", "", 4, false, Set.of()));
      seen.add(r.id());
    });

    assertThat(seen).containsExactlyInAnyOrder("PYSEC-2025-1", "PYSEC-2025-2", "PYSEC-2025-3");
    assertThat(db.assetStore().list()).hasSize(3);
  }

  @Test
  void anExceptionOfTheSinkEndsForEachRecordAndReachesTheCaller() {
    load(OSV, "h", record(1, 0), record(2, 0));
    List<String> seen = new ArrayList<>();

    assertThatThrownBy(() -> db.advisoryStore().forEachRecord((feed, r) -> {
      seen.add(r.id());
      throw new IllegalStateException("index full at " + r.id());
    })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("index full at PYSEC-2025-");
    assertThat(seen).hasSize(1);
    assertThat(db.advisoryStore().count(OSV)).isEqualTo(2);
  }

  @Test
  void recordsByIdComeFromEverySourceOrderedByIdThenFeed() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA, record(7, 0));
    load("osv:Debian", "h-deb", OSV_GHSA);

    assertThat(db.advisoryStore().records(List.of("GHSA-rxwr-2w6q-5vvw", "CVE-2024-3094", "PYSEC-2025-7",
        "CVE-2024-3094", "CVE-1999-0001")))
        .containsExactly(new FeedRecord("nvd", NVD_CVE), new FeedRecord("osv:Debian", OSV_GHSA),
            new FeedRecord(OSV, OSV_GHSA), new FeedRecord(OSV, record(7, 0)));
    // Ids only: an alias (PYSEC-2024-1 of the GHSA) is not an id.
    assertThat(db.advisoryStore().records(List.of("PYSEC-2024-1"))).isEmpty();
    assertThat(db.advisoryStore().records(List.of())).isEmpty();
  }

  @Test
  void recordsByManyIdsAreFetchedInBatches() {
    List<AdvisoryRecord> many = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int n = 0; n < 1_200; n++) {
      many.add(record(n, 0));
      ids.add(record(n, 0).id());
      ids.add("GHSA-missing-" + n);
    }
    load(OSV, "h", many.toArray(AdvisoryRecord[]::new));

    List<AdvisoryRecord> found = db.advisoryStore().records(ids).stream().map(FeedRecord::record).toList();

    assertThat(db.advisoryStore().records(ids)).allSatisfy(r -> assertThat(r.feed()).isEqualTo(OSV));
    assertThat(found).hasSize(1_200).containsExactlyInAnyOrderElementsOf(many);
    assertThat(found).extracting(AdvisoryRecord::id).isSorted();
  }

  /** Real PyPI names as OSV spells them, with a separator or capitals the matcher's keys drop. */
  static final AdvisoryRecord PYPI_NAMES = new AdvisoryRecord("osv", "PYSEC-2019-217", Set.of("CVE-2019-10906"), "",
      "", null, null, false,
      List.of(fixedIn("PyPI", "Jinja2", "2.10.1"), fixedIn("PyPI", "zope.interface", "5.0.0"),
          fixedIn("PyPI", "typing_extensions", "4.0.0")),
      List.of(), List.of(), List.of());

  static AffectedPackage fixedIn(String ecosystem, String name, String fixed) {
    return new AffectedPackage(ecosystem, name, null, AffectedStatus.AFFECTED, List.of(new AffectedRange.Events(
        "ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, fixed)))),
        List.of(), "");
  }

  static AdvisoryRecord naming(String id, boolean withdrawn, AffectedPackage... affected) {
    return new AdvisoryRecord("osv", id, Set.of(), "", "", null, null, withdrawn, List.of(affected), List.of(),
        List.of(), List.of());
  }

  Map<String, List<String>> naming(java.util.Collection<String> names) {
    Map<String, List<String>> found = new TreeMap<>();
    db.advisoryStore().forEachRecordNaming(names,
        (feed, r) -> found.computeIfAbsent(feed, k -> new ArrayList<>()).add(r.id()));
    found.values().forEach(java.util.Collections::sort);
    return found;
  }

  @Test
  void forEachRecordNamingFindsPyPiRecordsByTheirNormalizedNames() {
    load(OSV, "h", PYPI_NAMES, record(1, 0));

    assertThat(naming(List.of("jinja2"))).containsExactly(Map.entry(OSV, List.of("PYSEC-2019-217")));
    assertThat(naming(List.of("zope-interface"))).containsExactly(Map.entry(OSV, List.of("PYSEC-2019-217")));
    assertThat(naming(List.of("typing-extensions"))).containsExactly(Map.entry(OSV, List.of("PYSEC-2019-217")));
    // the names as the source spells them are not match names
    assertThat(naming(List.of("Jinja2", "zope.interface", "typing_extensions"))).isEmpty();
    assertThat(naming(List.of("package-1"))).containsExactly(Map.entry(OSV, List.of("PYSEC-2025-1")));
    List<AdvisoryRecord> sent = new ArrayList<>();
    db.advisoryStore().forEachRecordNaming(List.of("jinja2"), (feed, r) -> sent.add(r));
    assertThat(sent).containsExactly(PYPI_NAMES);
  }

  @Test
  void forEachRecordNamingSendsEachRecordOnceWithItsFeedWhateverTheEcosystem() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA, PYPI_NAMES, record(1, 0),
        naming("UBUNTU-CVE-2024-3094", false, fixedIn("Ubuntu:22.04:LTS", "xz-utils", "5.2.5-2ubuntu1.1"),
            fixedIn("Ubuntu:24.04:LTS", "xz-utils", "5.4.5-0.2ubuntu1")));
    load("osv:Debian", "h-deb", OSV_GHSA);

    // names of several ecosystems and of several packages of one record; the record comes once
    assertThat(naming(List.of("xz-utils", "xz-py", "jinja2", "zope-interface", "tukaani:xz", "absent")))
        .containsExactly(Map.entry("nvd", List.of("CVE-2024-3094")),
            Map.entry("osv:Debian", List.of("GHSA-rxwr-2w6q-5vvw")),
            Map.entry(OSV, List.of("GHSA-rxwr-2w6q-5vvw", "PYSEC-2019-217", "UBUNTU-CVE-2024-3094")));
    assertThat(naming(List.of())).isEmpty();
    assertThat(naming(List.of("absent"))).isEmpty();
  }

  Map<String, List<String>> naming(java.util.Collection<String> keys, java.util.Collection<String> names) {
    Map<String, List<String>> found = new TreeMap<>();
    db.advisoryStore().forEachRecordNaming(keys, names,
        (feed, r) -> found.computeIfAbsent(feed, k -> new ArrayList<>()).add(r.id()));
    found.values().forEach(java.util.Collections::sort);
    return found;
  }

  @Test
  void forEachRecordNamingWithinEcosystemsLeavesOutOtherReleasesAndEcosystems() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA, PYPI_NAMES,
        naming("UBUNTU-CVE-2024-3094", false, fixedIn("Ubuntu:22.04:LTS", "xz-utils", "5.2.5-2ubuntu1.1")),
        naming("DSA-5000-1", false, fixedIn("Debian:11", "xz-utils", "5.2.5-2.1~deb11u1"),
            fixedIn("Debian:11", "jinja2", "2.11.3-1+deb11u1")));

    assertThat(naming(List.of("ubuntu:22.04"), List.of("xz-utils")))
        .containsExactly(Map.entry(OSV, List.of("UBUNTU-CVE-2024-3094")));
    assertThat(naming(List.of("debian:12", "debian:13"), List.of("xz-utils")))
        .containsExactly(Map.entry(OSV, List.of("GHSA-rxwr-2w6q-5vvw")));
    // any pairing of the keys and names: Debian 11's jinja2 source package, PyPI's Jinja2
    assertThat(naming(List.of("pypi", "debian:11"), List.of("jinja2", "tukaani:xz")))
        .containsExactly(Map.entry(OSV, List.of("DSA-5000-1", "PYSEC-2019-217")));
    assertThat(naming(List.of("cpe"), List.of("tukaani:xz"))).containsExactly(Map.entry("nvd", List.of("CVE-2024-3094")));
    assertThat(naming(List.of(), List.of("xz-utils"))).isEmpty();
    assertThat(naming(List.of("debian:11"), List.of())).isEmpty();
  }

  @Test
  void forEachRecordNamingQueriesManyNamesInBatchesAndStillSendsEachRecordOnce() {
    List<AdvisoryRecord> many = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int n = 0; n < 1_200; n++) {
      many.add(record(n, 0));
      names.add("package-" + n);
      names.add("missing-" + n);
    }
    // named by one name of the first batch of 500 (sorted: "missing-…" first) and one of the last
    many.add(naming("GHSA-both-ends", false, fixedIn("PyPI", "missing-0", "1.0"), fixedIn("PyPI", "package-999", "1.0")));
    load(OSV, "h", many.toArray(AdvisoryRecord[]::new));

    List<String> ids = new ArrayList<>();
    db.advisoryStore().forEachRecordNaming(names, (feed, r) -> ids.add(r.id()));

    assertThat(ids).hasSize(1_201).doesNotHaveDuplicates().contains("GHSA-both-ends", "PYSEC-2025-0", "PYSEC-2025-1199");
  }

  @Test
  void forEachRecordNamingSendsWithdrawnRecordsAsForEachRecordDoes() {
    load(OSV, "h", naming("PYSEC-2020-1", true, fixedIn("PyPI", "requests", "2.20.0")));
    assertThat(naming(List.of("requests"))).containsExactly(Map.entry(OSV, List.of("PYSEC-2020-1")));
  }

  @Test
  void anExceptionOfTheSinkEndsForEachRecordNamingAndReachesTheCaller() {
    load(OSV, "h", record(1, 0), record(2, 0));
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(() -> db.advisoryStore().forEachRecordNaming(List.of("package-1", "package-2"), (feed, r) -> {
      seen.add(r.id());
      throw new IllegalStateException("stop at " + r.id());
    })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("stop at PYSEC-2025-");
    assertThat(seen).hasSize(1);
  }

  @Test
  void affectedPackageCountsCountPackagesOfCurrentRecordsThatAreNotWithdrawnByEcosystemKey() {
    assertThat(db.advisoryStore().affectedPackageCounts()).isEmpty();
    load("nvd", "h-nvd", NVD_CVE);
    load("cve5", "h-cve5", naming("CVE-2024-3400", false, new AffectedPackage("vendor", "Palo Alto Networks:PAN-OS",
        null, AffectedStatus.AFFECTED, List.of(), List.of("11.1.0"), "")));
    load(OSV, "h-osv", OSV_GHSA, PYPI_NAMES,
        naming("UBUNTU-CVE-2024-3094", false, fixedIn("Ubuntu:22.04:LTS", "xz-utils", "5.2.5-2ubuntu1.1"),
            fixedIn("Ubuntu:22.04", "liblzma5", "5.2.5-2ubuntu1.1")),
        naming("PYSEC-2020-1", true, fixedIn("PyPI", "requests", "2.20.0")));

    assertThat(db.advisoryStore().affectedPackageCounts()).isEqualTo(Map.of("cpe", 2, "pypi", 4, "debian:12", 1,
        "debian:13", 1, "ubuntu:22.04", 2));

    load(OSV, "h-osv-2", PYPI_NAMES);
    assertThat(db.advisoryStore().affectedPackageCounts()).isEqualTo(Map.of("cpe", 2, "pypi", 3));
  }

  @Test
  void knownCpeVendorsAreTheReducedVendorsOfCurrentCpeAndVendorEntries() {
    List<String> asked = List.of("paloaltonetworks", "tukaani", "fortinet", "palo", "p%", "");
    assertThat(db.advisoryStore().knownCpeVendors(asked)).isEmpty();
    load("nvd", "h-nvd", NVD_CVE);
    load("cve5", "h-cve5", naming("CVE-2024-3400", false, new AffectedPackage("vendor", "Palo Alto Networks:PAN-OS",
        null, AffectedStatus.AFFECTED, List.of(), List.of("11.1.0"), "")));
    assertThat(db.advisoryStore().knownCpeVendors(asked)).containsExactlyInAnyOrder("paloaltonetworks", "tukaani");
  }

  @Test
  void affectedPackageCountsAreTheEntryCountsOfAnIndexOfEveryRecord() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA, PYPI_NAMES, record(1, 0), record(2, 2),
        naming("UBUNTU-CVE-2024-3094", false, fixedIn("Ubuntu:22.04:LTS", "xz-utils", "5.2.5-2ubuntu1.1")));
    org.patchwarden.match.AdvisoryIndex all = org.patchwarden.match.AdvisoryIndex.of(db.advisoryStore());

    Map<String, Integer> counts = db.advisoryStore().affectedPackageCounts();

    assertThat(counts.keySet()).isEqualTo(all.ecosystems());
    counts.forEach((key, n) -> assertThat(all.entryCount(key)).as(key).isEqualTo(n));
  }

  @Test
  void anIndexOfTheRecordsNamingSomeInventoriesMatchesThemAsTheIndexOfEveryRecord() {
    load("nvd", "h-nvd", NVD_CVE);
    load(OSV, "h-osv", OSV_GHSA, PYPI_NAMES, record(1, 0), record(2, 2), record(3, 0),
        naming("UBUNTU-CVE-2024-3094", false, fixedIn("Ubuntu:22.04:LTS", "xz-utils", "5.2.5-2ubuntu1.1")));
    load("osv:Debian", "h-deb", OSV_GHSA);
    java.util.function.BiFunction<String, String, org.patchwarden.inventory.OsRelease> os =
        (id, version) -> new org.patchwarden.inventory.OsRelease(id, version, "", "");
    List<org.patchwarden.inventory.Inventory> inventories = List.of(
        inventory("trixie-1", os.apply("debian", "13"), deb("liblzma5", "5.6.0-0.2", "xz-utils"),
            org.patchwarden.inventory.InstalledPackage.of("pypi", "Jinja2", "2.10"),
            org.patchwarden.inventory.InstalledPackage.of("pypi", "Zope_Interface", "4.7.1")),
        inventory("bookworm-1", os.apply("debian", "12"), deb("xz-utils", "5.4.1-0.2", "")),
        inventory("jammy-1", os.apply("ubuntu", "22.04"), deb("liblzma5", "5.2.5-2ubuntu1", "xz-utils")),
        inventory("appliance-1", null, org.patchwarden.inventory.InstalledPackage.of("cpe", "tukaani:xz", "5.6.1"),
            org.patchwarden.inventory.InstalledPackage.of("pypi", "package-1", "0.9"),
            org.patchwarden.inventory.InstalledPackage.of("pypi", "package-2", "1.0")));
    org.patchwarden.match.AdvisoryIndex all = org.patchwarden.match.AdvisoryIndex.of(db.advisoryStore());

    org.patchwarden.match.MatchResult expected = new org.patchwarden.match.FleetMatcher(all).match(inventories);
    org.patchwarden.match.AdvisoryIndex own =
        org.patchwarden.match.AdvisoryIndex.forInventories(db.advisoryStore(), inventories);

    assertThat(new org.patchwarden.match.FleetMatcher(own).match(inventories)).isEqualTo(expected);
    assertThat(expected.findings()).extracting(org.patchwarden.match.Finding::advisoryId).containsExactlyInAnyOrder(
        "GHSA-rxwr-2w6q-5vvw", "GHSA-rxwr-2w6q-5vvw", "PYSEC-2019-217", "PYSEC-2019-217", "UBUNTU-CVE-2024-3094",
        "CVE-2024-3094", "PYSEC-2025-1");
    for (org.patchwarden.inventory.Inventory inv : inventories) {
      assertThat(new org.patchwarden.match.Matcher(
          org.patchwarden.match.AdvisoryIndex.forInventories(db.advisoryStore(), List.of(inv))).match(inv))
          .as(inv.assetName()).isEqualTo(new org.patchwarden.match.Matcher(all).match(inv));
    }
    assertThat(own.records()).isLessThan(all.records()); // PYSEC-2025-3 names no package of theirs
  }

  static org.patchwarden.inventory.Inventory inventory(String name, org.patchwarden.inventory.OsRelease os,
      org.patchwarden.inventory.InstalledPackage... packages) {
    return new org.patchwarden.inventory.Inventory(name, 1, LOADED, os, List.of(packages));
  }

  static org.patchwarden.inventory.InstalledPackage deb(String name, String version, String source) {
    return new org.patchwarden.inventory.InstalledPackage("deb", name, version, source, "", "amd64", "");
  }

  static AdvisoryRecord advisory(String id, String alias) {
    return new AdvisoryRecord("test", id, Set.of(alias), "", "", null, null, false, List.of(), List.of(), List.of(),
        List.of());
  }

  List<String> packages(String ecosystem, String name) {
    return db.jdbi().withHandle(h -> h.createQuery(
            "SELECT id, status FROM affected_packages WHERE ecosystem = :e AND name = :n ORDER BY id, position")
        .bind("e", ecosystem).bind("n", name)
        .map((rs, ctx) -> rs.getString("id") + " " + rs.getString("status"))
        .list());
  }
}
