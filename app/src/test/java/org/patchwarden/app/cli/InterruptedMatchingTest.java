package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.App;
import org.patchwarden.app.config.ConfigLoader;
import org.patchwarden.app.feeds.FeedReading;
import org.patchwarden.app.inventory.FleetDirectory;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.store.Database;
import org.patchwarden.usecase.LoadFeeds;
import org.patchwarden.usecase.RematchAdvisories;
import org.patchwarden.usecase.ScanAssets;
import org.patchwarden.usecase.UpdateFeed;

/**
 * A process killed between a commit and the matching that must follow it: a feed version committed
 * without its re-match, an inventory stored without its findings. The kill is simulated through the
 * real stores (the commit happens, the matching never does); then read commands warn, and the next
 * writing command or {@code feeds rematch} completes the work, ending where one full match of the
 * same data ends.
 */
class InterruptedMatchingTest {
  /** The four seed CVE 5 records of ../shared/data/feeds/cve5/cvelistV5-seed, as the demo bundles them. */
  private static final Path CVE5 = bundled("/demo/feeds/cve5");

  @TempDir Path tmp;

  @Test
  void aFeedLoadKilledBeforeItsRematchIsCompletedByTheNextLoadAndEqualsAFullMatch() {
    Path home = tmp.resolve("killed");
    Path feeds = DemoCommand.extract("feeds", tmp.resolve("feeds"));
    Path fleet = DemoCommand.extract("fleet", tmp.resolve("fleet"));
    for (String part : List.of("osv", "debian", "nvd", "epss")) {
      assertThat(run(home, "feeds", "load", "--from", feeds.resolve(part).toString()).exitCode()).isZero();
    }
    assertThat(run(home, "inventory", "import", fleet.toString()).exitCode()).isZero();
    loadWithoutRematch(home, feeds.resolve("kev"));
    loadWithoutRematch(home, feeds.resolve("cve5"));
    loadWithoutRematch(home, CVE5);

    Path fresh = tmp.resolve("fresh");
    for (Path f : List.of(feeds, CVE5)) {
      assertThat(run(fresh, "feeds", "load", "--from", f.toString()).exitCode()).isZero();
    }
    assertThat(run(fresh, "inventory", "import", fleet.toString()).exitCode()).isZero();
    assertThat(open(home)).as("the kill left the findings behind the committed feeds").isNotEqualTo(open(fresh));

    var findings = run(home, "findings");
    assertThat(findings.err()).contains("warning: findings may be stale: re-match of cisa-kev ", "cve5 ",
        "pending, run 'patchwarden feeds rematch'");

    // Every later load of the same files says "unchanged": only the pending note brings the findings back.
    var reload = run(home, "feeds", "load", "--from", feeds.resolve("kev").toString());
    assertThat(reload.exitCode()).isZero();
    assertThat(reload.out()).contains("unchanged, nothing written");
    assertThat(reload.err()).contains("completed matching left by an interrupted command (re-match of cisa-kev ");
    assertThat(open(home)).isEqualTo(open(fresh));
    assertThat(run(home, "findings").err()).doesNotContain("warning:");
    assertThat(run(home, "feeds", "rematch").out()).contains("nothing owed");
  }

