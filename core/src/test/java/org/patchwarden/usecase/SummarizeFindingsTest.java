package org.patchwarden.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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

/** The dashboard overview: counts over open findings of visible assets, and a trend from first-seen and closing dates. */
class SummarizeFindingsTest {
  private static final Instant SEEN = Instant.parse("2025-08-20T09:00:00Z");
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

  private static AssessFindings assess(List<TrackedFinding> tracked) {
    Map<String, VulnerabilityProfile> known = Map.of(
        "CVE-2021-44228", RealProfiles.log4shell(),
        "CVE-2024-0012", RealProfiles.panOs(RealProfiles.panOsKevAugust2025()),
        "CVE-2024-10140", RealProfiles.vuldb10140());
    Assets assets = new Assets(Map.of(
        "web-01", RealProfiles.asset("web-01", "production", "web-team", 2, true),
        "fw-edge-01", RealProfiles.asset("fw-edge-01", "production", "network", 1, true),
        "db-01", RealProfiles.asset("db-01", "production", "data", 2, false)));
    return new AssessFindings(new Findings(tracked), assets, id -> Optional.ofNullable(known.get(id)),
        Policies.standard(), SsvcTables.evaluator(), TODAY);
  }

  private final List<TrackedFinding> tracked = List.of(
      open(RealProfiles.log4shellOnDebian("web-01")),
      open(RealProfiles.panOsOnFirewall("fw-edge-01")),
      open(RealProfiles.log4shellOnDebian("db-01")),
      new TrackedFinding(RealProfiles.finding("web-01", "CVE-2024-10140", "2.0"), FindingStatus.FIXED,
          Instant.parse("2025-08-22T09:00:00Z"), SEEN, Instant.parse("2025-08-25T10:00:00Z"), 3));

  @Test
  void countsOpenFindingsByEveryPolicyTierWithKevExposureAndOverdue() {
    AssessFindings assess = assess(tracked);
    SummarizeFindings.Overview o = new SummarizeFindings(assess, TODAY).summarize(a -> true, 7);

    assertThat(o.today()).isEqualTo(LocalDate.of(2025, 8, 27));
    assertThat(o.byTier()).extracting(SummarizeFindings.TierCount::tier).containsExactlyElementsOf(assess.tiers());
    assertThat(o.byTier()).extracting(SummarizeFindings.TierCount::name).doesNotContain("");
    assertThat(o.open()).isEqualTo(3).isEqualTo(o.byTier().stream().mapToInt(SummarizeFindings.TierCount::open).sum());
    assertThat(o.kevOpen()).isEqualTo(3);
    assertThat(o.kevAssets()).isEqualTo(3);
    long overdue = assess.assessOpen().stream().filter(a -> a.overdue(o.today())).count();
    assertThat(o.overdue()).isEqualTo((int) overdue).isPositive();
  }

  @Test
  void onlyTheVisibleAssetsCount() {
    SummarizeFindings.Overview o = new SummarizeFindings(assess(tracked), TODAY)
        .summarize(a -> a.assetName().equals("web-01"), 7);

    assertThat(o.open()).isEqualTo(1);
    assertThat(o.kevAssets()).isEqualTo(1);
    assertThat(o.trend()).extracting(SummarizeFindings.TrendPoint::open).containsExactly(1, 2, 2, 2, 1, 1, 1);
  }

  @Test
  void aViewerSeesOnlyTheirTeamsAssetsAndAnApproverSeesEvery() {
    SummarizeFindings s = new SummarizeFindings(assess(tracked), TODAY);

    var viewer = new org.patchwarden.access.User("vic", org.patchwarden.access.Role.VIEWER, java.util.Set.of("web-team"));
    var approver = new org.patchwarden.access.User("amy", org.patchwarden.access.Role.APPROVER, java.util.Set.of());

    assertThat(s.summarize(viewer, 7).open()).isEqualTo(1);
    assertThat(s.summarize(approver, 7).open()).isEqualTo(3);
  }

  @Test
  void theTrendCountsAFindingFromItsFirstSeenDayUntilTheDayBeforeItClosed() {
    SummarizeFindings.Overview o = new SummarizeFindings(assess(tracked), TODAY).summarize(a -> true, 9);

    assertThat(o.trend()).extracting(SummarizeFindings.TrendPoint::day)
        .startsWith(LocalDate.of(2025, 8, 19)).endsWith(LocalDate.of(2025, 8, 27)).hasSize(9);
    assertThat(o.trend()).extracting(SummarizeFindings.TrendPoint::open)
        .containsExactly(0, 3, 3, 4, 4, 4, 3, 3, 3);
    assertThat(o.trend().getLast().overdue()).isEqualTo(o.overdue());
  }

  @Test
  void aTrendOfNoDaysIsRefused() {
    SummarizeFindings s = new SummarizeFindings(assess(tracked), TODAY);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.summarize(a -> true, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..3660");
  }
}
