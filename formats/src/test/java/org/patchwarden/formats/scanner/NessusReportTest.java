package org.patchwarden.formats.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.patchwarden.remediate.ScannedHost;
import org.patchwarden.remediate.ScannerReport;
import org.junit.jupiter.api.Test;

class NessusReportTest {

  @Test
  void theCvssV3ReportNamesOneHostWithTheCvesOfAllItsItems() {
    ScannerReport report = ScannerReports.read(ScannerSamples.path("nessus/nessus_with_cvssv3.nessus"));

    assertThat(report.scanner()).isEqualTo("nessus");
    assertThat(report.hosts()).singleElement().satisfies(host -> {
      assertThat(host.address()).isEqualTo("44.228.249.3");
      assertThat(host.hostName()).isEqualTo("testphp.vulnweb.com");
      // grep -oE '<cve>CVE-[0-9]+-[0-9]+' nessus_with_cvssv3.nessus | sort -u | wc -l  -> 136
      assertThat(host.cveIds()).hasSize(136).contains("CVE-2014-8626")
          .isEqualTo(ScannerSamples.cveIdsInText("nessus/nessus_with_cvssv3.nessus"));
    });
    assertThat(report.finishedAt()).contains(Instant.ofEpochSecond(1648044472L));
  }

  @Test
  void aHostWhosePatchSummaryListsCvesStillHasThemWhenNoItemDoes() {
    ScannerReport report = ScannerReports.read(ScannerSamples.path("nessus/issue_6992.nessus"));

    // NB: this file's one report item has no <cve> element; the 110 CVEs are in the host's
    // patch-summary-cves-* property (the CVEs the missing PHP patch fixes).
    assertThat(report.hosts()).singleElement().satisfies(host -> {
      assertThat(host.isNamed("testphp.vulnweb.com")).isTrue();
      assertThat(host.isNamed("44.228.249.3")).isTrue();
      assertThat(host.cveIds()).hasSize(110).contains("CVE-2014-8626", "CVE-2012-1172")
          .isEqualTo(ScannerSamples.cveIdsInText("nessus/issue_6992.nessus"));
    });
  }

  @Test
  void aHostWithOnlyInformationalItemsIsReachedWithNoCve() {
    ScannerReport report = ScannerReports.read(ScannerSamples.path("nessus/nessus_many_vuln.xml"));

    assertThat(report.hosts()).containsExactly(
        new ScannedHost("12.233.108.201", "preprod.boardvantage.net", Set.of()));
    // NB: this Nessus 5 file has only HOST_END, local time without a zone: the time stays unknown.
    assertThat(report.finishedAt()).isEmpty();
  }

  @Test
  void sevenHostsEachStillReportTheSameSshCve() {
    ScannerReport report = ScannerReports.read(ScannerSamples.path("nessus/nessus_v_unknown.xml"));

    // In the file's order, which is descending.
    assertThat(report.hosts()).extracting(ScannedHost::hostName)
        .containsExactly("qa3app09", "qa3app06", "qa3app05", "qa3app04", "qa3app03", "qa3app02", "qa3app01");
    assertThat(report.hosts()).extracting(ScannedHost::address).containsExactly(
        "10.31.112.29", "10.31.112.26", "10.31.112.25", "10.31.112.24", "10.31.112.23", "10.31.112.22",
        "10.31.112.21");
    assertThat(report.hosts()).allSatisfy(host -> assertThat(host.cveIds()).containsExactly("CVE-2005-1794"));
    assertThat(report.host("QA3APP09")).map(ScannedHost::address).contains("10.31.112.29");
    assertThat(report.host("qa3app07")).isEmpty();
  }
}
