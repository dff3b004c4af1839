package org.patchwarden.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.Asset;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

class ExposureReportTest {
  private static final LocalDate TODAY = LocalDate.parse("2025-08-27");
  private final Assessor assessor = new Assessor(Policies.standard(), SsvcTables.evaluator());
  private final SignalCollector collector = new SignalCollector(AssetAssumptions.DEFAULT);
  private final Asset web = RealProfiles.asset("web-01", "production", "web-team", 2, true);
  private final Asset fw = RealProfiles.asset("fw-edge-01", "production", "network", 1, true);

  private Assessment log4shell(String asset, Asset context, LocalDate firstSeen) {
    return assessor.assess(collector.collect(RealProfiles.log4shellOnDebian(asset), RealProfiles.log4shell(), context),
        firstSeen);
  }

  private Assessment panOs(String asset, Asset context, LocalDate firstSeen) {
    return assessor.assess(collector.collect(RealProfiles.panOsOnFirewall(asset),
        RealProfiles.panOs(RealProfiles.panOsKevAugust2025()), context), firstSeen);
  }

  @Test
  void openFindingsPastDueAreCountedPerAssetAndPerTeamWithDaysOverdueAndExposureSoFar() {
    Assessment l = log4shell("web-01", web, LocalDate.parse("2025-08-20")); // KEV due 2021-12-24
    Assessment p = panOs("fw-edge-01", fw, LocalDate.parse("2025-08-26"));   // T0: due 2024-12-09 (KEV, earlier)
    Assessment x = assessor.assess(collector.collect(RealProfiles.finding("web-01", "CVE-2024-10140", "2.0"),
        RealProfiles.vuldb10140(), web), LocalDate.parse("2025-08-01")); // T3, due 2025-10-30: in time
    ExposureReport r = ExposureReport.ofOpen(List.of(x, p, l), TODAY);

    assertThat(r.items()).extracting(ExposureReport.Item::assetName, ExposureReport.Item::daysOverdue,
        ExposureReport.Item::exposureDays).containsExactly(
            org.assertj.core.groups.Tuple.tuple("web-01", 1342L, 1356L),   // published 2021-12-10
            org.assertj.core.groups.Tuple.tuple("fw-edge-01", 261L, 282L),  // KEV added 2024-11-18, no record
            org.assertj.core.groups.Tuple.tuple("web-01", 0L, 312L));       // published 2024-10-19
    assertThat(r.byAsset()).containsExactly(
        new ExposureReport.Group("web-01", 2, 1, 1342, 1342, 1356, List.of(l.findingKey())),
        new ExposureReport.Group("fw-edge-01", 1, 1, 261, 261, 282, List.of(p.findingKey())));
    assertThat(r.byTeam()).extracting(ExposureReport.Group::name).containsExactly("web-team", "network");
  }

  @Test
  void aFixedFindingIsNoLongerOverdueButItsExposureWindowEndsAtTheFix() {
    Assessment l = log4shell("web-01", web, LocalDate.parse("2025-08-20"));
    TrackedFinding fixed = new TrackedFinding(RealProfiles.log4shellOnDebian("web-01"), FindingStatus.FIXED,
        Instant.parse("2025-08-20T08:00:00Z"), Instant.parse("2025-08-22T08:00:00Z"),
        Instant.parse("2025-08-23T09:30:00Z"), 4);
    ExposureReport r = ExposureReport.of(List.of(AssessedFinding.of(fixed, l)), TODAY);
    assertThat(r.items()).singleElement().satisfies(i -> {
      assertThat(i.open()).isFalse();
      assertThat(i.daysOverdue()).isZero();
      assertThat(i.exposureEnd()).isEqualTo(LocalDate.parse("2025-08-23"));
      assertThat(i.exposureDays()).isEqualTo(1352);
    });
    assertThat(r.byAsset()).isEmpty();
  }

  @Test
  void findingsOfAssetsWithoutOwnerAreGroupedUnderNoOwner() {
    Assessment unknown = log4shell("ghost-01", null, LocalDate.parse("2025-08-20"));
    ExposureReport r = ExposureReport.ofOpen(List.of(unknown), TODAY);
    assertThat(r.byTeam()).singleElement().satisfies(g -> {
      assertThat(g.name()).isEqualTo(ExposureReport.NO_OWNER);
      assertThat(g.pastDue()).isEqualTo(1);
    });
  }

  @Test
  void aFindingWhoseVulnerabilityNoSourceDatesHasAnUnknownExposureWindow() {
    Assessment a = assessor.assess(collector.collect(RealProfiles.finding("web-01", "PYSEC-2024-1", "1.1"), List.of(),
        web), LocalDate.parse("2025-08-01"));
    ExposureReport r = ExposureReport.ofOpen(List.of(a), TODAY);
    assertThat(r.items().getFirst().exposureStart()).isNull();
    assertThat(r.items().getFirst().exposureDays()).isEqualTo(-1);
    assertThat(r.byAsset().getFirst().longestExposureDays()).isEqualTo(-1);
  }

  @Test
  void anAssessmentOfAnotherFindingIsRefused() {
    Assessment l = log4shell("web-01", web, LocalDate.parse("2025-08-20"));
    TrackedFinding other = new TrackedFinding(RealProfiles.panOsOnFirewall("fw-edge-01"), FindingStatus.OPEN,
        Instant.parse("2025-08-20T08:00:00Z"), Instant.parse("2025-08-22T08:00:00Z"), null, 0);
    assertThatThrownBy(() -> AssessedFinding.of(other, l)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("given for fw-edge-01");
  }
}
