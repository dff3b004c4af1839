package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A golden test on a small real fleet: the bundled real feeds and the demo fleet (versions from
 * Debian's own DSA list, real AlmaLinux, PyPI and Go advisories, the 2026 CVE records, a PAN-OS and
 * an Ivanti EPMM appliance, a MetInfo CMS), assessed on the snapshot's date, 2026-08-07. The order
 * of the most urgent findings is pinned, every rationale names the signals that decided its tier,
 * and the 2026 seed CVEs are matched by version.
 */
class AssessGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The twelve most urgent findings, by key; all are KEV-driven, so their order does not depend on today's date. */
  private static final List<String> TOP = List.of(
      "web-01|deb|webkit2gtk|DSA-5083-1",
      "web-01|deb|wpewebkit|DSA-5084-1",
      "web-01|deb|chromium|DSA-5079-1",
      "web-01|deb|firefox-esr|DSA-5090-1",
      "web-01|deb|thunderbird|DSA-5094-1",
      "fw-edge-01|cpe|paloaltonetworks:pan-os|CVE-2020-2021",
      "web-01|deb|chromium|DSA-5110-1",
      "web-01|deb|chromium|DSA-5121-1",
      "web-01|deb|linux|DSA-5092-1",
      "fw-edge-01|cpe|paloaltonetworks:pan-os|CVE-2017-15944",
      "web-01|deb|webkit2gtk|DSA-5219-1",
      "web-01|deb|wpewebkit|DSA-5220-1");

  /** The snapshot's date: the bundled KEV catalog 2026.08.07. */
  private static final Clock SNAPSHOT = Clock.fixed(Instant.parse("2026-08-07T23:59:59Z"), ZoneOffset.UTC);

  @TempDir Path home;

  private Map<String, String> loadDemoFleet() {
    Map<String, String> env = Map.of("PATCHWARDEN_HOME", home.toString());
    Path feeds = DemoCommand.extract("feeds", home.resolve("feeds"));
    Path fleet = DemoCommand.extract("fleet", home.resolve("fleet"));
    assertThat(CommandLineRunner.run(SNAPSHOT, env, "", "feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
    assertThat(CommandLineRunner.run(SNAPSHOT, env, "", "inventory", "import", fleet.toString()).exitCode()).isZero();
    return env;
  }

  @Test
  void theMostUrgentFindingsOfTheDemoFleetComeInAStableOrderWithTheirReasons() throws IOException {
    Map<String, String> env = loadDemoFleet();

    var r = CommandLineRunner.run(SNAPSHOT, env, "", "assess", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode findings = JSON.readTree(r.out()).get("findings");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < TOP.size(); i++) {
      keys.add(findings.get(i).get("finding_key").asText());
    }
    assertThat(keys).containsExactlyElementsOf(TOP);
    for (JsonNode f : findings) {
      String rationale = f.get("rationale").asText();
      assertThat(rationale).contains(" → " + f.get("tier").asText() + ", fix by " + f.get("due_date").asText());
      for (JsonNode signal : f.get("deciding_signals")) {
        switch (signal.asText()) {
          case "in_kev" -> assertThat(rationale).containsIgnoringCase("in CISA KEV since");
          case "internet_facing" -> assertThat(rationale).contains("internet-facing");
          case "fix_available" -> assertThat(rationale).containsIgnoringCase("fix");
          case "tactics_any" -> assertThat(rationale).containsPattern(" via T\\d{4}");
          default -> assertThat(rationale).isNotBlank();
        }
      }
    }
  }

  @Test
  void theSeedCvesOf2026AreMatchedByVersionWithTheirTiersDueDatesAndFixes() throws IOException {
    Map<String, String> env = loadDemoFleet();
    JsonNode assessed = JSON.readTree(CommandLineRunner.run(SNAPSHOT, env, "", "assess", "--json").out()).get("findings");
    Map<String, String> tiers = new java.util.TreeMap<>();
    for (JsonNode f : assessed) {
      if (f.get("advisory_id").asText().startsWith("CVE-2026-") || f.get("advisory_id").asText().equals("CVE-2019-1579")) {
        tiers.put(f.get("finding_key").asText(), f.get("tier").asText() + " due " + f.get("due_date").asText()
            + (f.get("rationale").asText().contains("affected versions unknown") ? " verify" : ""));
      }
    }
    assertThat(tiers).contains(
        Map.entry("fw-edge-01|cpe|paloaltonetworks:pan-os|CVE-2026-0300", "T0 due 2026-05-09"),
        Map.entry("mdm-01|cpe|ivanti:endpoint_manager_mobile|CVE-2026-6973", "T0 due 2026-05-10"),
        Map.entry("llm-gateway|pypi|litellm|CVE-2026-42208", "T0 due 2026-05-11"),
        Map.entry("cms-01|cpe|metinfo_cms:metinfo_cms|CVE-2026-29014", "T2 due 2026-09-06"));
    // NVD's CPE bounds (PAN-OS before 7.1.19, 8.0.x before 8.0.12, 8.1.x before 8.1.3) leave 10.2.9-h1 out
    assertThat(tiers).doesNotContainKey("fw-edge-01|cpe|paloaltonetworks:pan-os|CVE-2019-1579");

    Map<String, String> fixes = new java.util.TreeMap<>();
    for (JsonNode f : JSON.readTree(CommandLineRunner.run(SNAPSHOT, env, "", "findings", "--json").out()).get("findings")) {
      if (f.get("advisory_id").asText().matches("CVE-2026-(0300|6973|42208|29014)")) {
        fixes.put(f.get("advisory_id").asText(), f.get("installed_version").asText() + " -> "
            + f.get("fixed_version").asText() + " " + f.get("source").asText() + " " + f.get("confidence").asText());
      }
    }
    assertThat(fixes).containsExactly(
        Map.entry("CVE-2026-0300", "10.2.9-h1 -> 10.2.10-h36 cve5 cpe_match"),
        Map.entry("CVE-2026-29014", "8.1.0 ->  cve5 cpe_match"),
        // LiteLLM is found by the KEV-product step (KEV's vendor name), which owns the finding; the
        // versions and the fix still come from the CVE 5 record.
        Map.entry("CVE-2026-42208", "1.82.6 -> 1.83.7 cisa-kev cpe_match"),
        Map.entry("CVE-2026-6973", "12.1.0.2 -> 12.6.1.1 cve5 cpe_match"));
  }
}
