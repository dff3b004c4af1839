package org.patchwarden.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.Severity;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.match.Confidence;

class SignalCollectorTest {
  private final SignalCollector collector = new SignalCollector(AssetAssumptions.DEFAULT);
  private final Asset web = RealProfiles.asset("web-01", "production", "web-team", 2, true);

  private static VulnerabilityProfile withSeverities(String cve, List<AdvisoryRecord> records) {
    return new VulnerabilityProfile(cve, new Advisory(cve, Set.of(cve), records), null, null, List.of());
  }

  private static AdvisoryRecord record(String source, String id, Severity... severities) {
    return new AdvisoryRecord(source, id, Set.of(), "", "", null, null, false, List.of(), List.of(severities), List.of(),
        List.of());
  }

  @Test
  void log4shellOnAnInternetFacingServerCarriesEveryRealSignal() {
    Signals s = collector.collect(RealProfiles.log4shellOnDebian("web-01"), RealProfiles.log4shell(), web);
    assertThat(s.cveIds()).containsExactly("CVE-2021-44228");
    assertThat(s.cvss()).satisfies(c -> {
      assertThat(c.version()).isEqualTo("3.1");
      assertThat(c.score()).isEqualTo(10.0);
      assertThat(c.statedScore()).isEqualTo(10.0);
      assertThat(c.computed()).isTrue();
      assertThat(c.by()).isEqualTo("CISA-ADP");
      assertThat(c.note()).isEmpty();
    });
    assertThat(s.epss().score()).isEqualTo(0.99999);
    assertThat(s.kev()).isEqualTo(new KevStatus("CVE-2021-44228", LocalDate.parse("2021-12-10"),
        LocalDate.parse("2021-12-24"), true, KevStatus.CATALOG));
    assertThat(s.exploitation().value()).isEqualTo(Exploitation.ACTIVE);
    assertThat(s.exploitation().from()).contains("CISA KEV catalog");
    assertThat(s.automatable()).isEqualTo(new Sourced<>(true, Provenance.STATED,
        "SSVC statement by CISA-ADP (CVE-2021-44228)"));
    assertThat(s.technicalImpact().value()).isEqualTo(TechnicalImpact.TOTAL);
    assertThat(s.fixAvailable()).isTrue();
    assertThat(s.fixedVersion()).isEqualTo("2.15.0-1~deb11u1");
    assertThat(s.published()).isEqualTo(Instant.parse("2021-12-10T00:00:00Z"));
    assertThat(s.exposureStart()).contains(LocalDate.parse("2021-12-10"));
    assertThat(s.asset().known()).isTrue();
    assertThat(s.missionImpact()).isEqualTo(MissionImpact.HIGH);
    assertThat(s.assumptions()).isEmpty();
  }

  @Test
  void exploitationTechniquesAndPrimaryImpactsReachTacticsWhileSecondaryImpactsAreOnlyListed() {
    Signals s = collector.collect(RealProfiles.log4shellOnDebian("web-01"), RealProfiles.log4shell(), web);
    assertThat(s.strongTactics()).extracting(TacticReach::tacticId, TacticReach::techniqueId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("TA0001", "T1190"));
    assertThat(s.weakTactics()).extracting(TacticReach::tacticId)
        .containsExactly("TA0040", "TA0040", "TA0042", "TA0003");
    assertThat(s.tactics().getFirst().strong()).isTrue();
  }

  @Test
  void cvss40IsPreferredOverOlderVersionsAndSsvcPocMeansPublicProofOfConcept() {
    Signals s = collector.collect(RealProfiles.finding("app-01", "CVE-2024-10140", ""), RealProfiles.vuldb10140(), web);
    assertThat(s.cvss().version()).isEqualTo("4.0");
    assertThat(s.cvss().score()).isEqualTo(5.3);
    assertThat(s.exploitation()).isEqualTo(new Sourced<>(Exploitation.POC, Provenance.STATED,
        "SSVC statement by CISA-ADP (CVE-2024-10140)"));
    assertThat(s.automatable().value()).isFalse();
    assertThat(s.automatable().provenance()).isEqualTo(Provenance.STATED);
    assertThat(s.kev()).isNull();
    assertThat(s.fixAvailable()).isFalse();
  }

  @Test
  void missingEpssIsStatedAsAnAssumption() {
    Signals s = collector.collect(RealProfiles.finding("app-01", "CVE-2024-10140", ""), RealProfiles.vuldb10140(), web);
    assertThat(s.epss()).isNull();
    assertThat(s.assumptions()).containsExactly("no EPSS score: EPSS conditions do not apply");
  }

