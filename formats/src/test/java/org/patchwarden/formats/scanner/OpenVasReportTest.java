package org.patchwarden.formats.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.patchwarden.remediate.ScannedHost;
import org.patchwarden.remediate.ScannerReport;
import org.junit.jupiter.api.Test;

class OpenVasReportTest {

  @Test
  void manyVulnReportsOneHostWithTheFortySixCvesOfItsResults() {
    ScannerReport report = ScannerReports.read(ScannerSamples.path("openvas/many_vuln.xml"));

    assertThat(report.scanner()).isEqualTo("openvas");
    assertThat(report.source()).endsWith("many_vuln.xml");
    assertThat(report.hosts()).singleElement().satisfies(host -> {
      // NB: the address is not a valid IPv4 address in the original report either; kept as written.
      assertThat(host.address()).isEqualTo("192.168.1.1001");
      assertThat(host.hostName()).isEqualTo("b6b9f466d63");
      // grep -oE 'CVE-[0-9]+-[0-9]+' many_vuln.xml | sort -u | wc -l  -> 46
      assertThat(host.cveIds()).hasSize(46)
          .contains("CVE-1999-0497", "CVE-1999-0501")
          .isEqualTo(ScannerSamples.cveIdsInText("openvas/many_vuln.xml"));
    });
    assertThat(report.finishedAt()).contains(Instant.parse("2023-09-26T13:04:00Z"));
  }

  @Test
  void oneVulnReportsTheTwelveFirefoxCvesOnItsOnlyHost() {
    ScannerReport report = ScannerReports.read(ScannerSamples.path("openvas/one_vuln.xml"));

    assertThat(report.hosts()).containsExactly(new ScannedHost("10.0.101.2", "", java.util.Set.of(
        "CVE-2023-4573", "CVE-2023-4574", "CVE-2023-4575", "CVE-2023-4576", "CVE-2023-4577", "CVE-2023-4578",
        "CVE-2023-4579", "CVE-2023-4580", "CVE-2023-4581", "CVE-2023-4583", "CVE-2023-4584", "CVE-2023-4585")));
    assertThat(report.host("10.0.101.2")).isPresent();
    assertThat(report.finishedAt()).contains(Instant.parse("2023-09-28T16:12:15Z"));
  }

  @Test
  void noVulnReachedNoHostAndSaysSo() {
    ScannerReport report = ScannerReports.read(ScannerSamples.path("openvas/no_vuln.xml"));

    // NB: this report's <hosts><count> is 0: the scan reached nothing, so it proves nothing about a host.
    assertThat(report.hosts()).isEmpty();
    assertThat(report.finishedAt()).contains(Instant.parse("2023-09-25T10:54:26Z"));
  }

  @Test
  void theNewerLayoutNamesTheHostAndItsNinetyThreeCves() {
    ScannerReport report = ScannerReports.read(ScannerSamples.path("openvas/report_detail_v2.xml"));

    assertThat(report.hosts()).singleElement().satisfies(host -> {
      assertThat(host.address()).isEqualTo("10.99.99.99");
      assertThat(host.hostName()).isEqualTo("server99");
      assertThat(host.cveIds()).hasSize(93).contains("CVE-2025-47981", "CVE-2025-53789")
          .isEqualTo(ScannerSamples.cveIdsInText("openvas/report_detail_v2.xml"));
    });
    assertThat(report.host("SERVER99")).isPresent();
    assertThat(report.finishedAt()).contains(Instant.parse("2025-08-22T15:09:57Z"));
  }

  @Test
  void aResultAnOverrideMarkedFalsePositiveLeavesTheHostReachedButClean() {
    String xml = """
        <report><report><results>
          <result><host>10.0.0.5<hostname>db5</hostname></host>
            <nvt><refs><ref type="cve" id="CVE-2024-0001"/></refs></nvt>
            <threat>False Positive</threat><severity>-1.0</severity></result>
          <result><host>10.0.0.5</host>
            <nvt><cve>CVE-2011-0002, CVE-2011-0003</cve></nvt><threat>High</threat></result>
          <result><host>10.0.0.6</host><nvt><cve>NOCVE</cve></nvt></result>
        </results></report></report>""";

    ScannerReport report = ScannerReports.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        "fp.xml", ScannerReadLimits.DEFAULT);

    assertThat(report.hosts()).containsExactly(
        new ScannedHost("10.0.0.5", "db5", java.util.Set.of("CVE-2011-0002", "CVE-2011-0003")),
        new ScannedHost("10.0.0.6", "", java.util.Set.of()));
    assertThat(report.finishedAt()).isEmpty();
  }

  @Test
  void aGmpResponseAroundTheReportIsReadToo() {
    String xml = """
        <get_reports_response status="200" status_text="OK"><report id="r"><report id="r">
          <host><ip>10.1.1.1</ip><detail><name>hostname</name><value>web1.example</value></detail></host>
          <scan_end>2024-01-02T03:04:05Z</scan_end>
        </report></report></get_reports_response>""";

    ScannerReport report = ScannerReports.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
        "gmp.xml", ScannerReadLimits.DEFAULT);

    assertThat(report.hosts()).containsExactly(new ScannedHost("10.1.1.1", "web1.example", java.util.Set.of()));
    assertThat(report.finishedAt()).contains(Instant.parse("2024-01-02T03:04:05Z"));
  }
}
