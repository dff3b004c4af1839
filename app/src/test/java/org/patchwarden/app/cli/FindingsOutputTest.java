package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.version.Schemes;

/**
 * What findings, assess, explain, plan and advisory print on the demo fleet with the bundled real
 * feeds: filters that can match nothing are usage errors, prioritised lines say what to do, and
 * every JSON output parses and has exactly the keys its docs/*.md schema documents.
 */
class FindingsOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
  private static final Path DOCS = Path.of("../docs");

  @TempDir static Path home;
  private static Map<String, String> env;

  @BeforeAll
  static void loadTheDemoFleet() {
    env = Map.of("PATCHWARDEN_HOME", home.toString());
    Path feeds = DemoCommand.extract("feeds", home.resolve("feeds"));
    Path fleet = DemoCommand.extract("fleet", home.resolve("fleet"));
    assertThat(CommandLineRunner.run(env, "", "feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
    assertThat(CommandLineRunner.run(env, "", "inventory", "import", fleet.toString()).exitCode()).isZero();
  }

  private static CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(TODAY, env, "", args);
  }

  private static JsonNode json(String... args) throws IOException {
    var r = run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void filtersThatCanMatchNothingAreUsageErrorsNamingTheOptionTheValueAndWhatIsAllowed() {
    var asset = run("findings", "--asset", "NOPE");
    assertThat(asset.exitCode()).isEqualTo(2);
    assertThat(asset.err().strip()).startsWith("patchwarden: --asset 'NOPE' is not a known asset; known: alma-db-01, cms-01, "
        + "fw-edge-01, ").contains(", web-01, web-02").doesNotContain("\n");
    assertThat(asset.out()).isEmpty();

    var tier = run("findings", "--tier", "T9");
    assertThat(tier.exitCode()).isEqualTo(2);
    assertThat(tier.err().strip()).isEqualTo("patchwarden: --tier 'T9' is not a tier of the policy; expected one of T0, T1, T2, T3, T4");

    var top = run("assess", "--top", "-3");
    assertThat(top.exitCode()).isEqualTo(2);
    assertThat(top.err().strip()).isEqualTo("patchwarden: --top -3 must be a whole number of at least 1");

    assertThat(run("plan", "--asset", "NOPE").exitCode()).isEqualTo(2);
    assertThat(run("plan", "--tier", "urgent").exitCode()).isEqualTo(2);
    assertThat(run("findings", "--tier", "t0").exitCode()).as("tiers ignore case").isZero();
  }

  @Test
  void everyTableOutputNamesTheDatabaseOnStderr() {
    String line = "database: " + home.resolve("patchwarden.db") + " (SQLite)";
    for (String[] args : List.of(new String[] {"findings"}, new String[] {"assess"}, new String[] {"plan"},
        new String[] {"explain", "CVE-2022-1096"}, new String[] {"advisory", "CVE-2022-1096"})) {
      var r = run(args);
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.err().lines().toList()).as(String.join(" ", args)).containsExactly(line);
      assertThat(r.out()).doesNotContain("database:");
    }
  }

  @Test
  void findingsAreSortedByTierThenDueDateAndEachLineNamesPackageVersionsAndCves() {
    var r = run("findings");
    assertThat(r.exitCode()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0).split("\\s{2,}")).startsWith("TIER", "DUE", "OVERDUE", "ASSET", "PACKAGE", "INSTALLED",
        "FIXED IN", "ADVISORY", "CVES");
    String previous = "";
    for (String line : lines.subList(1, lines.size())) {
      if (line.matches("\\d+ findings")) {
        break;
      }
      String[] cols = line.split("\\s{2,}");
      String key = cols[0] + " " + cols[1];
      assertThat(key.compareTo(previous)).as("%s after %s", key, previous).isGreaterThanOrEqualTo(0);
      previous = key;
    }
    assertThat(r.out().replaceAll(" {2,}", "  ")).contains("web-01  chromium  97.0.4692.71-0.1~deb11u1  98.0.4758.102-1~deb11u1"
        + "  DSA-5079-1  CVE-2022-0603, CVE-2022-0604, CVE-2022-0605, CVE-2022-0606 +4");
  }

  @Test
  void aKevListedProductWithoutVersionDataSaysToVerifyRatherThanThatNoFixExists() {
    String out = run("findings", "--asset", "fw-edge-01").out().replaceAll(" {2,}", "  ");
    assertThat(out).contains("paloaltonetworks:pan-os  10.2.9-h1  verify versions  CVE-2024-3400")
        .contains("paloaltonetworks:pan-os  10.2.9-h1  10.2.10-h36  CVE-2026-0300")
        .doesNotContain("no fix yet  CVE-2024-3400");
  }

  @Test
  void repeatedAssumptionsArePrintedOnceBelowTheLines() {
    String out = run("assess", "--top", "30").out();
    assertThat(count(out, "no CVSS score known: CVSS conditions do not apply")).isEqualTo(1);
    assertThat(out).contains("[assumed: A1");
    assertThat(out).contains("\nT0 emergency web-01  chromium 97.0.4692.71-0.1~deb11u1 → 98.0.4758.102-1~deb11u1  due 2022-03-01");
    assertThat(count(run("findings").out(), "no CVSS score known")).isEqualTo(1);
  }

  @Test
  void thePlanUpgradesEachPackageToTheHighestFixedVersionItsFindingsNeed() throws IOException {
    List<String> fixed = new ArrayList<>();
    for (JsonNode f : json("findings", "--asset", "web-01", "--package", "chromium", "--json").get("findings")) {
      fixed.add(f.get("fixed_version").asText());
    }
    String highest = fixed.stream().max(Schemes.forEcosystem("deb")::compare).orElseThrow();

    JsonNode groups = json("plan", "--json").get("groups");
    JsonNode chromium = null;
    for (JsonNode g : groups) {
      if (g.get("asset").asText().equals("web-01") && g.get("package").asText().equals("chromium")) {
        chromium = g;
      }
    }
    assertThat(chromium).isNotNull();
    assertThat(chromium.get("action").asText()).isEqualTo("upgrade");
    assertThat(chromium.get("target_version").asText()).isEqualTo(highest).isEqualTo("108.0.5359.124-1~deb11u1");
    assertThat(chromium.get("findings").asInt()).isEqualTo(fixed.size());
    assertThat(chromium.get("summary").asText()).isEqualTo("upgrade chromium 97.0.4692.71-0.1~deb11u1 to "
        + "108.0.5359.124-1~deb11u1 closes " + fixed.size() + " findings (" + chromium.get("kev_findings").asInt() + " KEV)");

    var text = run("plan", "--asset", "fw-edge-01");
    assertThat(text.out()).startsWith("T0 fw-edge-01: verify paloaltonetworks:pan-os 10.2.9-h1 (KEV-listed product,"
        + " affected versions unknown)");
    var demoTop = run("plan", "--tier", "T0").out().lines().findFirst().orElseThrow();
    assertThat(demoTop).startsWith("T0 web-01: upgrade webkit2gtk 2.32.4-1~deb11u1 to 2.38.3-1~deb11u1 closes");
  }

  @Test
  void everyJsonOutputParsesWithSnakeCaseKeysAndExactlyTheDocumentedKeys() throws IOException {
    Set<String> finding = new HashSet<>(keys("findings-json.md", "FINDING"));
    finding.addAll(keys("findings-json.md", "PRIORITISED FINDING"));

    JsonNode findings = json("findings", "--json");
    assertKeys(findings, keys("findings-json.md", "`findings --json` (`schema: patchwarden.findings/2`)"));
    assertThat(findings.get("findings").size()).isGreaterThan(100);
    for (JsonNode f : findings.get("findings")) {
      assertKeys(f, finding);
      assertThat(f.get("finding_key").asText()).isEqualTo(String.join("|", f.get("asset").asText(),
          f.get("ecosystem").asText(), f.get("package").asText(), f.get("advisory_id").asText()));
    }
    assertThat(json("findings", "--tier", "T0", "--json").get("findings").get(0).has("finding_key")).isTrue();
    assertThat(json("findings", "--status", "all", "--json").get("findings").get(0).has("finding_key")).isTrue();

    JsonNode assess = json("assess", "--json");
    assertKeys(assess, keys("assess-json.md", "ASSESSMENT"));
    assess.get("findings").forEach(f -> assertKeys(f, finding));
    assess.get("by_asset").forEach(g -> assertKeys(g, keys("assess-json.md", "EXPOSURE GROUP")));
    assess.get("by_team").forEach(g -> assertKeys(g, keys("assess-json.md", "EXPOSURE GROUP")));

    JsonNode explain = json("explain", "CVE-2022-1096", "--json");
    assertKeys(explain, List.of("schema", "today", "findings"));
    Set<String> explained = new HashSet<>(finding);
    explained.addAll(keys("explain-json.md", "EXPLAINED FINDING"));
    for (JsonNode f : explain.get("findings")) {
      assertKeys(f, explained);
      assertKeys(f.get("signals"), keys("explain-json.md", "SIGNALS"));
      assertKeys(f.get("ssvc_decision"), keys("explain-json.md", "SSVC DECISION"));
    }
    String key = explain.get("findings").get(0).get("finding_key").asText();
    assertThat(json("explain", key, "--json").get("findings").size()).isEqualTo(1);

    JsonNode plan = json("plan", "--json");
    assertKeys(plan, List.of("schema", "today", "groups", "coverage_gaps"));
    for (JsonNode doc : List.of(findings, assess, plan)) {
      doc.get("coverage_gaps").forEach(g -> assertKeys(g, keys("findings-json.md", "COVERAGE GAP")));
    }
    plan.get("groups").forEach(g -> assertKeys(g, keys("plan-json.md", "FIX GROUP")));

    JsonNode advisory = json("advisory", "CVE-2022-1096", "--json");
    assertKeys(advisory, List.of("schema", "id", "ids", "kev", "epss", "techniques", "records"));
    assertKeys(advisory.get("kev"), keys("advisory-json.md", "KEV ENTRY"));
    advisory.get("records").forEach(r -> assertKeys(r, keys("advisory-json.md", "RECORD")));

    for (JsonNode doc : List.of(findings, assess, explain, plan, advisory)) {
      assertSnakeCase(doc, "$");
    }
  }

  @Test
  void explainPrintsEverySignalInWordsAndNoRecordDumps() {
    var r = run("explain", "CVE-2022-1096");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("  chromium 97.0.4692.71-0.1~deb11u1 → 99.0.4844.84-1~deb11u1, Debian:11 DSA-5110-1",
        "    CISA KEV: CVE-2022-1096 added 2022-03-28, due 2022-04-18 (CISA KEV catalog)", "    exploitation: active (");
    for (String[] args : List.of(new String[] {"explain", "CVE-2022-1096"}, new String[] {"explain", "CVE-2022-1096", "--json"},
        new String[] {"assess"}, new String[] {"findings"}, new String[] {"plan"}, new String[] {"assess", "--json"})) {
      String out = run(args).out();
      assertThat(out).as(String.join(" ", args)).doesNotContain("Sourced[", "Signals[", "SsvcDecision[", "CvssScore[");
      assertThat(Pattern.compile("[A-Z][A-Za-z]+\\[[a-z][A-Za-z]*=").matcher(out).find()).as("a record toString in " + String.join(" ", args)).isFalse();
    }
  }

  /** The backticked keys in the first column of the table under the heading {@code ## heading} of a docs file. */
  static List<String> keys(String doc, String heading) {
    List<String> lines;
    try {
      lines = Files.readAllLines(DOCS.resolve(doc));
    } catch (IOException e) {
      throw new AssertionError("cannot read docs/" + doc, e);
    }
    int start = lines.indexOf("## " + heading);
    assertThat(start).as("docs/%s has a section '## %s'", doc, heading).isGreaterThanOrEqualTo(0);
    List<String> keys = new ArrayList<>();
    Pattern key = Pattern.compile("`([a-z0-9_]+)`");
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("| `")) {
        Matcher m = key.matcher(line.split("\\|")[1]);
        while (m.find()) {
          keys.add(m.group(1));
        }
      }
    }
    assertThat(keys).as("keys documented under %s in docs/%s", heading, doc).isNotEmpty();
    return keys;
  }

  private static void assertKeys(JsonNode node, java.util.Collection<String> documented) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrderElementsOf(new HashSet<>(documented));
  }

  private static void assertSnakeCase(JsonNode node, String path) {
    if (node.isArray()) {
      node.forEach(n -> assertSnakeCase(n, path + "[]"));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!path.endsWith(".inputs")) {
          assertThat(e.getKey()).as(path).matches("[a-z][a-z0-9_]*");
        }
        assertSnakeCase(e.getValue(), path + "." + e.getKey());
      }
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

}