  @Test
  void missingCvssLeavesAutomatableAndImpactAssumedAndSaysSo() {
    Signals s = collector.collect(RealProfiles.panOsOnFirewall("fw-01"), RealProfiles.panOs(
        RealProfiles.panOsKevAugust2025()), web);
    assertThat(s.cvss()).isNull();
    assertThat(s.exploitation().value()).isEqualTo(Exploitation.ACTIVE);
    assertThat(s.automatable()).isEqualTo(new Sourced<>(false, Provenance.ASSUMED,
        "no SSVC statement or CVSS vector (CVE-2024-0012)"));
    assertThat(s.technicalImpact().provenance()).isEqualTo(Provenance.ASSUMED);
    assertThat(s.assumptions()).containsExactly(
        "no CVSS score known: CVSS conditions do not apply",
        "automatable unknown (no SSVC statement or CVSS vector), treated as no",
        "technical impact unknown (no SSVC statement or CVSS vector), treated as partial");
    assertThat(s.confidence()).isEqualTo(Confidence.PRODUCT_ONLY);
  }

  @Test
  void aMissingAssetIsAssumedFromThePolicyAndEveryAssumptionIsStated() {
    Signals s = collector.collect(RealProfiles.log4shellOnDebian("ghost-01"), RealProfiles.log4shell(), null);
    assertThat(s.asset()).isEqualTo(new AssetContext("ghost-01", "production", "", 2, false, false));
    assertThat(s.assumptions()).containsExactly("criticality unknown, treated as 2",
        "environment unknown, treated as production", "internet exposure unknown, treated as not internet-facing",
        "owner team unknown");
    assertThat(s.missionImpact()).isEqualTo(MissionImpact.MEDIUM);
  }

  @Test
  void aBlankEnvironmentAndOwnerAreAssumedButTheRestOfTheAssetIsTakenAtItsWord() {
    Asset vague = RealProfiles.asset("db-01", "unknown", "", 1, false);
    Signals s = new SignalCollector(new AssetAssumptions(3, true, "staging"))
        .collect(RealProfiles.log4shellOnDebian("db-01"), RealProfiles.log4shell(), vague);
    assertThat(s.asset()).isEqualTo(new AssetContext("db-01", "staging", "", 1, false, true,
        Set.of(Asset.ENVIRONMENT, Asset.OWNER_TEAM)));
    assertThat(s.assumptions()).containsExactly("environment unknown, treated as staging", "owner team unknown");
  }

  @Test
  void aScannedAssetWithUnstatedCriticalityAndExposureTakesThePolicysAssumptionsAndListsThem() {
    // what 'scan' stores for a host nobody described: before, criticality 2 and "not internet-facing"
    // were hard-coded, so the policy's assume block never applied and nothing said it was a guess
    Asset scanned = new Asset("web-07", AssetKind.HOST, "production", "web", null, null, Set.of());
    Signals s = new SignalCollector(new AssetAssumptions(1, true, "staging"))
        .collect(RealProfiles.log4shellOnDebian("web-07"), RealProfiles.log4shell(), scanned);
    assertThat(s.asset()).isEqualTo(new AssetContext("web-07", "production", "web", 1, true, true,
        Set.of(Asset.CRITICALITY, Asset.INTERNET_FACING)));
    assertThat(s.assumptions()).containsExactly("criticality unknown, treated as 1",
        "internet exposure unknown, treated as internet-facing");
    assertThat(s.missionImpact()).isEqualTo(MissionImpact.HIGH);
  }

