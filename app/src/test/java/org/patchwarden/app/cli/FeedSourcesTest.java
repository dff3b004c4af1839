package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feed sources keep their data: named by content, merged unless replaced, removable, re-matched at once. */
class FeedSourcesTest {
  /** Real Go advisories of OSV (the first 30 of ../shared/data/feeds/osv/go), copied as test resources. */
  private static final Path OSV_GO = resource("/osv-go");

  @TempDir Path home;

  private static Path resource(String name) {
    try {
      return Path.of(FeedSourcesTest.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  /** The first {@code n} Go advisories of the shared OSV data, copied under {@code folder}. */
  private Path goAdvisories(String folder, int n) throws IOException {
    Path dir = Files.createDirectories(home.resolve(folder));
    try (Stream<Path> files = Files.list(OSV_GO)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().limit(n).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  private static String statusLine(CommandLineRunner.Result status, String source) {
    return status.out().lines().filter(l -> l.startsWith(source + " ")).findFirst().orElse("");
  }

  @Test
  void oneOsvFileLoadedIntoAWholeSourceAddsToItAndReplaceMakesItTheWholeSource() throws IOException {
    Path all = goAdvisories("mirror/osv/go", 30);
    assertThat(run("feeds", "load", "--from", all.toString()).out()).contains("osv:go", "30 records  +30 added");
    String record = Files.readString(OSV_GO.resolve("GO-2020-0001.json"));
    Path one = Files.writeString(home.resolve("one.json"), record.replace("GO-2020-0001", "GO-2099-0001"));

    var merged = run("feeds", "load", "--from", one.toString());
    assertThat(merged.exitCode()).as(merged.err()).isZero();
    assertThat(merged.out()).contains("31 records  +1 added, 0 updated (merged: records not in this load kept");
    assertThat(statusLine(run("feeds", "status"), "osv:go")).contains(" 31 ");

    // Replacing 31 records by 1 removes more than half of the source: only when forced.
    var refused = run("feeds", "load", "--replace", "--from", one.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("REFUSED, nothing written, previous data kept: osv:go",
        "would remove 30 of its 31 records (97 %)");
    var replaced = run("feeds", "load", "--replace", "--force", "--from", one.toString());
    assertThat(replaced.out()).contains("1 records  +0 added, 0 updated, -30 removed");
    assertThat(run("feeds", "load", "--help").out()).contains("--replace", "add and update");
  }

  @Test
  void theSameDataFromAFolderOfAnotherNameOrThroughALinkIsTheSameSource() throws IOException {
    Path original = goAdvisories("mirror/osv/go", 20);
    Path renamed = goAdvisories("elsewhere/my-golang-copy", 20);
    Path link = Files.createSymbolicLink(home.resolve("linked-mirror"), original);
    run("feeds", "load", "--from", original.toString());

    assertThat(run("feeds", "load", "--from", renamed.toString()).out()).contains("osv:go").doesNotContain("added");
    assertThat(run("feeds", "load", "--from", link.toString()).out()).contains("osv:go").doesNotContain("added");

    var status = run("feeds", "status");
    assertThat(status.out().lines().filter(l -> l.startsWith("osv:"))).singleElement().asString()
        .startsWith("osv:go ").contains(" 20 ");
  }

  @Test
  void anEmptySubFolderOrABrokenLinkIsReportedAndTheRestLoads() throws IOException {
    Path mirror = goAdvisories("mirror/go", 10).getParent();
    Files.createDirectories(mirror.resolve("pypa/vulns"));
    Files.createSymbolicLink(mirror.resolve("gone"), home.resolve("no-such-folder"));

    var r = run("feeds", "load", "--from", mirror.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("osv:go", "10 records  +10 added", "empty directory", "broken symbolic link");
  }

  @Test
  void removeDropsASourceAndRetractsItsFindingsAndAnUnknownSourceNamesTheKnownOnes()
      throws IOException, URISyntaxException {
    Path fleet = Path.of(getClass().getResource("/demo/fleet").toURI());
    Path osv = Path.of(getClass().getResource("/demo/feeds/osv").toURI());
    run("inventory", "import", fleet.toString());
    var load = run("feeds", "load", "--from", osv.toString());
    assertThat(load.out()).contains("osv:go", "re-matched against scanned assets");

    var unknown = run("feeds", "remove", "osv:nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no advisory source 'osv:nope' is loaded; known: osv:almalinux, osv:go, osv:pypi");

    var removed = run("feeds", "remove", "osv-go");
    assertThat(removed.exitCode()).as(removed.err()).isZero();
    assertThat(removed.out()).containsPattern("osv:go +removed: -\\d+ records")
        .containsPattern("osv:go +re-matched against scanned assets: 0 new findings, \\d+ still open, [1-9]\\d* retracted");
    assertThat(run("feeds", "status").out()).doesNotContain("osv:go");
    assertThat(run("feeds", "changes", "osv:go").exitCode()).isEqualTo(2);
  }

  @Test
  void loadingAKevCatalogReMatchesTheScannedAssetsAtOnce() throws URISyntaxException {
    run("inventory", "import", Path.of(getClass().getResource("/demo/fleet").toURI()).toString());

    var r = run("feeds", "load", "--from", resource("/demo/feeds/kev").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("cisa-kev +re-matched against scanned assets: [1-9]\\d* new findings");
  }

  @Test
  void changesHasHelpAndTakesTheNamesSyncAndStatusUse() throws IOException {
    var help = run("feeds", "changes", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--version=VERSION", "SOURCE", "--help");

    run("feeds", "load", "--from", goAdvisories("mirror/osv/go", 5).toString());
    var bySource = run("feeds", "changes", "osv:go");
    var byUpstream = run("feeds", "changes", "osv-go");
    assertThat(bySource.out()).contains("ADDED    GO-2020-0001", "osv:go ");
    assertThat(byUpstream.out()).isEqualTo(bySource.out());
    assertThat(List.of(run("feeds", "sync", "--help").out())).singleElement().asString().contains("osv:go");
  }

  @Test
  void aLoadCommittedWhoseReMatchFailedIsNeverReportedAsFailedWithPreviousDataKept() {
    var version = new org.patchwarden.feed.FeedVersion("cve5", "2026-08-01", null, 4, java.time.Instant.EPOCH,
        "/mirror", "hash");
    var outcome = new org.patchwarden.usecase.UpdateFeed.Outcome.Loaded("cve5",
        new org.patchwarden.feed.FeedUpdate(version, false, 4, 0, 0), org.patchwarden.feed.LoadMode.REPLACE,
        new org.patchwarden.usecase.UpdateFeed.Rematch(new org.patchwarden.match.FindingsUpdate(0, 0, 0),
            new org.patchwarden.match.FindingsUpdate(0, 0, 0), "the database file is locked"));
    var text = new java.io.StringWriter();

    String failure = FeedsCommand.printOutcome(new java.io.PrintWriter(text, true), outcome, "/mirror");

    assertThat(text.toString()).contains("+4 added", "loaded and committed, but re-matching the findings FAILED:"
        + " the database file is locked").doesNotContain("previous data kept");
    assertThat(failure).isEqualTo("cve5: loaded, re-match failed: the database file is locked");
  }
}
