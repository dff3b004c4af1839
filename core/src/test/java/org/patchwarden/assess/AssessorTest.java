package org.patchwarden.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.Severity;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.inventory.Asset;
import org.patchwarden.ssvc.SsvcDecisionTable;

class AssessorTest {
  private static final SsvcEvaluator SSVC = SsvcTables.evaluator();
  private final Assessor assessor = new Assessor(Policies.standard(), SSVC);
  private final SignalCollector collector = new SignalCollector(AssetAssumptions.DEFAULT);
  private final Asset web = RealProfiles.asset("web-01", "production", "web-team", 2, true);
  private final Asset internal = RealProfiles.asset("app-07", "production", "app-team", 3, false);
  private final Asset firewall = RealProfiles.asset("fw-edge-01", "production", "network", 1, true);

  private static VulnerabilityProfile cveRecord(String cve, Severity... severities) {
    AdvisoryRecord r = new AdvisoryRecord("cve5", cve, Set.of(), "", "", Instant.parse("2024-03-29T15:51:12Z"), null,
        false, List.of(), List.of(severities), List.of(), List.of());
    return new VulnerabilityProfile(cve, new Advisory(cve, Set.of(cve), List.of(r)), null, null, List.of());
  }

  @Test
  void anInternetFacingKevListedApplianceIsAnEmergencyExplainedLikeTheIssueSaysAndTheTierWindowBeatsALaterKevDueDate() {
    Signals s = collector.collect(RealProfiles.panOsOnFirewall("fw-edge-01"),
        RealProfiles.panOs(RealProfiles.panOsKevAugust2025()), firewall);
    Assessment a = assessor.assess(s, LocalDate.parse("2024-11-20"));
    assertThat(a.tier()).isEqualTo("T0");
    assertThat(a.tierName()).isEqualTo("emergency");
    assertThat(a.dueDate()).isEqualTo(LocalDate.parse("2024-11-22"));
    assertThat(a.dueBasis()).isEqualTo(DueBasis.TIER_WINDOW);
    assertThat(a.decidingSignals()).containsExactly("in_kev", "internet_facing");
    assertThat(a.rationale()).isEqualTo("KEV-listed product present, affected versions unknown: verify; "
        + "in CISA KEV since 2024-11-18 (due 2024-12-09), known ransomware use; internet-facing production asset; "
        + "EPSS 0.99 (99th pct.) → T0, fix by 2024-11-22. Assumed: no CVSS score known: CVSS conditions do not "
        + "apply; automatable unknown (no SSVC statement or CVSS vector), treated as no; technical impact unknown "
        + "(no SSVC statement or CVSS vector), treated as partial");
  }

  @Test
  void aKevDueDateBeforeFirstSeenWinsAndTheFindingIsOverdueOnArrival() {
    Signals s = collector.collect(RealProfiles.log4shellOnDebian("web-01"), RealProfiles.log4shell(), web);
    Assessment a = assessor.assess(s, LocalDate.parse("2025-08-27"));
    assertThat(a.tier()).isEqualTo("T0");
    assertThat(a.dueDate()).isEqualTo(LocalDate.parse("2021-12-24"));
    assertThat(a.dueBasis()).isEqualTo(DueBasis.KEV_DUE_DATE);
    assertThat(a.overdueWhenFirstSeen()).isTrue();
    assertThat(a.overdue(LocalDate.parse("2025-08-27"))).isTrue();
    assertThat(a.daysOverdue(LocalDate.parse("2025-08-27"))).isEqualTo(1342);
    assertThat(a.decidingSignals()).containsExactly("in_kev", "internet_facing", "tactics_any");
    assertThat(a.rationale()).isEqualTo("In CISA KEV since 2021-12-10 (due 2021-12-24), known ransomware use; "
        + "initial access via T1190; internet-facing production asset; EPSS 0.99 (100th pct.) → T0, fix by "
        + "2021-12-24 (KEV due date, already overdue when first seen on 2025-08-27)");
    assertThat(a.ssvc().outcome()).isEqualTo("Act");
    assertThat(a.assumptions()).isEmpty();
  }

