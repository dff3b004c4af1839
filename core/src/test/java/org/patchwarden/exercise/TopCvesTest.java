package org.patchwarden.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;

class TopCvesTest {
  private static Finding finding(String asset, String advisory, String... aliases) {
    return new Finding(asset, InstalledPackage.of("pypi", "lib", "1.0"), advisory, Set.of(aliases), "osv:pypi", "PyPI",
        "lib", "1.0", AffectedStatus.AFFECTED, "< 1.1", "1.1", Confidence.CONFIRMED);
  }

  @Test
  void kevListedCvesComeFirstThenThoseOnMoreAssetsThenById() {
    List<Finding> findings = List.of(
        finding("a", "GHSA-1", "CVE-2024-0003"), finding("b", "GHSA-1", "CVE-2024-0003"),
        finding("a", "CVE-2024-0002"),
        finding("a", "DSA-1", "CVE-2024-0009", "CVE-2024-0001"),
        finding("c", "GHSA-2"));

    assertThat(TopCves.choose(findings, Set.of("CVE-2024-0009"), 3))
        .containsExactly("CVE-2024-0009", "CVE-2024-0003", "CVE-2024-0001");
    assertThat(TopCves.choose(findings, Set.of(), 10))
        .containsExactly("CVE-2024-0003", "CVE-2024-0001", "CVE-2024-0002", "CVE-2024-0009");
    assertThat(TopCves.choose(List.of(finding("c", "GHSA-2")), Set.of(), 5)).isEmpty();
  }
}
