package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.formats.export.FindingsCsvWriter;
import org.patchwarden.formats.export.OfficialSchemas;

/** {@code patchwarden export} on the demo fleet (one demo for the class), each format checked against its schema. */
class ExportCommandTest {
  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOT_AFFECTED = "web-01|deb|webkit2gtk|DSA-5083-1";
  private static final String FALSE_POSITIVE = "web-01|deb|wpewebkit|DSA-5084-1";
  @TempDir static Path home;
  private static Map<String, String> env;

  @BeforeAll
  static void demoWithOneFindingNotAffectedAndOneFalsePositive() {
    var demo = CommandLineRunner.run(TODAY, Map.of("PATCHWARDEN_HOME", home.toString()), "", "demo");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    env = Map.of("PATCHWARDEN_HOME", home.resolve("demo").toString(), "USER", "ana");
    var mark = run("findings", "mark", NOT_AFFECTED, "--not-affected", "--reason",
        "vulnerable_code_not_in_execute_path: no browser engine runs on this server");
    assertThat(mark.exitCode()).as(mark.err()).isZero();
    var fp = run("false-positive", FALSE_POSITIVE, "--reason", "the backported fix is in this build");
    assertThat(fp.exitCode()).as(fp.err()).isZero();
  }

  private static CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(TODAY, env, "", args);
  }

  private static String export(String... args) {
    List<String> all = new ArrayList<>(List.of("export"));
    all.addAll(List.of(args));
    var r = run(all.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.out();
  }

  @Test
  void theDemoExportsAsJsonThatValidatesAgainstItsSchema() throws Exception {
    String json = export("--format", "json");
    assertThat(OfficialSchemas.exportErrors(json)).isEmpty();
    JsonNode doc = JSON.readTree(json);
    assertThat(doc.get("findings").size()).isGreaterThan(300);
    assertThat(doc.get("vulnerabilities").size()).isPositive();
  }

  @Test
  void theDemoExportsAsSarifThatValidatesAgainstTheOasisSchema() throws Exception {
    String sarif = export("--format", "sarif");
    assertThat(OfficialSchemas.sarifErrors(sarif)).isEmpty();
    JsonNode run = JSON.readTree(sarif).get("runs").get(0);
    assertThat(run.get("results").size()).isGreaterThan(300);
    assertThat(run.get("results").get(0).get("level").asText()).isEqualTo("error");
  }

  @Test
  void theDemoExportsAsCycloneDxVexThatValidatesAndStatesEachAnalysis() throws Exception {
    String cdx = export("--format", "cyclonedx-vex");
    assertThat(OfficialSchemas.cycloneDxErrors(cdx)).isEmpty();
    Map<String, JsonNode> byRef = new java.util.HashMap<>();
    JSON.readTree(cdx).get("vulnerabilities").forEach(v -> byRef.put(v.get("bom-ref").asText(), v.get("analysis")));
    assertThat(byRef.get("finding:" + NOT_AFFECTED).get("state").asText()).isEqualTo("not_affected");
    assertThat(byRef.get("finding:" + NOT_AFFECTED).get("justification").asText()).isEqualTo("code_not_reachable");
    assertThat(byRef.get("finding:" + FALSE_POSITIVE).get("state").asText()).isEqualTo("false_positive");
    assertThat(byRef.values()).extracting(a -> a.get("state").asText()).contains("exploitable", "in_triage");
  }

  @Test
  void theDemoExportsAsCsafVexThatValidatesAgainstTheOasisSchema() throws Exception {
    String csaf = export("--format", "csaf");
    assertThat(OfficialSchemas.csafErrors(csaf)).isEmpty();
    JsonNode doc = JSON.readTree(csaf);
    assertThat(doc.get("document").get("category").asText()).isEqualTo("csaf_vex");
    assertThat(csaf).contains("\"known_not_affected\"", "\"known_affected\"", "\"under_investigation\"");
  }

  @Test
  void theCsvHasTheDocumentedHeaderAndALinePerFindingOfTheFilter() {
    String csv = export("--format", "csv", "--asset", "web-01", "--status", "open");
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo(String.join(",", FindingsCsvWriter.COLUMNS));
    assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("\"web-01|"));
    assertThat(csv).doesNotContain(NOT_AFFECTED);
  }

  @Test
  void filtersNarrowTheExportAndAnAssetBecomesTheVexSubject() throws Exception {
    JsonNode kev = JSON.readTree(export("--format", "json", "--kev", "--tier", "t0"));
    assertThat(kev.get("findings")).isNotEmpty().allSatisfy(f -> {
      assertThat(f.get("in_kev").asBoolean()).isTrue();
      assertThat(f.get("tier").asText()).isEqualTo("T0");
    });
    JsonNode fp = JSON.readTree(export("--format", "json", "--status", "false-positive"));
    assertThat(fp.get("findings")).hasSize(1);
    assertThat(fp.get("findings").get(0).get("finding_key").asText()).isEqualTo(FALSE_POSITIVE);
    JsonNode team = JSON.readTree(export("--format", "json", "--team", "web-platform"));
    assertThat(team.get("findings")).isNotEmpty().allSatisfy(f -> assertThat(f.get("team").asText()).isEqualTo("web-platform"));
    String asset = export("--format", "cyclonedx-vex", "--asset", "web-01");
    assertThat(OfficialSchemas.cycloneDxErrors(asset)).isEmpty();
    assertThat(JSON.readTree(asset).get("metadata").get("component").get("name").asText()).isEqualTo("web-01");
  }

  @Test
  void outputGoesToTheFileWhole() throws Exception {
    Path file = home.resolve("fleet.sarif");
    var r = run("export", "--format", "sarif", "--output", file.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).containsPattern("export: \\d+ findings written to .*fleet.sarif \\(sarif\\)");
    assertThat(OfficialSchemas.sarifErrors(Files.readString(file))).isEmpty();
    try (var left = Files.list(home)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void anUnknownFormatAssetTierOrStatusIsRefusedWithExit2() {
    var format = run("export", "--format", "pdf");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("--format 'pdf' is not one of json, csv, sarif, cyclonedx-vex, csaf");
    var asset = run("export", "--format", "json", "--asset", "nope");
    assertThat(asset.exitCode()).isEqualTo(2);
    assertThat(asset.err()).contains("--asset 'nope' is not a known asset");
    assertThat(run("export", "--format", "json", "--tier", "T9").err()).contains("--tier 'T9' is not a tier of the policy");
    assertThat(run("export", "--format", "json", "--status", "closed").exitCode()).isEqualTo(2);
  }
}
