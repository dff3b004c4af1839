package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A golden test on a small real fleet: the bundled real feeds and the demo fleet (versions from
 * Debian's own DSA list, real AlmaLinux, PyPI and Go advisories, a PAN-OS and an Ivanti EPMM
 * appliance). The order of the most urgent findings is pinned, and every rationale names the
 * signals that decided its tier.
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
      "fw-edge-01|cpe|paloaltonetworks:pan-os|CVE-2019-1579",
      "fw-edge-01|cpe|paloaltonetworks:pan-os|CVE-2017-15944",
      "web-01|deb|webkit2gtk|DSA-5219-1");

  @TempDir Path home;

  @Test
  void theMostUrgentFindingsOfTheDemoFleetComeInAStableOrderWithTheirReasons() throws IOException {
    Map<String, String> env = Map.of("PATCHWARDEN_HOME", home.toString());
    Path feeds = DemoCommand.extract("feeds", home.resolve("feeds"));
    Path fleet = DemoCommand.extract("fleet", home.resolve("fleet"));
    assertThat(CommandLineRunner.run(env, "", "feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
    assertThat(CommandLineRunner.run(env, "", "inventory", "import", fleet.toString()).exitCode()).isZero();

    var r = CommandLineRunner.run(env, "", "assess", "--json");
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
}
