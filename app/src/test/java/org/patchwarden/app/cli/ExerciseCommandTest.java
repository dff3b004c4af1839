package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.patchwarden.app.browser.HeadlessChromium;
import org.patchwarden.app.browser.ScreenshotOnFailure;

/** {@code exercise run|compare|list} end to end on the bundled demo, one prepared home and one browser for the class. */
@ExtendWith(ScreenshotOnFailure.class)
class ExerciseCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path home;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void prepareOnce() {
    ok("exercise", "list"); // prepares nothing: lists the shipped scenarios
    ok("exercise", "run", "daily-rescans", "--json"); // prepares the demo home once for every test
    chromium = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  private static CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  private static CommandLineRunner.Result ok(String... args) {
    var r = run(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  @Test
  void bothShippedScenariosGiveTheSameReportTwiceUnderOneSeed() {
    for (String scenario : new String[] {"kev-delayed-firewall", "weekly-vs-daily-rescans"}) {
      assertThat(ok("exercise", "run", scenario, "--seed", "42", "--json").out())
          .isEqualTo(ok("exercise", "run", scenario, "--seed", "42", "--json").out());
    }
    assertThat(ok("exercise", "run", "kev-delayed-firewall").out()).isEqualTo(ok("exercise", "run",
        "kev-delayed-firewall").out());
    assertThat(home.resolve("patchwarden.db")).as("the user's database is never created").doesNotExist();
  }

  @Test
  void theDelayedFirewallPatchBreachesItsDueDateByNineDays() throws Exception {
    JsonNode report = JSON.readTree(ok("exercise", "run", "kev-delayed-firewall", "--json").out());
    JsonNode fw = outcome(report, "fw-edge-01", "CVE-2026-0300");

    // listed on day 0: T0, due in the tier's 2 days (CISA's own 3-day window is later); the hotfix ships on
    // day 10 and the day-11 rescan proves it
    assertThat(fw.get("tier").asText()).isEqualTo("T0");
    assertThat(fw.get("due_day").asInt()).isEqualTo(2);
    assertThat(fw.get("fix_landed_day").asInt()).isEqualTo(10);
    assertThat(fw.get("verified_day").asInt()).isEqualTo(11);
    assertThat(fw.get("sla_breach_days").asInt()).isEqualTo(9);
    assertThat(fw.get("internet_facing").asBoolean()).isTrue();
    assertThat(fw.get("earliest_warning").get("control").asText()).isEqualTo("patch availability");
    assertThat(report.get("schema").asText()).isEqualTo("patchwarden.exercise/1");

    // under the scenario's seed (3) the MDM patch of day 1 does not land: failed on day 2, reverted (2 days),
    // applied again on day 4, proved on day 5
    JsonNode mdm = outcome(report, "mdm-01", "CVE-2026-6973");
    assertThat(mdm.get("verification_failures").asInt()).isEqualTo(1);
    assertThat(mdm.get("fix_landed_day").asInt()).isEqualTo(4);
    assertThat(mdm.get("verified_day").asInt()).isEqualTo(5);
    assertThat(mdm.get("earliest_warning").get("control").asText()).isEqualTo("verification failed");
  }

  @Test
  void weeklyRescansLengthenTheTimeToVerifiedFixInTheComparison() throws Exception {
    JsonNode cmp = JSON.readTree(ok("exercise", "compare", "daily-rescans", "weekly-vs-daily-rescans", "--json").out());

    assertThat(cmp.get("a").get("summary").get("median_time_to_verified_fix_days").asDouble()).isEqualTo(2.0);
    assertThat(cmp.get("b").get("summary").get("median_time_to_verified_fix_days").asDouble()).isEqualTo(7.0);
    assertThat(cmp.get("b").get("summary").get("missed_verification_windows").asInt()).isPositive();
    assertThat(cmp.get("delta").get("median_time_to_verified_fix_days").asDouble()).isEqualTo(5.0);
    assertThat(ok("exercise", "run", "daily-rescans", "--compare", "weekly-vs-daily-rescans").out())
        .contains("Exercise comparison: A = daily-rescans", "B = weekly-vs-daily-rescans");
  }

  @Test
  void theHtmlComparisonOpensInChromiumAndShowsTheJsonFigures() throws Exception {
    Path html = home.resolve("compare.html");
    JsonNode cmp = JSON.readTree(ok("exercise", "compare", "daily-rescans", "weekly-vs-daily-rescans", "--json",
        "--html", html.toString()).out());

    chromium.open(html);
    for (String side : new String[] {"a", "b"}) {
      JsonNode summary = cmp.get(side).get("summary");
      for (Iterator<String> keys = summary.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (!summary.get(key).isNumber()) {
          continue;
        }
        String shown = chromium.text("#comparison td[data-side='" + side + "'][data-metric='" + key + "']");
        assertThat(Double.parseDouble(shown)).as(side + " " + key).isEqualTo(summary.get(key).asDouble());
        String inRun = chromium.text("#run-" + side + " table.summary td[data-metric='" + key + "']");
        assertThat(inRun).as(side + " " + key).isEqualTo(shown);
      }
      for (JsonNode o : cmp.get(side).get("outcomes")) {
        String row = "#run-" + side + " tr.outcome[data-asset='" + o.get("asset").asText() + "'][data-cve='"
            + o.get("cve").asText() + "'] ";
        assertThat(chromium.text(row + "td[data-field='verified_day']")).isEqualTo(o.get("verified_day").asText());
        assertThat(chromium.text(row + "td[data-field='exposure_days']")).isEqualTo(o.get("exposure_days").asText());
        assertThat(chromium.text(row + "td[data-field='sla_breach_days']")).isEqualTo(o.get("sla_breach_days").asText());
      }
      // the timeline chart: one row per outcome, with its exposure bar
      assertThat(chromium.findAll("#run-" + side + " svg.timeline-chart g.outcome")).hasSize(cmp.get(side)
          .get("outcomes").size());
      WebElement bar = chromium.find("#run-" + side + " svg.timeline-chart rect.exposure");
      assertThat(bar.getSize().getWidth()).isPositive();
    }
    // self-contained: nothing loaded from elsewhere (the only URL is the SVG namespace)
    assertThat(Files.readString(html)).doesNotContain("<script", "src=", "href=", "@import", "url(");
  }

  @Test
  void aScenarioNamingAnUnknownAssetIsRefusedWithItsLine() throws Exception {
    Path file = home.resolve("bad-asset.yaml");
    Files.writeString(file, "version: 1\nname: bad\ndays: 5\ncves: [CVE-2026-0300]\nevents:\n"
        + "  - patch_delayed: {assets: [fw-nope-01], days: 3}\n");

    var r = run("exercise", "run", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad-asset.yaml line 6 (patch_delayed): asset 'fw-nope-01' is not in the fleet");
  }

  @Test
  void aScenarioFollowingAnUnknownCveIsRefused() throws Exception {
    Path file = home.resolve("bad-cve.yaml");
    Files.writeString(file, "version: 1\nname: bad\ndays: 5\ncves: [CVE-2099-0001]\n");

    var r = run("exercise", "run", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("bad-cve.yaml: cves: CVE-2099-0001 is unknown");
  }

  @Test
  void anUnknownScenarioNameListsTheShippedOnes() {
    var r = run("exercise", "run", "no-such-scenario");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'no-such-scenario' is neither a scenario file nor a shipped scenario; shipped: "
        + "kev-delayed-firewall, weekly-vs-daily-rescans, daily-rescans");
  }

  private static JsonNode outcome(JsonNode report, String asset, String cve) {
    for (JsonNode o : report.get("outcomes")) {
      if (o.get("asset").asText().equals(asset) && o.get("cve").asText().equals(cve)) {
        return o;
      }
    }
    throw new AssertionError("no outcome for " + asset + " " + cve);
  }
}
