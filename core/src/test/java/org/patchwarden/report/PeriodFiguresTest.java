package org.patchwarden.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.assess.AssessedFinding;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.Assessor;
import org.patchwarden.assess.AssetAssumptions;
import org.patchwarden.assess.Policies;
import org.patchwarden.assess.RealProfiles;
import org.patchwarden.assess.SignalCollector;
import org.patchwarden.assess.SsvcTables;
import org.patchwarden.inventory.Asset;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeFinding.Outcome;

class PeriodFiguresTest {
  private static final LocalDate TODAY = LocalDate.parse("2025-08-27");
  private static final ReportPeriod AUGUST = new ReportPeriod(LocalDate.parse("2025-08-01"), TODAY);
  private static final List<String> TIERS = List.of("T0", "T1", "T2", "T3");
  private final Assessor assessor = new Assessor(Policies.standard(), SsvcTables.evaluator());
  private final SignalCollector collector = new SignalCollector(AssetAssumptions.DEFAULT);
  private final Asset web = RealProfiles.asset("web-01", "production", "web-team", 2, true);
  private final Asset fw = RealProfiles.asset("fw-edge-01", "production", "network", 1, true);

  private Assessment log4shell(LocalDate firstSeen) {
    return assessor.assess(collector.collect(RealProfiles.log4shellOnDebian("web-01"), RealProfiles.log4shell(), web),
        firstSeen);
  }

  private Assessment panOs(LocalDate firstSeen) {
    return assessor.assess(collector.collect(RealProfiles.panOsOnFirewall("fw-edge-01"),
        RealProfiles.panOs(RealProfiles.panOsKevAugust2025()), fw), firstSeen);
  }

  private Assessment minor(LocalDate firstSeen) {
    return assessor.assess(collector.collect(RealProfiles.finding("web-01", "CVE-2024-10140", "2.0"),
        RealProfiles.vuldb10140(), web), firstSeen);
  }

  private static AssessedFinding fixed(Assessment a, String closedAt) {
    return new AssessedFinding(a, FindingStatus.FIXED, Instant.parse(closedAt));
  }

  @Test
  void openFindingsAtThePeriodsEndAreCountedByTierAndTeamWithTheOverdueOnesListedMostOverdueFirst() {
    List<AssessedFinding> findings = List.of(AssessedFinding.open(log4shell(LocalDate.parse("2025-08-20"))),
        AssessedFinding.open(panOs(LocalDate.parse("2025-08-26"))),
        AssessedFinding.open(minor(LocalDate.parse("2025-08-01"))));
    PatchReport r = PeriodFigures.compute(AUGUST, TODAY, TIERS, findings, List.of());

    assertThat(r.openFindings()).isEqualTo(3);
    assertThat(r.byTier()).extracting(PatchReport.TierCount::tier).startsWith("T0", "T1", "T2", "T3");
    assertThat(r.byTier().stream().mapToInt(PatchReport.TierCount::overdue).sum()).isEqualTo(2);
    assertThat(r.byTeam()).extracting(PatchReport.TeamCount::team, PatchReport.TeamCount::open,
        PatchReport.TeamCount::overdue).containsExactly(org.assertj.core.groups.Tuple.tuple("web-team", 2, 1),
            org.assertj.core.groups.Tuple.tuple("network", 1, 1));
    assertThat(r.overdue()).extracting(PatchReport.OverdueFinding::assetName, PatchReport.OverdueFinding::daysOverdue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("web-01", 1342L),
            org.assertj.core.groups.Tuple.tuple("fw-edge-01", 261L));
    assertThat(r.kev().openFindings()).isEqualTo(2);
    assertThat(r.kev().assets()).isEqualTo(2);
    assertThat(r.kev().cves()).containsExactly("CVE-2021-44228", "CVE-2024-0012");
    assertThat(r.kev().overdue()).isEqualTo(2);
    assertThat(r.kev().addedInPeriod()).isEmpty();
  }

  @Test
  void aFindingFixedBeforeThePeriodsEndIsNotOpenThenButShowsInTheWeeksItWasOpen() {
    List<AssessedFinding> findings = List.of(fixed(log4shell(LocalDate.parse("2025-08-02")), "2025-08-12T10:00:00Z"),
        AssessedFinding.open(minor(LocalDate.parse("2025-08-10"))));
    PatchReport r = PeriodFigures.compute(AUGUST, TODAY, TIERS, findings, List.of());

    assertThat(r.openFindings()).isEqualTo(1);
    assertThat(r.kev().openFindings()).isZero();
    assertThat(r.trend()).extracting(PatchReport.TrendPoint::weekEnd, PatchReport.TrendPoint::open,
        PatchReport.TrendPoint::found, PatchReport.TrendPoint::closed).containsExactly(
            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2025-08-07"), 1, 1, 0),
            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2025-08-14"), 1, 1, 1),
            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2025-08-21"), 1, 0, 0),
            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2025-08-27"), 1, 0, 0));
  }

  @Test
  void fixTimesCountFindingsVerifiedDuringThePeriodInDayBuckets() {
    FindingKey key = new FindingKey("web-01", "deb", "curl", "DSA-5197-1");
    Instant planned = Instant.parse("2025-08-05T08:00:00Z");
    List<ChangeFinding> checked = List.of(
        verified(key, "2025-08-01T08:00:00Z", "2025-08-06T08:00:00Z"),
        verified(new FindingKey("web-02", "deb", "curl", "DSA-5197-1"), "2025-06-01T08:00:00Z",
            "2025-08-06T08:00:00Z"),
        verified(new FindingKey("web-03", "deb", "curl", "DSA-5197-1"), "2025-06-01T08:00:00Z",
            "2025-07-06T08:00:00Z"));
    Change change = Change.plan("curl", "T1", List.of("web-01", "web-02", "web-03"), null, 0, "ann", planned,
        checked, null);
    PatchReport r = PeriodFigures.compute(AUGUST, TODAY, TIERS, List.of(), List.of(change));

    assertThat(r.timeToFix().count()).isEqualTo(2); // the July check is outside the period
    assertThat(r.timeToFix().buckets()).extracting(PatchReport.Bucket::label, PatchReport.Bucket::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("0-7 d", 1),
            org.assertj.core.groups.Tuple.tuple("8-14 d", 0), org.assertj.core.groups.Tuple.tuple("15-30 d", 0),
            org.assertj.core.groups.Tuple.tuple("31-60 d", 0), org.assertj.core.groups.Tuple.tuple("61-90 d", 1),
            org.assertj.core.groups.Tuple.tuple("> 90 d", 0));
    assertThat(r.timeToFix().medianDays()).isEqualTo(5);
    assertThat(r.timeToFix().p90Days()).isEqualTo(66);
    assertThat(r.remediation().verifiedFindings()).isEqualTo(3);
    assertThat(r.remediation().passRate()).isEqualTo(1.0);
  }

  @Test
  void aPeriodEndingBeforeItStartsIsRefusedNamingBothDays() {
    assertThatThrownBy(() -> new ReportPeriod(TODAY, TODAY.minusDays(1)))
        .hasMessageContaining("2025-08-26").hasMessageContaining("2025-08-27");
  }

  private static ChangeFinding verified(FindingKey key, String firstSeen, String checkedAt) {
    return new ChangeFinding(key, List.of("CVE-2022-32207"), "Debian:11", true, "7.74.0-1.3", "7.74.0-1.3+deb11u2",
        "7.74.0-1.3+deb11u2", Instant.parse(firstSeen), "T1", "web-team", Outcome.VERIFIED, Instant.parse(checkedAt),
        "ok");
  }
}
