package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedsCommandTest {
  @TempDir Path home;

  private Map<String, String> env() {
    return Map.of("PATCHWARDEN_HOME", home.toString());
  }

  /** The KEV catalog 2025.08.25 (cisagov/kev-data; the demo bundled it before 2026.08.07). */
  private Path bundledCatalog() throws IOException {
    Path file = home.resolve("kev.json");
    try (InputStream in = getClass().getResourceAsStream("/kev/kev-2025-08-25.json")) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void statusWithoutADatabaseSaysHowToGetOneInsteadOfCreatingAnEmptyOne() {
    var r = CommandLineRunner.run(env(), "", "feeds", "status");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no database at ").contains("run 'patchwarden demo' or 'feeds load' first");
    assertThat(home.resolve("patchwarden.db")).doesNotExist();
  }

  @Test
  void loadsAKevCatalogFileAndShowsItInStatus() throws IOException {
    var load = CommandLineRunner.run(env(), "", "feeds", "load", "--from", bundledCatalog().toString());
    assertThat(load.exitCode()).as(load.err()).isZero();
    assertThat(load.out()).contains("cisa-kev", "2025.08.25", "1404 records", "+1404 added");

    var status = CommandLineRunner.run(env(), "", "feeds", "status");
    assertThat(status.out()).contains("cisa-kev", "2025.08.25", "1404");
  }

  @Test
  void aBrokenFileIsRefusedAndTheLoadedCatalogStays() throws IOException {
    Path catalog = bundledCatalog();
    CommandLineRunner.run(env(), "", "feeds", "load", "--from", catalog.toString());
    Path broken = home.resolve("broken.json");
    String good = Files.readString(catalog);
    Files.writeString(broken, good.substring(0, good.length() / 2));

    var r = CommandLineRunner.run(env(), "", "feeds", "load", "--from", broken.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("broken.json at line", "malformed JSON");

    var status = CommandLineRunner.run(env(), "", "feeds", "status");
    assertThat(status.out()).contains("2025.08.25", "1404");
  }

  @Test
  void loadsAMirrorDirectoryAndReloadingItWritesNothing() {
    Map<String, String> env = env();
    Path mirror = DemoCommand.extract("feeds", home.resolve("feeds"));
    assertThat(CommandLineRunner.run(env, "", "feeds", "load", "--from", mirror.toString()).exitCode()).isZero();
    var reload = CommandLineRunner.run(env, "", "feeds", "load", "--from", mirror.toString());
    assertThat(reload.exitCode()).as(reload.err()).isZero();
    assertThat(reload.out().lines().filter(l -> l.contains("unchanged, nothing written")).count()).isGreaterThanOrEqualTo(9);
    assertThat(reload.out()).doesNotContain(" added,");
  }

  @Test
  void aFileOfNoKnownFormatIsReported() throws IOException {
    Path notes = Files.writeString(home.resolve("notes.txt"), "hello");
    var r = CommandLineRunner.run(env(), "", "feeds", "load", "--from", notes.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no feed document found in");
  }

  @Test
  void aNewerKevCatalogRecordsExactlyWhatChangedAndAnOlderOneNeverRollsItBack() throws IOException {
    Path mirror = Files.createDirectories(home.resolve("mirror"));
    Files.createDirectories(mirror.resolve("2025-01-29"));
    try (InputStream old = getClass().getResourceAsStream("/kev/kev-2025-01-29.json")) {
      Files.copy(old, mirror.resolve("2025-01-29/known_exploited_vulnerabilities.json"));
    }
    Files.copy(bundledCatalog(), mirror.resolve("known_exploited_vulnerabilities.json"));

    var first = CommandLineRunner.run(env(), "", "feeds", "load", "--from", mirror.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("2025.01.29                 1253 records  +1253 added")
        .contains("2025.08.25                 1404 records  +151 added, 49 updated, -0 removed");

    var changes = CommandLineRunner.run(env(), "", "feeds", "changes", "cisa-kev");
    assertThat(changes.out()).contains("ADDED    CVE-2025-48384", "cisa-kev 2025.08.25: 151 added, 49 updated, 0 removed");
    assertThat(changes.out().lines().filter(l -> l.startsWith("ADDED") || l.startsWith("UPDATED")).count()).isEqualTo(200);

    var again = CommandLineRunner.run(env(), "", "feeds", "load", "--from", mirror.toString());
    assertThat(again.out()).contains("2025.01.29             older than the current 2025.08.25, skipped")
        .contains("1404 records  unchanged, nothing written");
  }

  @Test
  void changesOfAFeedNeverLoadedIsAUsageError() throws IOException {
    assertThat(CommandLineRunner.run(env(), "", "feeds", "load", "--from", bundledCatalog().toString()).exitCode())
        .isZero();
    var r = CommandLineRunner.run(env(), "", "feeds", "changes", "nosuch");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no feed 'nosuch' is loaded");
  }

  @Test
  void aMissingFileIsAUsageError() {
    var r = CommandLineRunner.run(env(), "", "feeds", "load", "--from", home.resolve("nope.json").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no such file");
  }

  @Test
  void anEmptyNewerCatalogIsRefusedInOneLineAndForceLoadsIt() throws IOException {
    Path catalog = bundledCatalog();
    assertThat(CommandLineRunner.run(env(), "", "feeds", "load", "--from", catalog.toString()).exitCode()).isZero();
    // The real catalog cut down to its header: a newer version with no entries.
    String header = Files.readString(catalog);
    String empty = header.substring(0, header.indexOf("\"vulnerabilities\"")).replace("2025.08.25", "2025.08.26")
        .replaceFirst("\"count\": \\d+", "\"count\": 0") + "\"vulnerabilities\": []}";
    Path file = home.resolve("empty/known_exploited_vulnerabilities.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, empty);

    var refused = CommandLineRunner.run(env(), "", "feeds", "load", "--from", file.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out()).contains("cisa-kev                   2025.08.26             REFUSED, nothing written,"
        + " previous data kept: cisa-kev 2025.08.26 would remove 1404 of its 1404 records (100 %), more than the"
        + " allowed 50 %; not loaded (--force loads it anyway)");
    assertThat(refused.err()).contains("1 source(s) failed to load; their previous data is kept");

    var forced = CommandLineRunner.run(env(), "", "feeds", "load", "--force", "--from", file.toString());
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(forced.out()).contains("-1404 removed");
  }
}