  @Test
  void withinOneVersionNvdIsPreferredThenTheCnaThenAnAdpThenOtherSources() {
    Severity osv = new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "osv");
    Severity adp = new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "CISA-ADP");
    Severity cna = new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 6.5, "apache");
    Severity nvd = new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9, "nvd@nist.gov");
    String cve = "CVE-2024-0001";
    var all = withSeverities(cve, List.of(record("osv", "GHSA-x", osv), record("cve5", cve, cna, adp),
        record("nvd", cve, nvd)));
    assertThat(SignalCollector.bestCvss(all)).hasValueSatisfying(c -> assertThat(c.by()).isEqualTo("nvd@nist.gov"));
    var noNvd = withSeverities(cve, List.of(record("osv", "GHSA-x", osv), record("cve5", cve, adp, cna)));
    assertThat(SignalCollector.bestCvss(noNvd)).hasValueSatisfying(c -> assertThat(c.by()).isEqualTo("apache"));
    var adpOnly = withSeverities(cve, List.of(record("osv", "GHSA-x", osv), record("cve5", cve, adp)));
    assertThat(SignalCollector.bestCvss(adpOnly)).hasValueSatisfying(c -> assertThat(c.by()).isEqualTo("CISA-ADP"));
    var v2Nvd = withSeverities(cve, List.of(record("osv", "GHSA-x", osv),
        record("nvd", cve, new Severity("CVSS_V2", "AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, "nvd@nist.gov"))));
    assertThat(SignalCollector.bestCvss(v2Nvd)).as("a newer version beats a better source")
        .hasValueSatisfying(c -> assertThat(c.version()).isEqualTo("3.1"));
  }

  @Test
  void aStatedScoreThatIsTheTemporalScoreIsNotedAndTheBaseScoreUsed() {
    // CVE-2022-42475, Fortinet's CNA statement (cve5/vulnrichment).
    var p = withSeverities("CVE-2022-42475", List.of(record("cve5", "CVE-2022-42475",
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:U/RC:C", 9.3, "fortinet"))));
    assertThat(SignalCollector.bestCvss(p)).hasValueSatisfying(c -> {
      assertThat(c.score()).isEqualTo(9.8);
      assertThat(c.note()).isEqualTo("stated 9.3 is the vector's temporal score; the base score is used");
    });
  }

  @Test
  void aVectorTheCalculatorCannotReadFallsBackToTheStatedScoreAndSaysSo() {
    var p = withSeverities("CVE-2024-0002", List.of(record("nvd", "CVE-2024-0002",
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", 9.1, "nvd@nist.gov"))));
    assertThat(SignalCollector.bestCvss(p)).hasValueSatisfying(c -> {
      assertThat(c.computed()).isFalse();
      assertThat(c.score()).isEqualTo(9.1);
      assertThat(c.note()).isEqualTo("vector not computable: the stated score is used");
    });
  }

  @Test
  void withoutSsvcAutomatableAndTechnicalImpactAreDerivedFromTheCvssVector() {
    var p = withSeverities("CVE-2024-3094", List.of(record("cve5", "CVE-2024-3094",
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "redhat"))));
    Signals s = collector.collect(RealProfiles.finding("h", "CVE-2024-3094", "5.6.1"), p, web);
    assertThat(s.automatable()).isEqualTo(new Sourced<>(true, Provenance.DERIVED,
        "derived from CVSS 3.1 AV/PR/UI (CVE-2024-3094)"));
    assertThat(s.technicalImpact()).isEqualTo(new Sourced<>(TechnicalImpact.TOTAL, Provenance.DERIVED,
        "derived from CVSS 3.1 impact metrics (CVE-2024-3094)"));
    assertThat(s.exploitation().provenance()).isEqualTo(Provenance.ASSUMED);
    assertThat(s.assumptions()).contains("exploitation unknown (no KEV entry or SSVC statement), treated as none");

    var local = withSeverities("CVE-2024-0003", List.of(record("cve5", "CVE-2024-0003",
        new Severity("CVSS_V3", "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:H", 7.6, "x"))));
    Signals l = collector.collect(RealProfiles.finding("h", "CVE-2024-0003", ""), local, web);
    assertThat(l.automatable().value()).isFalse();
    assertThat(l.technicalImpact().value()).isEqualTo(TechnicalImpact.PARTIAL);
  }

  @Test
  void aCisaAdpKevStatementCountsAsKevWithoutADueDateWhenTheCatalogLacksTheEntry() {
    VulnerabilityProfile p = RealProfiles.log4shell();
    VulnerabilityProfile withoutCatalog = new VulnerabilityProfile(p.id(), p.advisory(), null, p.epss(), p.techniques());
    Signals s = collector.collect(RealProfiles.log4shellOnDebian("web-01"), withoutCatalog, web);
    assertThat(s.kev()).isEqualTo(new KevStatus("CVE-2021-44228", LocalDate.parse("2021-12-10"), null, false,
        "CISA-ADP"));
    assertThat(s.exploitation().value()).isEqualTo(Exploitation.ACTIVE);
  }

  @Test
  void anAdvisoryCoveringSeveralCvesTakesTheStrongestSignalOfEach() {
    Signals s = collector.collect(RealProfiles.finding("h", "DSA-9999-1", "1.1"),
        List.of(RealProfiles.vuldb10140(), RealProfiles.panOs(RealProfiles.panOsKevAugust2025())), web);
    assertThat(s.cveIds()).containsExactly("CVE-2024-0012", "CVE-2024-10140");
    assertThat(s.kev().cveId()).isEqualTo("CVE-2024-0012");
    assertThat(s.cvss().cveId()).isEqualTo("CVE-2024-10140");
    assertThat(s.epss()).isEqualTo(new EpssScore("CVE-2024-0012", 0.99698, 0.99951));
    assertThat(s.exploitation().value()).isEqualTo(Exploitation.ACTIVE);
    assertThat(s.automatable().provenance()).as("a stated 'no' beats an assumed 'no'").isEqualTo(Provenance.STATED);
  }

  @Test
  void aFindingWithoutAnyKnownVulnerabilityAssumesEverything() {
    Signals s = collector.collect(RealProfiles.finding("h", "PYSEC-2020-1", ""), List.of(), web);
    assertThat(s.cveIds()).isEmpty();
    assertThat(s.exploitation().provenance()).isEqualTo(Provenance.ASSUMED);
    assertThat(s.exposureStart()).isEmpty();
  }
}
