package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scanner-report} on the real DefectDojo sample reports (copied under formats' test resources),
 * with and without a database of known assets.
 */
class ScannerReportCommandTest {
  private static final Path SAMPLES = Path.of("../formats/src/test/resources/scanners");
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path home;
  @TempDir Path work;

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  /** Creates assets by scanning a one-line requirements.txt under each name. */
  private void assets(String... names) throws IOException {
    Path req = Files.writeString(work.resolve("requirements.txt"), "requests==2.0.0\n");
    for (String name : names) {
      var r = run("scan", req.toString(), "--asset", name);
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
  }

  @Test
  void listsEachReachedHostWithItsCvesAndTheKnownAssetItIs() throws IOException {
    assets("server99", "web-01");

    var r = run("scanner-report", SAMPLES.resolve("openvas/report_detail_v2.xml").toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("openvas report ", "finished 2025-08-22T15:09:57Z: 1 host reached, 93 distinct CVEs")
        .contains("10.99.99.99 (server99) -> asset server99: 93 CVEs")
        .contains("  CVE-2025-36350 CVE-2025-36357 CVE-2025-47159 CVE-2025-47971 CVE-2025-47972 CVE-2025-47973\n")
        .contains("Known assets the scan did not reach (no evidence either way): 1: web-01");
  }

  @Test
  void mapsHostsByAddressAsWellAsByName() throws IOException {
    assets("qa3app01", "10.31.112.22");

    var r = run("scanner-report", SAMPLES.resolve("nessus/nessus_v_unknown.xml").toString(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.get("schema").asText()).isEqualTo("patchwarden.scanner-report/1");
    assertThat(report.get("scanner").asText()).isEqualTo("nessus");
    assertThat(report.get("assets_mapped").asBoolean()).isTrue();
    assertThat(report.get("hosts")).hasSize(7);
    assertThat(report.get("hosts")).filteredOn(h -> !h.get("assets").isEmpty())
        .extracting(h -> h.get("host_name").asText() + "=" + h.get("assets").get(0).asText())
        .containsExactly("qa3app02=10.31.112.22", "qa3app01=qa3app01");
    assertThat(report.get("hosts")).allSatisfy(h ->
        assertThat(h.get("cve_ids").toString()).isEqualTo("[\"CVE-2005-1794\"]"));
    assertThat(report.get("assets_not_reached")).isEmpty();
    assertThat(report.get("finished_at").asText()).isEmpty();
    assertThat(report.fieldNames()).toIterable()
        .containsExactlyInAnyOrderElementsOf(FindingsOutputTest.keys("scanner-reports.md", "JSON"));
    assertThat(report.get("hosts").get(0).fieldNames()).toIterable()
        .containsExactlyInAnyOrderElementsOf(FindingsOutputTest.keys("scanner-reports.md", "HOST"));
  }

  @Test
  void withoutADatabaseHostsAreListedButNotMappedAndNoDatabaseIsCreated() throws IOException {
    var r = run("scanner-report", SAMPLES.resolve("openvas/one_vuln.xml").toString(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.get("assets_mapped").asBoolean()).isFalse();
    assertThat(report.get("hosts").get(0).get("address").asText()).isEqualTo("10.0.101.2");
    assertThat(report.get("cve_ids")).hasSize(12);
    try (var files = Files.list(home)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aCleanReportThatReachedNoHostSaysSo() {
    var r = run("scanner-report", SAMPLES.resolve("openvas/no_vuln.xml").toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(": 0 hosts reached, 0 distinct CVEs");
  }

  @Test
  void aTruncatedReportIsRefusedWithExitCode2NamingFileAndPlace() throws IOException {
    String whole = Files.readString(SAMPLES.resolve("nessus/nessus_with_cvssv3.nessus"));
    Path cut = Files.writeString(work.resolve("cut.nessus"), whole.substring(0, whole.length() / 3));

    var r = run("scanner-report", cut.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("patchwarden: refused scanner report: " + cut + " at line ")
        .containsPattern("line \\d+, column \\d+: ");
  }

  @Test
  void aReportWithAnExternalEntityIsRefusedWithExitCode2() throws IOException {
    Path xxe = Files.writeString(work.resolve("xxe.xml"), """
        <?xml version="1.0"?>
        <!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <report><report><results><result><host>&x;</host></result></results></report></report>
        """);

    var r = run("scanner-report", xxe.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("document type declarations and entities are refused").doesNotContain("root:");
  }

  @Test
  void aMissingFileIsAUsageError() {
    var r = run("scanner-report", work.resolve("nope.nessus").toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("nope.nessus: no such file");
  }
}
