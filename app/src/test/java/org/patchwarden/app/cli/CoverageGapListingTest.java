package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unknown is never clean after the fact (issue 10 item 6): an asset whose packages no loaded data
 * covers is listed under NO DATA by every command that lists findings, long after its scan.
 */
class CoverageGapListingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPARSE = "sparse: only 1 advisory entry for Maven";
  @TempDir Path home;
  @TempDir Path work;

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  private JsonNode json(String... args) throws IOException {
    var r = run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  /** A Maven SBOM against the one Maven advisory of the shared OSV fixtures: no finding, and no data. */
  @BeforeEach
  void scanAMavenSbomThatNoDataCovers() throws IOException {
    Path ghsa = Path.of("../formats/src/test/resources/feed/osv/single/osv-GHSA-77rv-6vfw-x4gc.json");
    Path feed = Files.createDirectories(work.resolve("maven-feed"));
    Files.copy(ghsa, feed.resolve(ghsa.getFileName()));
    assertThat(run("feeds", "load", "--from", feed.toString()).exitCode()).isZero();
    Path sbom = Files.writeString(work.resolve("app.cdx.json"), """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [
          {"type": "library", "name": "jackson-databind", "version": "2.13.2.1",
           "purl": "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2.1?type=jar"}]}
        """);
    var scan = run("scan", sbom.toString(), "--asset", "orders-app");
    assertThat(scan.exitCode()).as(scan.err()).isZero();
    assertThat(scan.out()).contains("NO DATA").contains(SPARSE);
  }

  @Test
  void findingsAssessAndPlanListTheAssetUnderNoDataLongAfterTheScan() {
    for (String[] command : new String[][] {{"findings"}, {"findings", "--asset", "orders-app"}, {"assess"}, {"plan"},
        {"plan", "--asset", "orders-app"}}) {
      var r = run(command);
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).as(String.join(" ", command))
          .contains("NO DATA (no finding here does not mean clean):")
          .contains("  orders-app: 1 package: " + SPARSE);
    }
  }

  @Test
  void everyFindingsJsonCarriesTheStoredGapsWithTheirAsset() throws IOException {
    for (String[] command : new String[][] {{"findings", "--json"}, {"findings", "--asset", "orders-app", "--json"},
        {"assess", "--json"}, {"plan", "--json"}}) {
      JsonNode gaps = json(command).get("coverage_gaps");
      assertThat(gaps).as(String.join(" ", command)).hasSize(1);
      JsonNode gap = gaps.get(0);
      assertThat(gap.get("asset").asText()).isEqualTo("orders-app");
      assertThat(gap.get("advisory_ecosystem").asText()).isEqualTo("Maven");
      assertThat(gap.get("packages").asInt()).isEqualTo(1);
      assertThat(gap.get("reason").asText()).startsWith(SPARSE);
    }
  }

  @Test
  void aRescanReplacesTheRevisionsGapsInsteadOfAddingToThem() throws IOException {
    var again = run("scan", work.resolve("app.cdx.json").toString(), "--asset", "orders-app");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(json("findings", "--json").get("coverage_gaps")).hasSize(1);
  }

  @Test
  void anAssetFilterListsOnlyThatAssetsGaps() throws IOException {
    Path empty = Files.writeString(work.resolve("empty.cdx.json"), """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": []}
        """);
    var scan = run("scan", empty.toString(), "--asset", "empty-app");
    assertThat(scan.exitCode()).as(scan.err()).isZero();
    assertThat(json("findings", "--asset", "empty-app", "--json").get("coverage_gaps")).isEmpty();
    assertThat(run("plan", "--asset", "empty-app").out()).doesNotContain("NO DATA");
    assertThat(json("assess", "--json").get("coverage_gaps")).hasSize(1);
  }
}
