package org.patchwarden.formats.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedScannerTest {
  @TempDir Path root;

  private Path write(String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  private FeedInput only(FeedScanner.Scan scan, String source) {
    return scan.inputs().stream().filter(i -> i.source().equals(source)).findFirst().orElseThrow();
  }

  @Test
  void ordersKevCatalogsByVersionSoThatTheNewestEndsCurrent() throws IOException {
    write("kev/known_exploited_vulnerabilities.json", "{\"title\":\"x\",\"catalogVersion\": \"2025.08.25\",\"vulnerabilities\":[]}");
    write("kev/2025-01-29/known_exploited_vulnerabilities.json", "{\"catalogVersion\":\"2025.01.29\",\"vulnerabilities\":[]}");
    write("kev/known_exploited_vulnerabilities_schema.json", "{\"$schema\":\"x\",\"properties\":{\"catalogVersion\":{}}}");

    var scan = FeedScanner.scan(root);

    assertThat(scan.inputs()).extracting(FeedInput::kind, FeedInput::declaredVersion).containsExactly(
        org.assertj.core.groups.Tuple.tuple(FeedKind.KEV_JSON, "2025.01.29"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.KEV_JSON, "2025.08.25"));
    assertThat(scan.skipped()).containsKey("JSON schema");
  }

  @Test
  void skipsAKevCsvBesideItsJsonAndAGzipBesideItsPlainFile() throws IOException {
    write("kev/known_exploited_vulnerabilities.json", "{\"catalogVersion\":\"v\",\"vulnerabilities\":[]}");
    write("kev/known_exploited_vulnerabilities.csv", "cveID,vendorProject,product\n");
    String epss = "#model_version:v2025.03.14,score_date:2026-08-22T00:00:00+0000\ncve,epss,percentile\n";
    write("epss/scores.csv", epss);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("epss/scores.csv.gz")))) {
      out.write(epss.getBytes());
    }

    var scan = FeedScanner.scan(root);

    assertThat(only(scan, "epss").paths()).containsExactly(root.resolve("epss/scores.csv"));
    assertThat(scan.inputs()).extracting(FeedInput::kind).doesNotContain(FeedKind.KEV_CSV);
    assertThat(scan.skipped()).containsKeys("KEV CSV next to the same catalog in JSON", "gzip copy of a plain file next to it");
  }

  @Test
  void recognisesEachLayoutByStructureAndContent() throws IOException {
    write("debian/data/DSA/list", "[01 Jan 2022] DSA-1-1 x - y\n");
    write("debian/data/DLA/list", "[01 Jan 2022] DLA-1-1 x - y\n");
    write("debian/data/CPE/list", "whatever\n");
    write("ssvc/json/decision_points/e.json", "{}");
    write("ssvc/json/decision_tables/t.json", "{}");
    write("attack/enterprise-attack/attack-pattern/a.json", "{}");
    write("cve5/cves/2024/1xxx/CVE-2024-1000.json", "{}");
    write("nvd/page.json", "{\"resultsPerPage\":1,\"format\":\"NVD_CVE\"}");
    write("mappings/kev.json", "{\"metadata\":{\"mapping_framework\":\"kev\"},\"mapping_objects\":[]}");
    write("stix/ics-attack-18.1.json", "{\"type\": \"bundle\",\"objects\":[]}");
    write("tracker/json", "x");
    write("tracker.json", "{\"openssl\": {\"CVE-2024-1\": {\"releases\": {}}}}");

    var scan = FeedScanner.scan(root);

    assertThat(scan.inputs()).extracting(FeedInput::kind, FeedInput::source).contains(
        org.assertj.core.groups.Tuple.tuple(FeedKind.DEBIAN_DSA, "debian-dsa"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.DEBIAN_DLA, "debian-dla"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.SSVC, "ssvc"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.ATTACK_STIX, "attack:enterprise-attack"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.ATTACK_STIX, "attack:ics-attack"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.CVE5, "cve5"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.NVD_API, "nvd"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.ATTACK_MAPPINGS, "attack-mappings"),
        org.assertj.core.groups.Tuple.tuple(FeedKind.DEBIAN_TRACKER_JSON, "debian-tracker"));
    assertThat(only(scan, "cve5").paths()).containsExactly(root.resolve("cve5/cves"));
    assertThat(scan.skipped().get("not a known feed format")).contains(root.resolve("debian/data/CPE/list"));
  }

  @Test
  void namesOsvSourcesByTheEcosystemTheirRecordsNameNeverByTheirFolder() throws IOException {
    String go = "{\"schema_version\":\"1.3.1\",\"id\":\"GO-2024-0001\",\"modified\":\"2024-01-01T00:00:00Z\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"Go\",\"name\":\"example.com/m\"}}]}";
    write("osv/go/GO-2024-0001.json", go);
    write("osv/go/GO-2024-0002.json", go.replace("0001", "0002"));
    write("someone-elses-copy/GO-2024-0003.json", go.replace("0001", "0003"));
    // withdrawn, no ecosystem: goes with its folder's records
    write("osv/go/GO-2024-0004.json", "{\"id\":\"GO-2024-0004\",\"modified\":\"2024-01-01T00:00:00Z\"}");
    write("osv/pypa/vulns/django/PYSEC-2022-1.yaml", "id: PYSEC-2022-1\nmodified: 2022-01-01T00:00:00Z\n"
        + "affected:\n- package:\n    ecosystem: PyPI\n    name: django\n");
    write("alma/ALSA-2024:1.json", "{\"id\":\"ALSA-2024:1\",\"modified\":\"2024-01-01T00:00:00Z\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"AlmaLinux:9\",\"name\":\"openssl\"}}]}");
    write("osv/go/index.json", "{\"id\": \"10296991-439b\", \"name\": \"not OSV\"}");

    var scan = FeedScanner.scan(root);

    assertThat(only(scan, "osv:go").paths()).hasSize(4);
    assertThat(only(scan, "osv:pypi").paths()).hasSize(1);
    assertThat(only(scan, "osv:almalinux").paths()).hasSize(1);
    assertThat(scan.inputs()).extracting(FeedInput::source).doesNotContain("osv:pypa", "osv:someone-elses-copy", "osv:alma");
    assertThat(scan.skipped().get("not a known feed format")).contains(root.resolve("osv/go/index.json"));
  }

  @Test
  void theBundledOsvDataGetsTheNamesTheUpstreamSyncUses() {
    // The demo's slice of ../shared/data/feeds/osv, in the repository (its PyPI folder is named pypa).
    Path shared = Path.of("..", "app", "src", "main", "resources", "demo", "feeds", "osv").toAbsolutePath().normalize();
    var scan = FeedScanner.scan(shared);
    assertThat(scan.inputs()).extracting(FeedInput::source)
        .contains("osv:go", "osv:pypi", "osv:almalinux")
        .allMatch(s -> !s.equals("osv:fixtures") && !s.equals("osv:pypa"));
  }

  @Test
  void anEmptyFolderAndABrokenLinkAreReportedAndALinkedFolderScansLikeACopy() throws IOException {
    String go = "{\"id\":\"GO-2024-0001\",\"modified\":\"2024-01-01T00:00:00Z\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"Go\",\"name\":\"m\"}}]}";
    Path real = write("elsewhere/GO-2024-0001.json", go).getParent();
    Files.createDirectories(root.resolve("mirror/empty"));
    Files.createSymbolicLink(root.resolve("mirror/linked"), real);
    Files.createSymbolicLink(root.resolve("mirror/gone"), root.resolve("nowhere"));

    var scan = FeedScanner.scan(root.resolve("mirror"));

    assertThat(only(scan, "osv:go").paths()).containsExactly(root.resolve("mirror/linked/GO-2024-0001.json"));
    assertThat(scan.skipped().get("empty directory")).containsExactly(root.resolve("mirror/empty"));
    assertThat(scan.skipped().get("broken symbolic link")).containsExactly(root.resolve("mirror/gone"));
  }

  @Test
  void scansASingleFile() throws IOException {
    Path kev = write("known_exploited_vulnerabilities.json", "{\"catalogVersion\":\"v\",\"vulnerabilities\":[]}");
    assertThat(FeedScanner.scan(kev).inputs()).singleElement().extracting(FeedInput::kind).isEqualTo(FeedKind.KEV_JSON);
  }

  @Test
  void aMissingPathIsNamed() {
    assertThatThrownBy(() -> FeedScanner.scan(root.resolve("nope"))).hasMessageContaining("no such file or directory");
  }
}
