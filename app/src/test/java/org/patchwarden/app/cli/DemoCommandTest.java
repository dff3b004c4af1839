package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  /** "Today", four months after the bundled snapshot (2026-08-07). */
  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path home;

  private CommandLineRunner.Result demo() {
    var r = CommandLineRunner.run(TODAY, Map.of("PATCHWARDEN_HOME", home.toString()), "", "demo");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  @Test
  void loadsEveryBundledFeedIncludingTheKevCatalogOf2026AndTheSeedRecords() {
    var r = demo();
    assertThat(r.out()).contains("cisa-kev", "2026.08.07", "1662 records", "+1662 added");
    assertThat(r.out()).containsPattern("cve5 +2026-05-09T03:55:45.157Z +4 records")
        .containsPattern("nvd +\\S+ +1 records");
    assertThat(r.out()).contains("epss", "attack:enterprise-attack", "attack-mappings", "ssvc", "osv:go", "osv:pypi",
        "osv:almalinux", "debian-dsa", "debian-dla");
    assertThat(r.out()).contains("Importing the demo fleet", "web-01", "alma-db-01", "llm-gateway", "payments-api",
        "cms-01").doesNotContain("FAILED");
  }

  @Test
  void theFourSeedCvesOf2026LeadTheDemoMatchedByVersion() {
    List<String> lines = demo().out().lines().toList();
    int heading = lines.indexOf("This year's vulnerabilities on the fleet (CVE-2026-…, as of 2026-08-07):");
    assertThat(heading).isPositive();
    List<String> top = lines.subList(heading + 1, heading + 5);
    assertThat(String.join("\n", top))
        .contains("CVE-2026-0300", "fw-edge-01", "paloaltonetworks:pan-os 10.2.9-h1 → 10.2.10-h36")
        .contains("CVE-2026-6973", "mdm-01", "12.1.0.2 → 12.6.1.1")
        .contains("CVE-2026-42208", "llm-gateway", "litellm 1.82.6 → 1.83.7")
        .contains("CVE-2026-29014", "cms-01", "metinfo_cms:metinfo_cms 8.1.0 (no fix known)", "not in KEV")
        .doesNotContain("verify");
    assertThat(top.get(0)).startsWith("  T0 CVE-2026-0300").contains("due 2026-05-09 (overdue 90 d)");
  }

  @Test
  void explainsItsDatesAndAssessesAsOfTheSnapshot() {
    String out = demo().out();
    assertThat(out).contains("Dates: the bundled snapshot is of 2026-08-07 (its CISA KEV catalog); today is 2026-12-04.")
        .contains("\"overdue\" counts the days up to 2026-08-07, not to today.");
    assertThat(out).contains("Open findings by tier, as of 2026-08-07:").containsPattern("T0 emergency +\\d+ +\\d+")
        .contains("Overdue per team, as of 2026-08-07:").containsPattern("netops +\\d+ +\\d+ +\\d+ d")
        .contains("The ten most urgent findings");
    // CVE-2019-1579 is PAN-OS 6.1 to 8.1 per NVD; the firewall runs 10.2.9-h1
    assertThat(out).doesNotContain("CVE-2019-1579 on fw-edge-01");
  }

  @Test
  void runsInAHomeOfItsOwnAndNeverOpensTheUsersDatabase() {
    var r = demo();
    assertThat(r.out()).contains("in a home of its own: " + home.resolve("demo").toAbsolutePath().normalize());
    assertThat(home.resolve("demo/patchwarden.db")).exists();
    assertThat(home.resolve("patchwarden.db")).doesNotExist();
  }

  @Test
  void aHomeWithANewerKevCatalogKeepsItAfterTheDemo() throws IOException {
    // The bundled catalog, relabelled as a later release, stands for the newer data a user has synced.
    Path mirror = DemoCommand.extract("feeds", home.resolve("mirror"));
    Path kev = mirror.resolve("kev/known_exploited_vulnerabilities.json");
    Files.writeString(kev, Files.readString(kev).replace("\"catalogVersion\": \"2026.08.07\"", "\"catalogVersion\": \"2026.12.01\"")
        .replace("\"dateReleased\": \"2026-08-07T16:45:47.0648Z\"", "\"dateReleased\": \"2026-12-01T16:00:00.000Z\""));
    Map<String, String> env = Map.of("PATCHWARDEN_HOME", home.toString());
    var load = CommandLineRunner.run(TODAY, env, "", "feeds", "load", "--from", kev.toString());
    assertThat(load.exitCode()).as(load.err()).isZero();
    assertThat(load.out()).contains("2026.12.01");

    demo();

    var status = CommandLineRunner.run(TODAY, env, "", "feeds", "status");
    assertThat(status.out()).contains("2026.12.01").doesNotContain("2026.08.07").doesNotContain("osv:go");
  }

  @Test
  void aSecondRunFindsEveryFeedUnchangedAndWritesNothing() {
    demo();
    var again = demo();
    assertThat(again.out()).contains("1662 records  unchanged, nothing written").doesNotContain(" added,");
  }
}
