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
 * Asset context end to end (scan options, asset set/show/list, what assessment assumes), coverage
 * of SBOMs without an os-release, and read-only commands on a home without a database; on the real
 * AlmaLinux 9 advisories of the bundled snapshot.
 */
class AssetContextCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Two packages of the demo's alma-db-01 as an image SBOM would list them: no os-release, distro= purls. */
  private static final String ALMA_SBOM = """
      {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
       "metadata": {"component": {"type": "container", "name": "alma-img"}},
       "components": [
        {"type": "library", "name": "kernel", "version": "5.14.0-569.21.1.el9_6",
         "purl": "pkg:rpm/almalinux/kernel@5.14.0-569.21.1.el9_6?arch=x86_64&distro=almalinux-9.4"},
        {"type": "library", "name": "glibc", "version": "2.34-167.el9_6.19",
         "purl": "pkg:rpm/almalinux/glibc@2.34-167.el9_6.19?arch=x86_64&distro=almalinux-9.4"}
       ]}
      """;
  @TempDir Path home;
  @TempDir Path work;

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  private Path almaSbom() throws IOException {
    Path feeds = DemoCommand.extract("feeds", work.resolve("feeds"));
    var load = run("feeds", "load", "--from", feeds.resolve("osv/almalinux").toString());
    assertThat(load.exitCode()).as(load.err()).isZero();
    return Files.writeString(work.resolve("alma.cdx.json"), ALMA_SBOM);
  }

  @Test
  void anAlmaLinuxSbomWithoutOsReleaseIsMatchedInTheReleaseItsPurlsDistroQualifierNames() throws IOException {
    var r = run("scan", almaSbom().toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode scan = JSON.readTree(r.out());
    // before: "no advisory ecosystem is known for rpm without an OS" and no findings at all
    assertThat(scan.get("gaps")).isEmpty();
    assertThat(scan.get("findings")).anySatisfy(f -> {
      assertThat(f.get("package").asText()).isEqualTo("glibc");
      assertThat(f.get("advisory_id").asText()).isEqualTo("ALSA-2025:8655");
      assertThat(f.get("fixed_version").asText()).isEqualTo("2.34-168.el9_6.19");
    });
    assertThat(scan.get("findings")).hasSize(6);
  }

  @Test
  void aMavenSbomAgainstASingleMavenAdvisoryIsReportedAsNoDataNotClean() throws IOException {
    // the one real Maven advisory of the shared OSV fixtures (dependency-track)
    Path ghsa = Path.of("../formats/src/test/resources/feed/osv/single/osv-GHSA-77rv-6vfw-x4gc.json");
    Path feed = Files.createDirectories(work.resolve("maven-feed"));
    Files.copy(ghsa, feed.resolve(ghsa.getFileName()));
    assertThat(run("feeds", "load", "--from", feed.toString()).exitCode()).isZero();
    Path sbom = Files.writeString(work.resolve("app.cdx.json"), """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
          {"type": "library", "name": "jackson-databind", "version": "2.13.2.1",
           "purl": "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2.1?type=jar"}]}
        """);
    var r = run("scan", sbom.toString(), "--asset", "orders-app");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("NO DATA: 1 packages: sparse: only 1 advisory entry for Maven");
  }

  @Test
  void aScannedAssetKeepsItsContextUnknownAndAssessmentSaysWhatItAssumes() throws IOException {
    Path sbom = almaSbom();
    assertThat(run("scan", sbom.toString()).exitCode()).isZero();

    var show = run("asset", "show", "alma-img");
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out()).contains("criticality      not stated (assumed 2)")
        .contains("internet-facing  not stated (assumed no)")
        .contains("environment      not stated (assumed production)");
    // before: criticality 2 and "not internet-facing" were stored as facts and never listed as assumed
    var assess = run("assess");
    assertThat(assess.out()).contains("criticality unknown, treated as 2")
        .contains("internet exposure unknown, treated as not internet-facing");
  }

  @Test
  void contextSetWithAssetSetOrScanOptionsSurvivesLaterScansThatDoNotStateIt() throws IOException {
    Path sbom = almaSbom();
    assertThat(run("scan", sbom.toString(), "--team", "dba", "--tags", "db").exitCode()).isZero();
    var set = run("asset", "set", "alma-img", "--criticality", "1", "--env", "production", "--internet-facing");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).contains("criticality      1").contains("internet-facing  yes").contains("owner team       dba");

    assertThat(run("scan", sbom.toString()).exitCode()).isZero();
    var list = run("asset", "list");
    assertThat(list.out()).containsPattern("alma-img +application +production +dba +1 +yes +db");
    var assess = run("assess");
    assertThat(assess.out()).doesNotContain("criticality unknown").doesNotContain("internet exposure unknown")
        .doesNotContain("owner team unknown");

    assertThat(run("scan", sbom.toString(), "--internet-facing=false").exitCode()).isZero();
    assertThat(run("asset", "show", "alma-img").out()).contains("internet-facing  no").contains("criticality      1");
  }

  @Test
  void badContextValuesAndUnknownAssetsExitTwoNamingTheOptionAndTheAllowedValues() throws IOException {
    Path sbom = almaSbom();
    var crit = run("scan", sbom.toString(), "--criticality", "5");
    assertThat(crit.exitCode()).isEqualTo(2);
    assertThat(crit.err()).isEqualTo("patchwarden: --criticality: '5' is not one of 1, 2, 3, 4 (1 is the most critical)\n");
    assertThat(run("scan", sbom.toString()).exitCode()).isZero();
    var exposed = run("asset", "set", "alma-img", "--internet-facing=maybe");
    assertThat(exposed.exitCode()).isEqualTo(2);
    assertThat(exposed.err()).contains("--internet-facing: 'maybe' is not one of true, false");
    assertThat(run("asset", "set", "alma-img", "--env", "prod uction").err()).contains("--env: 'prod uction'");
    assertThat(run("asset", "set", "alma-img", "--tags", "a b").err()).contains("--tags: 'a b'");
    var unknown = run("asset", "set", "nope", "--criticality", "1");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("patchwarden: unknown asset 'nope'");
    assertThat(run("asset", "show", "nope").exitCode()).isEqualTo(2);
    assertThat(run("asset", "set", "alma-img").exitCode()).isEqualTo(2);
  }

  @Test
  void readOnlyCommandsOnAHomeWithoutADatabaseExitTwoAndCreateNothing() {
    Path db = home.resolve("patchwarden.db").toAbsolutePath();
    for (String[] args : new String[][] {{"findings"}, {"assess"}, {"explain", "CVE-2021-44228"},
        {"advisory", "CVE-2021-44228"}, {"feeds", "status"}, {"feeds", "changes", "osv:go"}, {"inventory", "history", "web-01"},
        {"asset", "list"}}) {
      var r = run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).isEqualTo("patchwarden: no database at " + db + "; run 'patchwarden demo' or 'feeds load'"
          + " first\n");
      assertThat(db).doesNotExist();
    }
    assertThat(home).isEmptyDirectory();
    assertThat(run("findings", "--help").exitCode()).isZero();
  }
}