  @Test
  void aKevEntryUpdatedBetweenTwoLoadsMovesTheDueDateAndRationaleWithTheCatalog() {
    LocalDate firstSeen = LocalDate.parse("2024-12-05");
    Assessment january = assessor.assess(collector.collect(RealProfiles.panOsOnFirewall("app-07"),
        RealProfiles.panOs(RealProfiles.panOsKevJanuary2025()), internal), firstSeen);
    assertThat(january.tier()).isEqualTo("T1");
    assertThat(january.dueDate()).isEqualTo(LocalDate.parse("2024-12-09")); // KEV due before first seen + 7
    assertThat(january.rationale()).contains("in CISA KEV since 2024-11-18 (due 2024-12-09);")
        .doesNotContain("ransomware");

    // The real 2025-08-25 catalog marks ransomware use as Known.
    Assessment august = assessor.assess(collector.collect(RealProfiles.panOsOnFirewall("app-07"),
        RealProfiles.panOs(RealProfiles.panOsKevAugust2025()), internal), firstSeen);
    assertThat(august.rationale()).contains("(due 2024-12-09), known ransomware use");

    // CISA also revises due dates; the shared snapshots hold no such change, so this one is the real
    // entry with its due date moved, as a later catalog would state it.
    KevEntry e = RealProfiles.panOsKevAugust2025();
    KevEntry moved = new KevEntry(e.cveId(), e.vendorProject(), e.product(), e.vulnerabilityName(), e.dateAdded(),
        e.shortDescription(), e.requiredAction(), LocalDate.parse("2024-12-06"), e.ransomwareUse(), e.notes(), e.cwes());
    Assessment revised = assessor.assess(collector.collect(RealProfiles.panOsOnFirewall("app-07"),
        RealProfiles.panOs(moved), internal), firstSeen);
    assertThat(revised.dueDate()).isEqualTo(LocalDate.parse("2024-12-06"));
    assertThat(revised.rationale()).contains("(due 2024-12-06)").endsWith("fix by 2024-12-06 (KEV due date). Assumed: "
        + "no CVSS score known: CVSS conditions do not apply; automatable unknown (no SSVC statement or CVSS vector), "
        + "treated as no; technical impact unknown (no SSVC statement or CVSS vector), treated as partial");
  }

  @Test
  void anAssumedInternetExposureThatDecidesTheTierIsMarkedAssumedInTheRationale() {
    // a firewall that 'scan' created: nobody stated its exposure, the policy assumes internet-facing
    Asset scanned = new Asset("fw-edge-09", org.patchwarden.inventory.AssetKind.APPLIANCE, "production", "network",
        null, null, Set.of());
    Signals s = new SignalCollector(new AssetAssumptions(2, true, "production")).collect(
        RealProfiles.panOsOnFirewall("fw-edge-09"), RealProfiles.panOs(RealProfiles.panOsKevAugust2025()), scanned);
    Assessment a = assessor.assess(s, LocalDate.parse("2024-11-20"));
    assertThat(a.tier()).isEqualTo("T0");
    assertThat(a.decidingSignals()).contains("internet_facing");
    assertThat(a.rationale()).contains("internet-facing production asset (assumed internet exposure);")
        .contains("Assumed: ").contains("internet exposure unknown, treated as internet-facing");
  }

