package org.patchwarden.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

class FixPlanTest {
  private static final Instant SEEN = Instant.parse("2026-08-01T09:00:00Z");

  /** A finding on {@code asset} of a Debian package, prioritised with the given tier, due date and KEV membership. */
  private static PrioritisedFinding finding(String asset, String pkg, String installed, String advisory, String cve,
      String fixed, Confidence confidence, String tier, int rank, String due, boolean kev) {
    Finding f = new Finding(asset, new InstalledPackage("deb", pkg, installed, pkg, installed, "amd64", ""), advisory,
        Set.of(cve), "debian-dsa", "Debian:11", pkg, installed, AffectedStatus.AFFECTED, "< " + fixed, fixed, confidence);
    Signals s = new Signals(f.key(), asset, advisory, List.of(cve), confidence, null, null,
        kev ? new KevStatus(cve, LocalDate.parse("2026-07-01"), LocalDate.parse(due), false, KevStatus.CATALOG) : null,
        List.of(), new Sourced<>(Exploitation.NONE, Provenance.ASSUMED, "nothing said"),
        new Sourced<>(false, Provenance.ASSUMED, "nothing said"),
        new Sourced<>(TechnicalImpact.PARTIAL, Provenance.ASSUMED, "nothing said"), fixed, null,
        new AssetContext(asset, "production", "web", 2, true, true), List.of());
    Assessment a = new Assessment(f.key(), asset, advisory, tier, "t", rank, null, LocalDate.parse("2026-08-01"),
        LocalDate.parse(due), DueBasis.TIER_WINDOW, List.of(), "because", s, List.of());
    return new PrioritisedFinding(new TrackedFinding(f, FindingStatus.OPEN, SEEN, SEEN, null, 0), a);
  }

  private static PrioritisedFinding chromium(String advisory, String cve, String fixed, String tier, int rank,
      String due, boolean kev) {
    return finding("web-01", "chromium", "97.0.4692.71-0.1~deb11u1", advisory, cve, fixed, Confidence.CONFIRMED,
        tier, rank, due, kev);
  }

  @Test
  void aPackagesFindingsBecomeOneUpgradeToTheHighestFixedVersionByTheEcosystemsOrder() {
    List<FixGroup> plan = FixPlan.of(List.of(
        chromium("DSA-5079-1", "CVE-2022-0603", "98.0.4758.102-1~deb11u1", "T1", 1, "2026-09-01", false),
        chromium("DSA-5121-1", "CVE-2022-1364", "100.0.4896.127-1~deb11u1", "T0", 0, "2026-08-20", true),
        chromium("DSA-5110-1", "CVE-2022-1096", "99.0.4844.84-1~deb11u1", "T0", 0, "2026-08-10", true)));

    assertThat(plan).hasSize(1);
    FixGroup g = plan.get(0);
    assertThat(g.action()).isEqualTo(FixAction.UPGRADE);
    assertThat(g.targetVersion()).as("100 > 99 > 98 as dpkg orders them, though not as text")
        .isEqualTo("100.0.4896.127-1~deb11u1");
    assertThat(g.findings()).hasSize(3);
    assertThat(g.kevFindings()).isEqualTo(2);
    assertThat(g.earliestDue()).isEqualTo(LocalDate.parse("2026-08-10"));
    assertThat(g.topTier()).isEqualTo("T0");
    assertThat(g.cveIds()).containsExactly("CVE-2022-0603", "CVE-2022-1096", "CVE-2022-1364");
    assertThat(g.findings().get(0).finding().advisoryId()).as("most urgent first").isEqualTo("DSA-5110-1");
  }

  @Test
  void findingsWithoutAFixAndProductOnlyKevFindingsGetGroupsOfTheirOwnAndTheMostUrgentGroupComesFirst() {
    List<FixGroup> plan = FixPlan.of(List.of(
        finding("web-01", "openssl", "1.1.1n-0+deb11u3", "CVE-2026-1", "CVE-2026-1", "", Confidence.CONFIRMED,
            "T2", 2, "2026-10-01", false),
        finding("web-01", "openssl", "1.1.1n-0+deb11u3", "DSA-9-1", "CVE-2026-2", "1.1.1w-0+deb11u1",
            Confidence.CONFIRMED, "T2", 2, "2026-09-15", false),
        finding("fw-01", "paloaltonetworks:pan-os", "10.2.9-h1", "CVE-2019-1579", "CVE-2019-1579", "",
            Confidence.PRODUCT_ONLY, "T0", 0, "2022-07-10", true),
        finding("fw-01", "paloaltonetworks:pan-os", "10.2.9-h1", "CVE-2020-2021", "CVE-2020-2021", "",
            Confidence.PRODUCT_ONLY, "T0", 0, "2022-04-15", true)));

    assertThat(plan).extracting(FixGroup::action, FixGroup::assetName, FixGroup::packageName, FixGroup::targetVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FixAction.VERIFY, "fw-01", "paloaltonetworks:pan-os", ""),
            org.assertj.core.groups.Tuple.tuple(FixAction.UPGRADE, "web-01", "openssl", "1.1.1w-0+deb11u1"),
            org.assertj.core.groups.Tuple.tuple(FixAction.NO_FIX_YET, "web-01", "openssl", ""));
    assertThat(plan.get(0).kevFindings()).isEqualTo(2);
    assertThat(plan.get(0).earliestDue()).isEqualTo(LocalDate.parse("2022-04-15"));
  }

  @Test
  void theSamePackageOnTwoAssetsIsTwoGroups() {
    List<FixGroup> plan = FixPlan.of(List.of(
        chromium("DSA-5110-1", "CVE-2022-1096", "99.0.4844.84-1~deb11u1", "T0", 0, "2026-08-10", true),
        finding("web-02", "chromium", "97.0.4692.71-0.1~deb11u1", "DSA-5110-1", "CVE-2022-1096",
            "99.0.4844.84-1~deb11u1", Confidence.CONFIRMED, "T0", 0, "2026-08-10", true)));
    assertThat(plan).extracting(FixGroup::assetName).containsExactly("web-01", "web-02");
  }
}