  @Test
  void anInventoryStoredWithoutItsFindingsIsReportedAsMatchIncompleteUntilFeedsRematchMatchesIt() {
    Path home = tmp.resolve("killed");
    Path feeds = DemoCommand.extract("feeds", tmp.resolve("feeds"));
    Path fleet = DemoCommand.extract("fleet", tmp.resolve("fleet"));
    assertThat(run(home, "feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
    assertThat(run(home, "inventory", "import", fleet.toString()).exitCode()).isZero();
    List<ScanAssets.AssetInventory> copies = new ArrayList<>();
    for (ScanAssets.AssetInventory a : FleetDirectory.read(fleet).inventories()) {
      copies.add(new ScanAssets.AssetInventory(Asset.unstated(a.asset().name() + "-copy", AssetKind.HOST), false,
          a.os(), a.packages()));
    }
    try (Database db = Database.openSqlite(home.resolve("patchwarden.db"))) {
      AssetStore assets = db.assetStore();
      for (ScanAssets.AssetInventory a : copies) { // what an import killed before its findings leaves
        assets.save(a.asset());
        assets.recordInventory(a.asset().name(), Instant.now(), a.os(), a.packages());
      }
    }

    Path fresh = tmp.resolve("fresh");
    assertThat(run(fresh, "feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
    assertThat(run(fresh, "inventory", "import", fleet.toString()).exitCode()).isZero();
    try (App app = app(fresh)) {
      app.scanAssets().scan(copies);
    }
    assertThat(open(home)).as("the copies look clean").isNotEqualTo(open(fresh));

    for (String command : List.of("findings", "assess")) {
      assertThat(run(home, command, "--json").err()).as(command)
          .contains("warning: match incomplete for " + copies.size() + " asset(s) (")
          .contains(copies.stream().map(a -> a.asset().name()).sorted().findFirst().orElseThrow());
    }
    var rematch = run(home, "feeds", "rematch");
    assertThat(rematch.exitCode()).isZero();
    assertThat(rematch.out()).contains("match of " + copies.size() + " asset(s) whose newest inventory had no findings");
    assertThat(open(home)).isEqualTo(open(fresh));
    assertThat(run(home, "assess").err()).doesNotContain("warning:");
  }

  @Test
  void anInventoryStoredWithoutItsFindingsIsMatchedByTheNextScan() {
    Path home = tmp.resolve("killed");
    Path feeds = DemoCommand.extract("feeds", tmp.resolve("feeds"));
    Path fleet = DemoCommand.extract("fleet", tmp.resolve("fleet"));
    assertThat(run(home, "feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
    ScanAssets.AssetInventory first = FleetDirectory.read(fleet).inventories().get(0);
    try (Database db = Database.openSqlite(home.resolve("patchwarden.db"))) {
      db.assetStore().save(first.asset());
      db.assetStore().recordInventory(first.asset().name(), Instant.now(), first.os(), first.packages());
    }
    assertThat(open(home)).isEmpty();

    var scan = run(home, "inventory", "import", fleet.toString());
    assertThat(scan.exitCode()).isZero();
    assertThat(scan.err()).contains("completed matching left by an interrupted command (match of 1 asset(s)");
    Path fresh = tmp.resolve("fresh");
    run(fresh, "feeds", "load", "--from", feeds.toString());
    run(fresh, "inventory", "import", fleet.toString());
    assertThat(open(home)).isNotEmpty().isEqualTo(open(fresh));
  }

  @Test
  void aFeedRemovalKilledBeforeItsRematchIsCompletedByFeedsRematchAndEqualsAFullMatch() {
    Path home = tmp.resolve("killed");
    Path feeds = DemoCommand.extract("feeds", tmp.resolve("feeds"));
    Path fleet = DemoCommand.extract("fleet", tmp.resolve("fleet"));
    for (String part : List.of("kev", "osv")) {
      assertThat(run(home, "feeds", "load", "--from", feeds.resolve(part).toString()).exitCode()).isZero();
    }
    assertThat(run(home, "inventory", "import", fleet.toString()).exitCode()).isZero();
    assertThat(open(home)).anyMatch(f -> f.contains("[osv:go,"));
    // The removal commits; the process dies before retracting anything.
    try (Database db = Database.openSqlite(home.resolve("patchwarden.db"))) {
      db.advisoryStore().remove("osv:go", Instant.parse("2026-08-10T00:00:00Z"));
    }
    assertThat(run(home, "findings").err()).contains("re-match of osv:go removed@2026-08-10T00:00:00Z pending");

    Path fresh = tmp.resolve("fresh");
    for (String part : List.of("kev", "osv/almalinux", "osv/pypa")) {
      assertThat(run(fresh, "feeds", "load", "--from", feeds.resolve(part).toString()).exitCode()).isZero();
    }
    assertThat(run(fresh, "inventory", "import", fleet.toString()).exitCode()).isZero();

    assertThat(run(home, "feeds", "rematch").out()).contains("re-match of osv:go removed@");
    assertThat(open(home)).noneMatch(f -> f.contains("[osv:go,")).isEqualTo(open(fresh));
    assertThat(run(home, "feeds", "rematch").out()).contains("nothing owed");
  }

  @Test
  void aCompletedFeedsRemoveLeavesNothingOwed() {
    Path home = tmp.resolve("home");
    Path feeds = DemoCommand.extract("feeds", tmp.resolve("feeds"));
    assertThat(run(home, "feeds", "load", "--from", feeds.resolve("osv").toString()).exitCode()).isZero();
    assertThat(run(home, "inventory", "import", DemoCommand.extract("fleet", tmp.resolve("fleet")).toString())
        .exitCode()).isZero();

    assertThat(run(home, "feeds", "remove", "osv:go").exitCode()).isZero();

    assertThat(run(home, "feeds", "rematch").out()).contains("nothing owed");
    assertThat(open(home)).noneMatch(f -> f.contains("[osv:go,"));
  }

  /**
   * Commits the feeds under {@code feed} through the real stores as a load does, but the re-match
   * that follows dies before writing anything, as a process killed right after the commit would.
   */
  private static void loadWithoutRematch(Path home, Path feed) {
    try (Database db = Database.openSqlite(home.resolve("patchwarden.db"))) {
      Clock clock = Clock.systemUTC();
      AssetStore killed = (AssetStore) Proxy.newProxyInstance(AssetStore.class.getClassLoader(),
          new Class<?>[] {AssetStore.class}, (proxy, method, args) -> {
            throw new IllegalStateException("killed");
          });
      LoadFeeds load = new LoadFeeds(db.kevStore(), db.advisoryStore(), db.epssStore(), db.attackStore(),
          db.attackMappingStore(), db.ssvcStore(), clock);
      RematchAdvisories rematch = new RematchAdvisories(killed, db.advisoryStore(), db.findingStore(),
          db.feedVersionStore(), db.kevStore(), clock, db.matchBacklog());
      FeedReading reading = new FeedReading(new UpdateFeed(load, db.feedVersionStore(), db.advisoryStore(), rematch,
          clock), n -> {});
      for (FeedInput input : FeedScanner.scan(feed).inputs()) {
        var outcome = (UpdateFeed.Outcome.Loaded) reading.load(input, input.describe(), false);
        if (!outcome.update().unchanged()) {
          assertThat(outcome.rematch().failed()).contains("killed");
        }
      }
    }
  }

  private static CommandLineRunner.Result run(Path home, String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  private static App app(Path home) {
    return new App(ConfigLoader.load(new ConfigLoader.Flags(home, null, null), Map.of()), Clock.systemUTC());
  }

  private static Set<String> open(Path home) {
    try (App app = app(home)) {
      return org.patchwarden.app.OpenFindings.of(app);
    }
  }

  private static Path bundled(String name) {
    try {
      return Path.of(InterruptedMatchingTest.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