  @Test
  void missingAssetContextIsAssumedAndTheRationaleSaysWhat() {
    Signals s = collector.collect(RealProfiles.log4shellOnDebian("unknown-host"), RealProfiles.log4shell(), null);
    Assessment a = assessor.assess(s, LocalDate.parse("2025-08-27"));
    assertThat(a.tier()).as("initial access still makes it T0 without exposure").isEqualTo("T0");
    assertThat(a.decidingSignals()).containsExactly("in_kev", "tactics_any");
    assertThat(a.rationale()).contains("initial access via T1190")
        .doesNotContain("internet-facing production asset")
        .endsWith("Assumed: criticality unknown, treated as 2; environment unknown, treated as production; internet "
            + "exposure unknown, treated as not internet-facing; owner team unknown");
    assertThat(a.assumptions()).contains("criticality unknown, treated as 2");
  }

  @Test
  void missingCvssNeitherMatchesCvssConditionsNorBlocksAFixWindow() {
    Signals s = collector.collect(RealProfiles.finding("app-07", "PYSEC-2024-1", "1.1"), List.of(), internal);
    Assessment a = assessor.assess(s, LocalDate.parse("2025-01-10"));
    assertThat(a.tier()).isEqualTo("T3");
    assertThat(a.dueDate()).isEqualTo(LocalDate.parse("2025-04-10"));
    assertThat(a.decidingSignals()).containsExactly("fix_available");
    assertThat(a.rationale()).startsWith("Fix available (1.1) → T3, fix by 2025-04-10. Assumed: ")
        .contains("no CVSS score known: CVSS conditions do not apply");
  }

