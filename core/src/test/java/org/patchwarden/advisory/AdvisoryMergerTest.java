package org.patchwarden.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdvisoryMergerTest {
  private static AdvisoryRecord record(String source, String id, String... aliases) {
    return new AdvisoryRecord(source, id, Set.of(aliases), "", "", null, null, false, List.of(), List.of(),
        List.of(), List.of());
  }

  @Test
  void recordsNamingTheSameCveMergeWithoutLosingTheirSources() {
    var nvd = record("nvd", "CVE-2024-1");
    var ghsa = record("osv", "GHSA-aaaa", "CVE-2024-1");
    var go = record("osv", "GO-2024-1", "GHSA-aaaa");
    List<Advisory> merged = AdvisoryMerger.merge(List.of(nvd, ghsa, go));
    assertThat(merged).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo("CVE-2024-1");
      assertThat(a.ids()).containsExactlyInAnyOrder("CVE-2024-1", "GHSA-aaaa", "GO-2024-1");
      assertThat(a.records()).containsExactly(nvd, ghsa, go);
    });
  }

  @Test
  void twoCvesAreNeverMergedEvenWhenOneAdvisoryFixesBoth() {
    var dsa = record("debian-dsa", "DSA-5309-1", "CVE-2022-42852", "CVE-2022-42856");
    var nvd = record("nvd", "CVE-2022-42856");
    List<Advisory> merged = AdvisoryMerger.merge(List.of(dsa, nvd));
    assertThat(merged).extracting(Advisory::id).containsExactly("CVE-2022-42852", "CVE-2022-42856");
    assertThat(merged.get(1).records()).containsExactly(dsa, nvd);
    assertThat(merged.get(0).records()).containsExactly(dsa);
    assertThat(merged.get(0).ids()).contains("DSA-5309-1");
  }

  @Test
  void anAdvisoryWithoutCveStandsOnItsOwn() {
    var pysec = record("osv", "PYSEC-2022-1", "GHSA-bbbb");
    assertThat(AdvisoryMerger.merge(List.of(pysec))).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo("GHSA-bbbb");
      assertThat(a.ids()).containsExactly("GHSA-bbbb", "PYSEC-2022-1");
    });
  }
}
