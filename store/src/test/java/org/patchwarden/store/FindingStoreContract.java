package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.patchwarden.match.OpenCount;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.TrackedFinding;

/**
 * What every {@link FindingStore} must do, on every database. The advisories are real DSAs of
 * bullseye (Debian security tracker, data/DSA/list) with their CVE aliases and fixed versions.
 */
abstract class FindingStoreContract extends DatabaseContract {
  static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-02T10:00:00Z");
  static final Instant T3 = Instant.parse("2026-11-03T10:00:00Z");
  static final String DSA = "debian-dsa";

  static final InstalledPackage LIBSSL = new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u1", "openssl", "",
      "amd64", "pkg:deb/debian/libssl1.1@1.1.1n-0+deb11u1?arch=amd64&distro=debian-11");
  static final InstalledPackage CURL = new InstalledPackage("deb", "curl", "7.74.0-1.3+deb11u1", "", "", "amd64",
      "pkg:deb/debian/curl@7.74.0-1.3+deb11u1?arch=amd64&distro=debian-11");
  static final InstalledPackage WAITRESS = new InstalledPackage("pypi", "waitress", "2.1.0", "", "", "",
      "pkg:pypi/waitress@2.1.0");

  FindingStore store;

  @BeforeEach
  void assets() {
    for (String name : List.of("web-01", "web-02", "build-01")) {
      db.assetStore().save(new Asset(name, AssetKind.HOST, "production", "platform", 2, false, Set.of()));
    }
    store = db.findingStore();
  }

  /** DSA-5139-1: openssl, CVE-2022-1292, fixed in bullseye by 1.1.1n-0+deb11u2. */
  static Finding dsa5139(String asset) {
    return debian(asset, LIBSSL, "DSA-5139-1", Set.of("CVE-2022-1292"), "1.1.1n-0+deb11u2");
  }

  /** DSA-5169-1: openssl, CVE-2022-2068, fixed in bullseye by 1.1.1n-0+deb11u3. */
  static Finding dsa5169(String asset) {
    return debian(asset, LIBSSL, "DSA-5169-1", Set.of("CVE-2022-2068"), "1.1.1n-0+deb11u3");
  }

  /** DSA-5197-1: curl, fifteen CVEs, fixed in bullseye by 7.74.0-1.3+deb11u2. */
  static Finding dsa5197(String asset) {
    return debian(asset, CURL, "DSA-5197-1", Set.of("CVE-2021-22898", "CVE-2021-22924", "CVE-2022-27774",
        "CVE-2022-32208"), "7.74.0-1.3+deb11u2");
  }

  /** GHSA-4f7p-27jc-3c36 (waitress request smuggling), PyPI, fixed in 2.1.1. */
  static Finding waitress(String asset) {
    return new Finding(asset, WAITRESS, "GHSA-4f7p-27jc-3c36", Set.of("CVE-2022-24761", "PYSEC-2022-20"),
        "osv:PyPI", "PyPI", "waitress", "2.1.0", AffectedStatus.AFFECTED, "introduced 0, fixed 2.1.1", "2.1.1",
        Confidence.CONFIRMED);
  }

  static Finding debian(String asset, InstalledPackage installed, String dsa, Set<String> aliases, String fixed) {
    return new Finding(asset, installed, dsa, aliases, DSA, "Debian:11", installed.effectiveSourceName(),
        installed.effectiveSourceVersion(), AffectedStatus.AFFECTED, "fixed in bullseye by " + fixed, fixed,
        Confidence.CONFIRMED);
  }

  static TrackedFinding open(Finding f, Instant firstSeen, Instant lastSeen) {
    return new TrackedFinding(f, FindingStatus.OPEN, firstSeen, lastSeen, null, 0);
  }

  List<TrackedFinding> all() {
    return store.list(FindingFilter.all());
  }

  TrackedFinding only(FindingFilter filter) {
    List<TrackedFinding> found = store.list(filter);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  static FindingFilter ofAdvisory(String advisory) {
    return new FindingFilter(null, null, advisory, null);
  }

  long evidenceRows() {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM finding_evidence").mapTo(Long.class).one());
  }

  @Test
  void theSameFindingOnEveryAssetKeepsOneRowOfEvidence() {
    store.recordScans(T1, List.of(new FindingStore.AssetScan("web-01", 1, List.of(dsa5139("web-01"), dsa5197("web-01"))),
        new FindingStore.AssetScan("web-02", 1, List.of(dsa5139("web-02"), dsa5197("web-02")))));
    store.recordScan("build-01", 1, T2, List.of(dsa5139("build-01")));

    assertThat(evidenceRows()).isEqualTo(2);
    assertThat(all()).extracting(TrackedFinding::finding).containsExactlyInAnyOrder(dsa5139("web-01"),
        dsa5197("web-01"), dsa5139("web-02"), dsa5197("web-02"), dsa5139("build-01"));
  }

  @Test
  void evidenceNoFindingRefersToAnyMoreIsDeletedAndEvidenceStillReferredToIsKept() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5139("web-02")));
    InstalledPackage rebuilt = new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u1+b1", "openssl",
        "1.1.1n-0+deb11u1", "amd64", "pkg:deb/debian/libssl1.1@1.1.1n-0+deb11u1%2Bb1?arch=amd64&distro=debian-11");
    Finding onRebuilt = debian("web-01", rebuilt, "DSA-5139-1", Set.of("CVE-2022-1292"), "1.1.1n-0+deb11u2");

    store.recordScan("web-01", 2, T2, List.of(onRebuilt));
    assertThat(evidenceRows()).as("web-02 still refers to the first").isEqualTo(2);
    store.recordScan("web-02", 2, T2, List.of(debian("web-02", rebuilt, "DSA-5139-1", Set.of("CVE-2022-1292"),
        "1.1.1n-0+deb11u2")));
    assertThat(evidenceRows()).isEqualTo(1);
    assertThat(only(new FindingFilter("web-01", null, null, null)).finding()).isEqualTo(onRebuilt);
    assertThat(only(new FindingFilter("web-01", null, null, null)).firstSeen()).isEqualTo(T1);
  }

  @Test
  void openFindingsGivesEachAssetItsOpenAndMarkedFindingsButNotTheFixedOnes() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5197("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5169("web-02")));
    store.recordScan("web-02", 2, T2, List.of());
    store.markNotAffected(FindingKey.of(dsa5197("web-01")), NOT_LOADED);

    var open = store.openFindings(List.of("web-01", "web-02", "build-01"));

    assertThat(open).containsOnlyKeys("web-01", "web-02", "build-01");
    assertThat(open.get("web-01")).extracting(TrackedFinding::finding)
        .containsExactlyInAnyOrder(dsa5139("web-01"), dsa5197("web-01"));
    assertThat(open.get("web-01")).extracting(TrackedFinding::status)
        .containsExactlyInAnyOrder(FindingStatus.OPEN, FindingStatus.NOT_AFFECTED);
    assertThat(open.get("web-02")).as("fixed by revision 2").isEmpty();
    assertThat(open.get("build-01")).isEmpty();
  }

  @Test
  void listOfGivesWhatListingEachAssetGivesInAnyStatus() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5197("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5169("web-02")));
    store.recordScan("web-02", 2, T2, List.of());
    store.markNotAffected(FindingKey.of(dsa5197("web-01")), NOT_LOADED);

    List<TrackedFinding> each = new java.util.ArrayList<>();
    for (String name : List.of("web-01", "web-02")) {
      each.addAll(store.list(new FindingFilter(name, null, null, null)));
    }

    assertThat(store.listOf(List.of("web-02", "web-01", "build-01"))).containsExactlyInAnyOrderElementsOf(each)
        .hasSize(3);
  }

  @Test
  void openCountsEqualWhatReadingTheOpenFindingsBackCounts() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5197("web-01"), waitress("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5169("web-02")));
    store.recordScan("web-02", 2, T2, List.of());
    store.markNotAffected(FindingKey.of(dsa5197("web-01")), NOT_LOADED);
    // KEV-listed: DSA-5197-1 by one of its aliases, the GHSA by its advisory id
    Set<String> kev = Set.of("CVE-2022-27774", "GHSA-4f7p-27jc-3c36", "CVE-1999-0001");
    List<String> names = List.of("web-01", "web-02", "build-01");

    var counted = store.openCounts(names, kev);

    assertThat(counted).containsOnlyKeys("web-01").containsEntry("web-01", new OpenCount(3, 1, 2));
    var readBack = new java.util.HashMap<String, OpenCount>();
    store.openFindings(names).forEach((n, open) -> {
      if (!open.isEmpty()) {
        readBack.put(n, OpenCount.of(open, kev));
      }
    });
    assertThat(counted).isEqualTo(readBack);
    assertThat(store.openCounts(names, Set.of())).containsEntry("web-01", new OpenCount(3, 1, 0));
  }

  @Test
  void aFirstScanOpensEveryFindingWithItsEvidence() {
    FindingsUpdate update = store.recordScan("web-01", 1, T1,
        List.of(dsa5197("web-01"), dsa5139("web-01"), dsa5169("web-01"), waitress("web-01")));

    assertThat(update).isEqualTo(new FindingsUpdate(4, 0, 0));
    assertThat(all()).containsExactly(
        open(dsa5197("web-01"), T1, T1),
        open(dsa5139("web-01"), T1, T1),
        open(dsa5169("web-01"), T1, T1),
        open(waitress("web-01"), T1, T1));
  }

  @Test
  void aRescanFixesWhatIsGoneAndKeepsFirstSeenOfWhatIsStillThere() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5169("web-01"), dsa5197("web-01")));

    // openssl upgraded to deb11u2: DSA-5139-1 is fixed, DSA-5169-1 still applies to the new version.
    InstalledPackage upgraded = new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u2", "openssl", "", "amd64",
        "pkg:deb/debian/libssl1.1@1.1.1n-0+deb11u2?arch=amd64&distro=debian-11");
    Finding stillThere = debian("web-01", upgraded, "DSA-5169-1", Set.of("CVE-2022-2068"), "1.1.1n-0+deb11u3");
    FindingsUpdate update = store.recordScan("web-01", 2, T2, List.of(stillThere, dsa5197("web-01")));

    assertThat(update).isEqualTo(new FindingsUpdate(0, 2, 1));
    assertThat(all()).containsExactly(
        open(dsa5197("web-01"), T1, T2),
        new TrackedFinding(dsa5139("web-01"), FindingStatus.FIXED, T1, T1, T2, 2),
        open(stillThere, T1, T2));
  }

  @Test
  void aFixedFindingFoundAgainReopensAndKeepsItsFirstSeen() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.recordScan("web-01", 2, T2, List.of());
    assertThat(only(FindingFilter.all()).status()).isEqualTo(FindingStatus.FIXED);

    // curl downgraded from a snapshot: the fix is gone again, and the exposure dates from T1.
    FindingsUpdate update = store.recordScan("web-01", 3, T3, List.of(dsa5197("web-01")));

    assertThat(update).isEqualTo(new FindingsUpdate(1, 0, 0, 1, 0));
    assertThat(all()).containsExactly(open(dsa5197("web-01"), T1, T3));
  }

  @Test
  void aFindingRetractedByAFeedAccidentAndReAddedKeepsItsFirstSeen() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    // The DSA list lost DSA-5197-1 for one load, and got it back at the next.
    store.recordRematch(List.of("DSA-5197-1"), T2, List.of());
    assertThat(only(FindingFilter.all()).status()).isEqualTo(FindingStatus.RETRACTED);

    FindingsUpdate update = store.recordRematch(List.of("DSA-5197-1"), T3, List.of(dsa5197("web-01")));

    assertThat(update).isEqualTo(new FindingsUpdate(1, 0, 0, 1, 0));
    assertThat(all()).containsExactly(open(dsa5197("web-01"), T1, T3));
  }

  @Test
  void aFixedFindingNotFoundAgainStaysAsItWas() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.recordScan("web-01", 2, T2, List.of());
    FindingsUpdate update = store.recordScan("web-01", 3, T3, List.of());

    assertThat(update).isEqualTo(new FindingsUpdate(0, 0, 0));
    assertThat(all()).containsExactly(new TrackedFinding(dsa5197("web-01"), FindingStatus.FIXED, T1, T1, T2, 2));
  }

  @Test
  void aScanTouchesOnlyItsOwnAsset() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5197("web-02")));

    store.recordScan("web-01", 2, T2, List.of());

    assertThat(only(new FindingFilter("web-02", null, null, null))).isEqualTo(open(dsa5197("web-02"), T1, T1));
    assertThat(only(new FindingFilter("web-01", null, null, null)).status()).isEqualTo(FindingStatus.FIXED);
  }

  @Test
  void theSameAdvisoryFromTwoFeedsIsTrackedAsTwoFindings() {
    Finding fromOsv = new Finding("web-01", CURL, "DSA-5197-1", dsa5197("web-01").aliases(), "osv:Debian",
        "Debian:11", "curl", CURL.version(), AffectedStatus.AFFECTED, "introduced 0, fixed 7.74.0-1.3+deb11u2",
        "7.74.0-1.3+deb11u2", Confidence.CONFIRMED);
    assertThat(store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01"), fromOsv)).opened()).isEqualTo(2);

    assertThat(store.recordScan("web-01", 2, T2, List.of(fromOsv))).isEqualTo(new FindingsUpdate(0, 1, 1));
    assertThat(all()).extracting(t -> t.finding().feedSource(), TrackedFinding::status).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(DSA, FindingStatus.FIXED),
        org.assertj.core.groups.Tuple.tuple("osv:Debian", FindingStatus.OPEN));
  }

  @Test
  void theSamePackageNameTwiceInOneScanCountsOnceAndKeepsTheLast() {
    // Multiarch: libssl1.1 for amd64 and i386, matched to the same advisory.
    InstalledPackage i386 = new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u1", "openssl", "", "i386", "");
    Finding second = debian("web-01", i386, "DSA-5139-1", Set.of("CVE-2022-1292"), "1.1.1n-0+deb11u2");

    FindingsUpdate update = store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), second));

    assertThat(update).isEqualTo(new FindingsUpdate(1, 0, 0));
    assertThat(all()).containsExactly(open(second, T1, T1));
  }

  @Test
  void aScanRefusesFindingsOfAnotherAssetAndStoresNothing() {
    assertThatThrownBy(() -> store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5139("web-02"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("web-01")
        .hasMessageContaining("web-02")
        .hasMessageContaining("DSA-5139-1");
    assertThat(all()).isEmpty();
  }

  @Test
  void aScanOfAnUnknownAssetIsRefused() {
    assertThatThrownBy(() -> store.recordScan("ghost", 1, T1, List.of(dsa5139("ghost"))))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("ghost");
    assertThat(all()).isEmpty();
  }

  @Test
  void scansOfSeveralAssetsRecordedTogetherEqualEachRecordedAlone() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5197("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5197("web-02")));

    // web-01 fixed openssl; web-02 gained openssl; build-01 is scanned the first time
    List<FindingsUpdate> updates = store.recordScans(T2, List.of(
        new FindingStore.AssetScan("web-01", 2, List.of(dsa5197("web-01"))),
        new FindingStore.AssetScan("web-02", 2, List.of(dsa5197("web-02"), dsa5169("web-02"))),
        new FindingStore.AssetScan("build-01", 1, List.of(waitress("build-01")))));

    assertThat(updates).containsExactly(new FindingsUpdate(0, 1, 1), new FindingsUpdate(1, 1, 0),
        new FindingsUpdate(1, 0, 0));
    assertThat(all()).containsExactlyInAnyOrder(
        open(waitress("build-01"), T2, T2),
        open(dsa5197("web-01"), T1, T2),
        new TrackedFinding(dsa5139("web-01"), FindingStatus.FIXED, T1, T1, T2, 2),
        open(dsa5197("web-02"), T1, T2),
        open(dsa5169("web-02"), T2, T2));
  }

  @Test
  void findingsFoundAgainTogetherKeepOrRewriteTheirMatchedNameAsTheNewMatchSays() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5197("web-01")));
    // libssl1.1 now built from a source package of another name: the same finding, matched by that name
    Finding renamed = new Finding("web-01", LIBSSL, "DSA-5139-1", Set.of("CVE-2022-1292"), DSA, "Debian:11",
        "openssl1.1", LIBSSL.version(), AffectedStatus.AFFECTED, "fixed in bullseye by 1.1.1n-0+deb11u2",
        "1.1.1n-0+deb11u2", Confidence.CONFIRMED);

    store.recordScans(T2, List.of(new FindingStore.AssetScan("web-01", 2, List.of(renamed, dsa5197("web-01")))));

    assertThat(all()).containsExactlyInAnyOrder(open(renamed, T1, T2), open(dsa5197("web-01"), T1, T2));
    assertThat(store.list(new FindingFilter(null, "openssl1.1", null, null))).hasSize(1);
    assertThat(store.list(new FindingFilter(null, "openssl", null, null))).isEmpty();
  }

  @Test
  void scansRecordedTogetherAreRefusedWholeForAnUnknownAssetOrOneAssetTwice() {
    assertThatThrownBy(() -> store.recordScans(T1, List.of(
        new FindingStore.AssetScan("web-01", 1, List.of(dsa5139("web-01"))),
        new FindingStore.AssetScan("ghost", 1, List.of(dsa5139("ghost"))))))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("ghost");
    assertThatThrownBy(() -> store.recordScans(T1, List.of(
        new FindingStore.AssetScan("web-01", 1, List.of(dsa5139("web-01"))),
        new FindingStore.AssetScan("web-01", 1, List.of(dsa5169("web-01"))))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("web-01");
    assertThat(all()).isEmpty();
  }

  @Test
  void aRematchRetractsOnlyOpenFindingsOfTheGivenAdvisoriesThatNoLongerMatch() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5169("web-01"), dsa5197("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5139("web-02"), dsa5197("web-02")));
    store.recordScan("build-01", 1, T1, List.of(dsa5197("build-01")));
    store.recordScan("build-01", 2, T2, List.of()); // DSA-5197-1 fixed on build-01

    // The DSA-5197-1 record was withdrawn and DSA-5139-1 corrected: it matches web-01 only, now with
    // an extra alias.
    Finding corrected = debian("web-01", LIBSSL, "DSA-5139-1", Set.of("CVE-2022-1292", "CVE-2022-1343"),
        "1.1.1n-0+deb11u2");
    FindingsUpdate update = store.recordRematch(List.of("DSA-5139-1", "DSA-5197-1"), T3, List.of(corrected));

    assertThat(update).isEqualTo(new FindingsUpdate(0, 1, 3));
    assertThat(all()).containsExactly(
        new TrackedFinding(dsa5197("build-01"), FindingStatus.FIXED, T1, T1, T2, 2),
        new TrackedFinding(dsa5197("web-01"), FindingStatus.RETRACTED, T1, T1, T3, 0),
        open(corrected, T1, T3),
        open(dsa5169("web-01"), T1, T1),
        new TrackedFinding(dsa5197("web-02"), FindingStatus.RETRACTED, T1, T1, T3, 0),
        new TrackedFinding(dsa5139("web-02"), FindingStatus.RETRACTED, T1, T1, T3, 0));
    assertThat(store.list(ofAdvisory("CVE-2022-1343"))).extracting(t -> t.finding().assetName())
        .containsExactly("web-01");
  }

  @Test
  void aRematchOfOneSourceLeavesTheFindingsOtherSourcesMadeOfTheSameAdvisory() {
    Finding fromOsv = new Finding("web-01", CURL, "DSA-5197-1", dsa5197("web-01").aliases(), "osv:debian",
        "Debian:11", "curl", CURL.version(), AffectedStatus.AFFECTED, "introduced 0, fixed 7.74.0-1.3+deb11u2",
        "7.74.0-1.3+deb11u2", Confidence.CONFIRMED);
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01"), fromOsv));

    // osv:debian was re-matched and no longer claims DSA-5197-1; debian-dsa's claim stands
    assertThat(store.recordRematch("osv:debian", List.of("DSA-5197-1"), T2, List.of()))
        .isEqualTo(new FindingsUpdate(0, 0, 1));
    assertThat(all()).extracting(t -> t.finding().feedSource(), TrackedFinding::status).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(DSA, FindingStatus.OPEN),
        org.assertj.core.groups.Tuple.tuple("osv:debian", FindingStatus.RETRACTED));
    assertThatThrownBy(() -> store.recordRematch("osv:debian", List.of("DSA-5197-1"), T2, List.of(dsa5197("web-01"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMatchOfAWholeSourceRetractsItsFindingsNotFoundAndNoOtherSources() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5197("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5197("web-02")));

    assertThat(store.recordSourceMatch(DSA, T2, List.of(dsa5197("web-02")))).isEqualTo(new FindingsUpdate(0, 1, 2));
    assertThat(store.recordSourceMatch("osv:debian", T2, List.of())).isEqualTo(new FindingsUpdate(0, 0, 0));
    assertThat(store.list(new FindingFilter(null, null, null, FindingStatus.OPEN))).extracting(t -> t.finding().assetName())
        .containsExactly("web-02");
  }

  @Test
  void aRematchOpensNewMatchesAndReopensRetractedOnes() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.recordRematch(List.of("DSA-5197-1"), T2, List.of());
    assertThat(only(FindingFilter.all()).status()).isEqualTo(FindingStatus.RETRACTED);

    FindingsUpdate update = store.recordRematch(List.of("DSA-5197-1", "DSA-5139-1"), T3,
        List.of(dsa5197("web-01"), dsa5139("web-02")));

    assertThat(update).isEqualTo(new FindingsUpdate(2, 0, 0, 1, 0));
    assertThat(all()).containsExactly(open(dsa5197("web-01"), T1, T3), open(dsa5139("web-02"), T3, T3));
    // A retracted finding found by the next scan reopens too.
    store.recordRematch(List.of("DSA-5139-1"), T3, List.of());
    assertThat(store.recordScan("web-02", 2, T3, List.of(dsa5139("web-02"))))
        .isEqualTo(new FindingsUpdate(1, 0, 0, 1, 0));
  }

  @Test
  void aRematchMatchesAdvisoriesByIdNotByAlias() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01")));

    assertThat(store.recordRematch(List.of("CVE-2022-1292"), T2, List.of())).isEqualTo(new FindingsUpdate(0, 0, 0));
    assertThat(only(FindingFilter.all())).isEqualTo(open(dsa5139("web-01"), T1, T1));
  }

  @Test
  void aRematchRefusesFindingsOfOtherAdvisoriesOrUnknownAssetsAndChangesNothing() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01")));

    assertThatThrownBy(() -> store.recordRematch(List.of("DSA-5139-1"), T2, List.of(dsa5197("web-01"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DSA-5197-1");
    assertThatThrownBy(() -> store.recordRematch(List.of("DSA-5139-1"), T2, List.of(dsa5139("ghost"))))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("ghost");
    assertThat(all()).containsExactly(open(dsa5139("web-01"), T1, T1));
  }

  @Test
  void listFiltersByAssetPackageAdvisoryAliasAndStatus() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01"), dsa5169("web-01"), dsa5197("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5139("web-02"), waitress("web-02")));
    store.recordScan("web-02", 2, T2, List.of(waitress("web-02")));

    assertThat(store.list(new FindingFilter("web-02", null, null, null)))
        .extracting(t -> t.finding().advisoryId()).containsExactly("DSA-5139-1", "GHSA-4f7p-27jc-3c36");
    // The installed (binary) name and the matched (source) name both find the openssl findings.
    for (String name : List.of("libssl1.1", "openssl")) {
      assertThat(store.list(new FindingFilter(null, name, null, null))).as(name)
          .extracting(t -> t.finding().key())
          .containsExactly("web-01|deb|libssl1.1|DSA-5139-1", "web-01|deb|libssl1.1|DSA-5169-1",
              "web-02|deb|libssl1.1|DSA-5139-1");
    }
    assertThat(store.list(ofAdvisory("DSA-5139-1"))).extracting(t -> t.finding().assetName())
        .containsExactly("web-01", "web-02");
    // A CVE finds the DSA that names it, and an OSV record by its PYSEC alias.
    assertThat(store.list(ofAdvisory("CVE-2022-32208"))).containsExactly(open(dsa5197("web-01"), T1, T1));
    assertThat(store.list(ofAdvisory("PYSEC-2022-20"))).extracting(t -> t.finding().advisoryId())
        .containsExactly("GHSA-4f7p-27jc-3c36");
    assertThat(store.list(new FindingFilter(null, null, null, FindingStatus.FIXED)))
        .containsExactly(new TrackedFinding(dsa5139("web-02"), FindingStatus.FIXED, T1, T1, T2, 2));
    assertThat(store.list(new FindingFilter("web-01", "openssl", "CVE-2022-2068", FindingStatus.OPEN)))
        .containsExactly(open(dsa5169("web-01"), T1, T1));
    assertThat(store.list(new FindingFilter("web-02", "curl", null, null))).isEmpty();
    assertThat(store.list(ofAdvisory("CVE-1999-0001"))).isEmpty();
  }

  @Test
  void aliasesChangedByARescanFindTheFindingByTheirNewValuesOnly() {
    store.recordScan("web-01", 1, T1, List.of(dsa5139("web-01")));
    Finding realiased = debian("web-01", LIBSSL, "DSA-5139-1", Set.of("CVE-2022-1343"), "1.1.1n-0+deb11u2");

    store.recordScan("web-01", 2, T2, List.of(realiased));

    assertThat(store.list(ofAdvisory("CVE-2022-1292"))).isEmpty();
    assertThat(store.list(ofAdvisory("CVE-2022-1343"))).containsExactly(open(realiased, T1, T2));
  }

  @Test
  void deletingAnAssetDeletesItsFindingsAndNoLookupByAliasFindsThemAgain() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.recordScan("web-02", 1, T1, List.of(dsa5139("web-02")));

    db.jdbi().useHandle(h -> h.execute("DELETE FROM assets WHERE name = 'web-01'"));

    assertThat(all()).containsExactly(open(dsa5139("web-02"), T1, T1));
    assertThat(store.list(ofAdvisory("CVE-2021-22898"))).isEmpty();
    assertThat(store.list(ofAdvisory("CVE-2022-1292"))).containsExactly(open(dsa5139("web-02"), T1, T1));
  }

  @Test
  void aLargeScanIsWrittenInBatches() {
    int size = 5_000;
    List<Finding> findings = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      InstalledPackage p = new InstalledPackage("deb", "pkg-%04d".formatted(n / 5), "1.0-" + n, "", "", "amd64", "");
      findings.add(debian("build-01", p, "DSA-%04d-1".formatted(n), Set.of("CVE-2026-%05d".formatted(n)), "1.0-9"));
    }
    assertThat(store.recordScan("build-01", 1, T1, findings)).isEqualTo(new FindingsUpdate(size, 0, 0));

    List<Finding> half = new ArrayList<>();
    for (int n = 0; n < size; n += 2) {
      half.add(findings.get(n));
    }
    assertThat(store.recordScan("build-01", 2, T2, half)).isEqualTo(new FindingsUpdate(0, size / 2, size / 2));

    assertThat(store.list(new FindingFilter("build-01", null, null, FindingStatus.OPEN))).hasSize(size / 2);
    assertThat(store.list(new FindingFilter(null, null, null, FindingStatus.FIXED)))
        .hasSize(size / 2)
        .allSatisfy(t -> assertThat(t.fixedByRevision()).isEqualTo(2));
    assertThat(store.list(ofAdvisory("CVE-2026-04999")))
        .containsExactly(new TrackedFinding(findings.get(4_999), FindingStatus.FIXED, T1, T1, T2, 2));
    assertThat(store.list(ofAdvisory("CVE-2026-04998"))).containsExactly(open(findings.get(4_998), T1, T2));

    List<String> rematched = new ArrayList<>();
    for (int n = 0; n < size; n++) {
      rematched.add("DSA-%04d-1".formatted(n));
    }
    assertThat(store.recordRematch(rematched, T3, List.of())).isEqualTo(new FindingsUpdate(0, 0, size / 2));
    assertThat(store.list(new FindingFilter(null, null, null, FindingStatus.RETRACTED))).hasSize(size / 2);
  }

  static final FindingMark NOT_LOADED = new FindingMark("curl is installed but its binary is never run on this host",
      "alice", T2);

  @Test
  void aNotAffectedMarkTakesAFindingOutOfTheOpenOnesAndSaysWhoAndWhy() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01"), dsa5139("web-01")));

    List<TrackedFinding> marked = store.markNotAffected(FindingKey.of(dsa5197("web-01")), NOT_LOADED);

    TrackedFinding expected = new TrackedFinding(dsa5197("web-01"), FindingStatus.NOT_AFFECTED, T1, T1, T2, 0,
        NOT_LOADED);
    assertThat(marked).containsExactly(expected);
    assertThat(store.list(new FindingFilter(null, null, null, FindingStatus.OPEN)))
        .containsExactly(open(dsa5139("web-01"), T1, T1));
    assertThat(store.list(new FindingFilter(null, null, null, FindingStatus.NOT_AFFECTED))).containsExactly(expected);
    assertThat(store.list(ofAdvisory("CVE-2022-32208"))).containsExactly(expected);
  }

  @Test
  void aNotAffectedMarkSurvivesRescansAndReMatchesAndCountsApart() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.markNotAffected(FindingKey.of(dsa5197("web-01")), NOT_LOADED);

    assertThat(store.recordScan("web-01", 2, T2, List.of(dsa5197("web-01"))))
        .isEqualTo(new FindingsUpdate(0, 0, 0, 0, 1));
    assertThat(store.recordRematch(List.of("DSA-5197-1"), T3, List.of(dsa5197("web-01"))))
        .isEqualTo(new FindingsUpdate(0, 0, 0, 0, 1));

    assertThat(all()).containsExactly(
        new TrackedFinding(dsa5197("web-01"), FindingStatus.NOT_AFFECTED, T1, T3, T2, 0, NOT_LOADED));
  }

  @Test
  void aMarkedFindingThatIsFixedAndComesBackIsStillNotAffected() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.markNotAffected(FindingKey.of(dsa5197("web-01")), NOT_LOADED);

    assertThat(store.recordScan("web-01", 2, T2, List.of())).isEqualTo(new FindingsUpdate(0, 0, 0));
    assertThat(only(FindingFilter.all()))
        .isEqualTo(new TrackedFinding(dsa5197("web-01"), FindingStatus.FIXED, T1, T1, T2, 2, NOT_LOADED));

    assertThat(store.recordScan("web-01", 3, T3, List.of(dsa5197("web-01"))))
        .isEqualTo(new FindingsUpdate(0, 0, 0, 0, 1));
    assertThat(only(FindingFilter.all()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
  }

  @Test
  void theSameFindingFromAnotherFeedInheritsTheMark() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.markNotAffected(FindingKey.of(dsa5197("web-01")), NOT_LOADED);
    Finding fromOsv = new Finding("web-01", CURL, "DSA-5197-1", dsa5197("web-01").aliases(), "osv:Debian",
        "Debian:11", "curl", CURL.version(), AffectedStatus.AFFECTED, "introduced 0, fixed 7.74.0-1.3+deb11u2",
        "7.74.0-1.3+deb11u2", Confidence.CONFIRMED);

    assertThat(store.recordScan("web-01", 2, T3, List.of(dsa5197("web-01"), fromOsv)))
        .isEqualTo(new FindingsUpdate(0, 0, 0, 0, 2));
    assertThat(all()).extracting(TrackedFinding::status, TrackedFinding::mark).containsOnly(
        org.assertj.core.groups.Tuple.tuple(FindingStatus.NOT_AFFECTED, NOT_LOADED));
  }

  @Test
  void clearingTheMarkReopensAFindingThatIsStillFound() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));
    store.markNotAffected(FindingKey.of(dsa5197("web-01")), NOT_LOADED);

    assertThat(store.clearMark(FindingKey.of(dsa5197("web-01")))).containsExactly(open(dsa5197("web-01"), T1, T1));
    assertThat(store.recordScan("web-01", 2, T2, List.of(dsa5197("web-01")))).isEqualTo(new FindingsUpdate(0, 1, 0));
  }

  @Test
  void markingAKeyNoFindingHasChangesNothing() {
    store.recordScan("web-01", 1, T1, List.of(dsa5197("web-01")));

    assertThat(store.markNotAffected(FindingKey.of(dsa5197("web-02")), NOT_LOADED)).isEmpty();
    assertThat(store.clearMark(FindingKey.of(dsa5139("web-01")))).isEmpty();
    assertThat(all()).containsExactly(open(dsa5197("web-01"), T1, T1));
  }
}