  @Test
  void missingEpssCannotSatisfyAnEpssConditionSoACriticalCvssFallsToTheNextRule() {
    // CVE-2024-3094 (xz): Red Hat states CVSS 3.1 10.0; not in KEV, so no EPSS score here.
    var xz = cveRecord("CVE-2024-3094",
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "redhat"));
    Assessment a = assessor.assess(collector.collect(RealProfiles.finding("web-01", "CVE-2024-3094", "5.6.1"), xz, web),
        LocalDate.parse("2024-03-30"));
    assertThat(a.tier()).isEqualTo("T2");
    assertThat(a.ssvc().outcome()).isEqualTo("Attend");
    assertThat(a.decidingSignals()).containsExactly("ssvc_in", "cvss_min");
    assertThat(a.rationale()).startsWith("SSVC Attend (E:None, A:Yes, TI:Total, MWI:High); CVSS 10.0 (v3.1, redhat) "
        + "→ T2, fix by 2024-04-29. Assumed: exploitation unknown (no KEV entry or SSVC statement), treated as none; "
        + "no EPSS score: EPSS conditions do not apply");
  }

  @Test
  void anSsvcActDecisionWithoutKevIsCritical() {
    var active = cveRecord("CVE-2024-0004", new Severity("SSVC",
        "Exploitation:active/Automatable:yes/Technical Impact:total", null, "CISA-ADP"));
    Assessment a = assessor.assess(collector.collect(RealProfiles.finding("app-07", "CVE-2024-0004", ""), active,
        internal), LocalDate.parse("2024-05-01"));
    assertThat(a.tier()).isEqualTo("T1");
    assertThat(a.decidingSignals()).containsExactly("ssvc_in");
    assertThat(a.rationale()).startsWith("SSVC Act (E:Active, A:Yes, TI:Total, MWI:Medium) → T1, fix by 2024-05-08");
  }

  @Test
  void aFindingNoRuleMatchesLandsInTheDefaultTierAndSaysSo() {
    Signals s = collector.collect(RealProfiles.finding("web-01", "CVE-2024-10140", ""), RealProfiles.vuldb10140(), web);
    Assessment a = assessor.assess(s, LocalDate.parse("2024-10-20"));
    assertThat(a.ssvc().outcome()).isEqualTo("Track*");
    assertThat(a.tier()).isEqualTo("T4");
    assertThat(a.tierRank()).isEqualTo(4);
    assertThat(a.decidingSignals()).isEmpty();
    assertThat(a.rationale()).startsWith("No rule of a more urgent tier matched → T4, fix by 2025-04-18. Assumed: "
        + "no EPSS score");
  }

  @Test
  void everyRationaleNamesTheSignalsThatDecidedIt() {
    List<Assessment> all = List.of(
        assessor.assess(collector.collect(RealProfiles.log4shellOnDebian("web-01"), RealProfiles.log4shell(), web),
            LocalDate.parse("2025-08-27")),
        assessor.assess(collector.collect(RealProfiles.panOsOnFirewall("app-07"),
            RealProfiles.panOs(RealProfiles.panOsKevAugust2025()), internal), LocalDate.parse("2024-11-20")),
        assessor.assess(collector.collect(RealProfiles.finding("app-07", "CVE-2024-10140", "2.0"),
            RealProfiles.vuldb10140(), internal), LocalDate.parse("2024-10-20")));
    for (Assessment a : all) {
      String r = a.rationale().toLowerCase(java.util.Locale.ROOT);
      for (String key : a.decidingSignals()) {
        assertThat(r).as(a.findingKey() + " names " + key).contains(switch (key) {
          case "in_kev" -> "in cisa kev since";
          case "internet_facing" -> "internet-facing";
          case "tactics_any" -> "initial access via t1190";
          case "fix_available" -> "fix available (2.0)";
          case "ssvc_in" -> "ssvc " + a.ssvc().outcome().toLowerCase(java.util.Locale.ROOT);
          default -> throw new AssertionError("unexpected deciding signal " + key);
        });
      }
      assertThat(r).contains("→ " + a.tier().toLowerCase(java.util.Locale.ROOT) + ", fix by " + a.dueDate());
    }
    assertThat(all).extracting(Assessment::tier).containsExactly("T0", "T1", "T3");
  }

  @Test
  void withoutTheSsvcTableSsvcConditionsDoNotHoldAndTheAssessmentSaysSo() {
    var active = cveRecord("CVE-2024-0004", new Severity("SSVC",
        "Exploitation:active/Automatable:yes/Technical Impact:total", null, "CISA-ADP"));
    Assessment a = new Assessor(Policies.standard(), null).assess(collector.collect(
        RealProfiles.finding("app-07", "CVE-2024-0004", ""), active, internal), LocalDate.parse("2024-05-01"));
    assertThat(a.ssvc()).isNull();
    assertThat(a.tier()).isEqualTo("T4");
    assertThat(a.assumptions()).contains("SSVC table cisa:DT_CO:2.0.3 not loaded: SSVC conditions do not apply");
  }

  @Test
  void anEvaluatorOfAnotherTableThanThePolicysIsRefused() {
    SsvcTables.Loaded l = SsvcTables.cisaCoordinator();
    SsvcDecisionTable t = l.table();
    SsvcDecisionTable other = new SsvcDecisionTable(t.namespace(), t.key(), "9.9.9", t.name(), t.decisionPoints(),
        t.outcome(), t.rows());
    assertThatThrownBy(() -> new Assessor(Policies.standard(), new SsvcEvaluator(other, l.points())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uses SSVC table cisa:DT_CO:2.0.3, not cisa:DT_CO:9.9.9");
  }

  @Test
  void assessmentsOrderByTierThenDueDateThenThreat() {
    List<Assessment> all = new ArrayList<>(List.of(
        assessor.assess(collector.collect(RealProfiles.finding("app-07", "CVE-2024-10140", "2.0"),
            RealProfiles.vuldb10140(), internal), LocalDate.parse("2024-10-20")),
        assessor.assess(collector.collect(RealProfiles.panOsOnFirewall("fw-edge-01"),
            RealProfiles.panOs(RealProfiles.panOsKevAugust2025()), firewall), LocalDate.parse("2024-11-20")),
        assessor.assess(collector.collect(RealProfiles.log4shellOnDebian("web-01"), RealProfiles.log4shell(), web),
            LocalDate.parse("2025-08-27"))));
    all.sort(Assessment.BY_URGENCY);
    assertThat(all).extracting(Assessment::assetName).containsExactly("web-01", "fw-edge-01", "app-07");
  }
}
