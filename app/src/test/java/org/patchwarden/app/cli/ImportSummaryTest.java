package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;

/**
 * {@code inventory import} of a fleet over {@value ImportSummary#LISTED} assets: a summary by
 * default, every asset and note with {@code --verbose}. The fleet is the demo's web hosts copied
 * under 24 names, on the bundled feeds (DSA list, KEV catalog).
 */
class ImportSummaryTest {
  private static final int HOSTS = 24;
  /** A top asset's row: its name, and in MOST URGENT its finding's tier, due date and advisory. */
  private static final Pattern ROW =
      Pattern.compile("^  (\\S+) .*  (\\S+) due (\\d{4}-\\d\\d-\\d\\d)( \\(overdue\\))? (\\S+)$");
  @TempDir Path home;
  private Path fleet;

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  @BeforeEach
  void aFleetOfTwentyFourDebianHosts() throws IOException {
    Path feeds = DemoCommand.extract("feeds", home.resolve("feeds"));
    assertThat(run("feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
    Path demo = DemoCommand.extract("fleet", home.resolve("demo"));
    fleet = Files.createDirectories(home.resolve("fleet"));
    StringBuilder csv = new StringBuilder("name,kind,environment,owner_team,criticality,internet_facing\n");
    for (int i = 1; i <= HOSTS; i++) {
      String name = String.format("host-%02d", i);
      csv.append(name).append(",host,production,web,2,no\n");
      Path dir = Files.createDirectories(fleet.resolve(name));
      Path from = demo.resolve(i % 2 == 0 ? "web-02" : "web-01");
      Files.copy(from.resolve("os-release"), dir.resolve("os-release"));
      Files.copy(from.resolve("status"), dir.resolve("status"));
    }
    Files.writeString(fleet.resolve("host-03/.bash_history"), "ls\n");
    Files.writeString(fleet.resolve("host-05/.hidden"), "x\n");
    Files.writeString(fleet.resolve("assets.csv"), csv);
  }

  @Test
  void aFleetOverTwentyAssetsGetsTotalsTopAssetsAndNoteCountsNotALinePerAsset() {
    var r = run("inventory", "import", fleet.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("imported 24 assets: 24 new inventory revisions, 0 unchanged; ")
        .containsPattern("findings: \\d+ on 24 assets \\(\\d+ new, 0 fixed\\), \\d+ KEV-listed on \\d+ assets")
        .contains("top assets by findings:", "notes: 2 (2 hidden files ignored)", "--verbose")
        .doesNotContain("note: host-03");
    assertThat(r.out().lines().filter(l -> l.startsWith("  host-"))).as("top lists only").hasSizeLessThanOrEqualTo(
        2 * ImportSummary.TOP);
  }

  @Test
  void aSecondImportOfTheSameFleetCountsItsAssetsUnchanged() {
    run("inventory", "import", fleet.toString());

    var again = run("inventory", "import", fleet.toString());

    assertThat(again.out()).startsWith("imported 24 assets: 0 new inventory revisions, 24 unchanged; ")
        .containsPattern("findings: \\d+ on 24 assets \\(0 new, 0 fixed\\)");
  }

  @Test
  void anUnchangedReImportCountsTheSameFindingsAndKevListedOnesAsTheImportThatRecordedThem() {
    var first = run("inventory", "import", fleet.toString());

    var again = run("inventory", "import", fleet.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(withoutNewCounts(again.out())).isEqualTo(withoutNewCounts(first.out()))
        .containsPattern("findings: [1-9]\\d* on 24 assets")
        .containsPattern("[1-9]\\d* KEV-listed on [1-9]");
  }

  /** A summary without what differs between a first and an unchanged import: new revisions and findings. */
  private static String withoutNewCounts(String summary) {
    return summary.replaceAll("\\d+ new inventory revisions, \\d+ unchanged", "")
        .replaceAll("\\(\\d+ new, ", "(")
        .replaceAll("(?m)^(  \\S+ +\\d+ +\\d+ +\\d+ +\\d+) +\\d+ +(\\d+)(  .*)?$", "$1 $2$3");
  }

  @Test
  void eachTopAssetShowsItsMostUrgentOpenFindingAsFindingsListsItFirst() {
    var r = run("inventory", "import", fleet.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("ASSET +REV +PACKAGES +FINDINGS +KEV +NEW +FIXED +MOST URGENT");
    List<String> rows = r.out().lines().filter(l -> l.startsWith("  host-")).toList();
    assertThat(rows).isNotEmpty();
    for (String row : rows) {
      Matcher m = ROW.matcher(row);
      assertThat(m.matches()).as(row).isTrue();
      String first = run("findings", "--asset", m.group(1), "--status", "open").out().lines().skip(1).findFirst()
          .orElseThrow();
      assertThat(first).as("findings --asset " + m.group(1)).startsWith(m.group(2) + " ")
          .contains("  " + m.group(3) + " ", " " + m.group(5) + " ");
    }
  }

  @Test
  void verboseListsEveryAssetAndEveryNote() {
    var r = run("inventory", "import", fleet.toString(), "--verbose");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("ASSET").doesNotContain("imported 24 assets")
        .contains("note: host-03: hidden file '.bash_history' ignored", "note: host-05: hidden file '.hidden' ignored");
    for (int i = 1; i <= HOSTS; i++) {
      assertThat(r.out()).contains(String.format("host-%02d ", i));
    }
    assertThat(run("inventory", "import", fleet.toString(), "-v").out()).startsWith("ASSET");
  }

  @Test
  void kevListedFindingsAreThoseOfAKevCveOrAKevProduct() {
    Finding redis = new Finding("web-01", InstalledPackage.of("deb", "redis", "5:6.0.16-1+deb11u1"), "DSA-5081-1",
        Set.of("CVE-2022-0543"), "debian-dsa", "Debian:11", "redis", "5:6.0.16-1+deb11u1", AffectedStatus.AFFECTED,
        "", "", Confidence.CONFIRMED);
    assertThat(ImportSummary.isKev(redis, Set.of("CVE-2022-0543"))).isTrue();
    assertThat(ImportSummary.isKev(redis, Set.of("CVE-2021-44228"))).isFalse();
  }
}
