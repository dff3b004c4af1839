package org.patchwarden.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.assess.AssessedFinding;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.ExposureReport;
import org.patchwarden.assess.Policies;
import org.patchwarden.assess.RealProfiles;
import org.patchwarden.assess.SsvcTables;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.TrackedFinding;

class AssessFindingsTest {
  private static final Instant SEEN = Instant.parse("2024-11-20T09:00:00Z");
  private static final Clock TODAY = Clock.fixed(Instant.parse("2025-08-27T12:00:00Z"), ZoneOffset.UTC);

  /** Tracked findings held in memory; only listing is needed here. */
  private record Findings(List<TrackedFinding> all) implements FindingStore {
    @Override
    public FindingsUpdate recordScan(String assetName, int inventoryRevision, Instant at, List<Finding> findings) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public FindingsUpdate recordRematch(Collection<String> advisoryIds, Instant at, List<Finding> findings) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public List<TrackedFinding> markNotAffected(org.patchwarden.match.FindingKey key,
        org.patchwarden.match.FindingMark mark) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public FindingsUpdate recordRematch(String feedSource, Collection<String> advisoryIds, Instant at,
        List<Finding> findings) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public List<TrackedFinding> clearMark(org.patchwarden.match.FindingKey key) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public FindingsUpdate recordSourceMatch(String feedSource, Instant at, List<Finding> findings) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public List<TrackedFinding> list(FindingFilter filter) {
      return all.stream().filter(t -> filter.status() == null || t.status() == filter.status()).toList();
    }
  }

  /** Assets held in memory, without inventories. */
  private record Assets(Map<String, Asset> byName) implements AssetStore {
    @Override
    public void save(Asset asset) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public Optional<Asset> find(String name) {
      return Optional.ofNullable(byName.get(name));
    }

    @Override
    public List<Asset> list() {
      return List.copyOf(byName.values());
    }

    @Override
    public Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public Optional<Inventory> currentInventory(String assetName) {
      return Optional.empty();
    }

    @Override
    public Optional<Inventory> inventory(String assetName, int revision) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Inventory> history(String assetName) {
      return List.of();
    }

    @Override
    public List<Inventory> currentInventories() {
      return List.of();
    }
  }

  private static TrackedFinding open(Finding f) {
    return new TrackedFinding(f, FindingStatus.OPEN, SEEN, SEEN, null, 0);
  }

  private final List<String> lookedUp = new ArrayList<>();

  private AssessFindings useCase(List<TrackedFinding> tracked) {
    Map<String, VulnerabilityProfile> known = Map.of(
        "CVE-2021-44228", RealProfiles.log4shell(),
        "CVE-2024-0012", RealProfiles.panOs(RealProfiles.panOsKevAugust2025()),
        "CVE-2024-10140", RealProfiles.vuldb10140());
    Assets assets = new Assets(Map.of(
        "web-01", RealProfiles.asset("web-01", "production", "web-team", 2, true),
        "fw-edge-01", RealProfiles.asset("fw-edge-01", "production", "network", 1, true)));
    return new AssessFindings(new Findings(tracked), assets, id -> {
      lookedUp.add(id);
      return Optional.ofNullable(known.get(id));
    }, Policies.standard(), SsvcTables.evaluator(), TODAY);
  }

  @Test
  void openFindingsAreAssessedMostUrgentFirstLookingEachVulnerabilityUpOnce() {
    List<TrackedFinding> tracked = List.of(
        open(RealProfiles.finding("web-01", "CVE-2024-10140", "2.0")),
        open(RealProfiles.panOsOnFirewall("fw-edge-01")),
        open(RealProfiles.log4shellOnDebian("web-01")),
        open(RealProfiles.log4shellOnDebian("unlisted-01")),
        new TrackedFinding(RealProfiles.finding("web-01", "CVE-2024-0012", "11.2.4"), FindingStatus.FIXED, SEEN, SEEN,
            Instant.parse("2024-11-21T10:00:00Z"), 3));
    List<Assessment> assessed = useCase(tracked).assessOpen();
    assertThat(assessed).extracting(Assessment::assetName, Assessment::tier).containsExactly(
        org.assertj.core.groups.Tuple.tuple("web-01", "T0"),
        org.assertj.core.groups.Tuple.tuple("unlisted-01", "T0"),
        org.assertj.core.groups.Tuple.tuple("fw-edge-01", "T0"),
        org.assertj.core.groups.Tuple.tuple("web-01", "T3"));
    assertThat(lookedUp).as("the DSA finding is described by its CVE alias, once for both assets")
        .containsExactlyInAnyOrder("CVE-2024-10140", "CVE-2024-0012", "CVE-2021-44228");
    assertThat(assessed.get(1).assumptions()).contains("criticality unknown, treated as 2");
    assertThat(assessed.get(2).firstSeen()).isEqualTo(SEEN.atZone(ZoneOffset.UTC).toLocalDate());
  }

  @Test
  void theExposureReportCoversOpenAndFixedFindingsOnTheClocksDay() {
    List<TrackedFinding> tracked = List.of(open(RealProfiles.panOsOnFirewall("fw-edge-01")),
        new TrackedFinding(RealProfiles.log4shellOnDebian("web-01"), FindingStatus.FIXED, SEEN, SEEN,
            Instant.parse("2024-11-21T10:00:00Z"), 3));
    ExposureReport r = useCase(tracked).exposure();
    assertThat(r.today()).isEqualTo(java.time.LocalDate.parse("2025-08-27"));
    assertThat(r.items()).extracting(ExposureReport.Item::assetName, ExposureReport.Item::open)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fw-edge-01", true),
            org.assertj.core.groups.Tuple.tuple("web-01", false));
    assertThat(r.byAsset()).extracting(ExposureReport.Group::name).containsExactly("fw-edge-01");
  }

  @Test
  void aFilterSelectsWhichFindingsAreAssessed() {
    List<TrackedFinding> tracked = List.of(open(RealProfiles.panOsOnFirewall("fw-edge-01")),
        new TrackedFinding(RealProfiles.log4shellOnDebian("web-01"), FindingStatus.FIXED, SEEN, SEEN,
            Instant.parse("2024-11-21T10:00:00Z"), 3));
    List<AssessedFinding> fixed = useCase(tracked).assess(new FindingFilter(null, null, null, FindingStatus.FIXED));
    assertThat(fixed).singleElement().satisfies(f -> assertThat(f.assessment().assetName()).isEqualTo("web-01"));
  }
}
