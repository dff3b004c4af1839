package org.patchwarden.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchwarden.app.App;
import org.patchwarden.app.config.ConfigLoader;
import org.patchwarden.app.inventory.FleetDirectory;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.usecase.ScanAssets;

/**
 * Property: whatever the order of feed loads and inventory imports, the open findings after the
 * last step equal those of one full match (a fresh home that loads the same feeds, then imports the
 * assets' final inventories). Fleets are generated from the demo fleet (random assets, random
 * subsets of their packages, random appliance versions) and the feeds are real files: two KEV
 * catalogs (the older must never win), CVE 5 records in two loads of one source, OSV and Debian.
 * Each seed is printed with its failure.
 */
class RematchEqualsFullMatchTest {
  private static final Map<String, List<String>> APPLIANCE_VERSIONS = Map.of(
      "paloaltonetworks:pan-os", List.of("10.2.9-h1", "11.1.2", "9.1.0"),
      "ivanti:endpoint_manager_mobile", List.of("12.1.0.2", "11.10.0.1", "12.0.0.0"));

  @TempDir Path tmp;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 2026})
  void openFindingsAfterAnyOrderOfLoadsAndImportsEqualOneFullMatch(long seed) throws Exception {
    Random random = new Random(seed);
    List<Path> feeds = feedDirectories();
    List<ScanAssets.AssetInventory> demo = FleetDirectory.read(resource("/demo/fleet")).inventories();

    List<Runnable> steps = new ArrayList<>();
    Map<String, ScanAssets.AssetInventory> last = new LinkedHashMap<>();
    App incremental = app("incremental-" + seed);
    for (Path feed : feeds) {
      steps.add(() -> load(incremental, feed));
    }
    for (int i = 0; i < 4; i++) {
      List<ScanAssets.AssetInventory> fleet = generatedFleet(random, demo);
      // a fleet import's way too: groups of a few assets, each group's advisory index prepared from
      // its inputs while they are recorded
      boolean grouped = random.nextBoolean();
      steps.add(() -> {
        if (grouped) {
          List<List<ScanAssets.AssetInventory>> groups = new ArrayList<>();
          for (int from = 0; from < fleet.size(); from += 3) {
            groups.add(fleet.subList(from, Math.min(fleet.size(), from + 3)));
          }
          incremental.scanAssets().scanGroups(groups.iterator(), false, c -> { });
        } else {
          incremental.scanAssets().scan(fleet);
        }
        fleet.forEach(a -> last.put(a.asset().name(), a)); // what each asset runs now
      });
    }
    Collections.shuffle(steps, random);
    steps.forEach(Runnable::run);

    App full = app("full-" + seed);
    feeds.forEach(feed -> load(full, feed));
    full.scanAssets().scan(List.copyOf(last.values()));

    assertThat(open(incremental)).as("seed %d: incremental loads and imports vs one full match", seed)
        .isEqualTo(open(full));
    incremental.close();
    full.close();
  }

  @org.junit.jupiter.api.Test
  void loadingKevThenCve5RecordsAfterAnImportKeepsWhatAFreshImportFinds() throws Exception {
    List<ScanAssets.AssetInventory> fleet = FleetDirectory.read(resource("/demo/fleet")).inventories();
    List<Path> feeds = feedDirectories();
    App incremental = app("incremental");
    incremental.scanAssets().scan(fleet);
    load(incremental, resource("/demo/feeds/kev"));
    Set<String> afterKev = open(incremental);
    load(incremental, resource("/demo/feeds/cve5"));
    load(incremental, feeds.get(3)); // CVE 5 records of vulnrichment, CVE-2023-35081 among them

    App full = app("full");
    List.of(resource("/demo/feeds/kev"), resource("/demo/feeds/cve5"), feeds.get(3))
        .forEach(feed -> load(full, feed));
    full.scanAssets().scan(fleet);

    assertThat(afterKev).as("KEV-product findings appear as soon as KEV loads")
        .contains("fw-edge-01 cpe:paloaltonetworks:pan-os@10.2.9-h1 CVE-2026-0300 [cisa-kev, PRODUCT_ONLY]");
    assertThat(open(incremental)).isEqualTo(open(full));
    incremental.close();
    full.close();
  }

  /** Random assets of the demo fleet, each with a random part of its packages and a random appliance version. */
  private static List<ScanAssets.AssetInventory> generatedFleet(Random random, List<ScanAssets.AssetInventory> demo) {
    List<ScanAssets.AssetInventory> out = new ArrayList<>();
    for (ScanAssets.AssetInventory a : demo) {
      if (random.nextInt(2) == 0) { // most imports cover part of the fleet, as real ones do
        continue;
      }
      List<InstalledPackage> packages = new ArrayList<>();
      for (InstalledPackage p : a.packages()) {
        List<String> versions = APPLIANCE_VERSIONS.get(p.name());
        if (versions != null) {
          packages.add(new InstalledPackage(p.ecosystem(), p.name(), versions.get(random.nextInt(versions.size())),
              p.sourceName(), p.sourceVersion(), p.architecture(), p.purl()));
        } else if (random.nextInt(10) < 8) {
          packages.add(p);
        }
      }
      // an input replaces the ecosystems it has packages of and keeps the others' (a partial scan):
      // one package of each keeps the asset's inventory its last input, which the full match takes
      for (InstalledPackage p : a.packages()) {
        if (packages.stream().noneMatch(q -> q.ecosystem().equals(p.ecosystem()))) {
          packages.add(p);
        }
      }
      out.add(new ScanAssets.AssetInventory(a.asset(), a.replaceContext(), a.os(), packages));
    }
    return out;
  }

  private static void load(App app, Path feed) {
    FeedLoader loader = app.feedLoader(n -> {});
    for (FeedInput input : FeedScanner.scan(feed).inputs()) {
      var outcome = loader.load(input, input.describe(), false);
      if (outcome instanceof org.patchwarden.usecase.UpdateFeed.Outcome.Loaded l) {
        assertThat(l.rematch().failed()).as("re-match after loading %s", feed).isEmpty();
      }
    }
  }

  private static Set<String> open(App app) {
    return org.patchwarden.app.OpenFindings.of(app);
  }

  private App app(String name) {
    return new App(ConfigLoader.load(new ConfigLoader.Flags(tmp.resolve(name), null, null), Map.of()),
        Clock.systemUTC());
  }

  /** Real feed files, each directory one load step. */
  private List<Path> feedDirectories() throws IOException, URISyntaxException {
    Path vulnrichment = tmp.resolve("cve5-vulnrichment");
    for (String cve : List.of("2023/35xxx/CVE-2023-35078.json", "2023/35xxx/CVE-2023-35081.json",
        "2023/35xxx/CVE-2023-35040.json", "2024/3xxx/CVE-2024-3400.json", "2024/9xxx/CVE-2024-9463.json",
        "2022/0xxx/CVE-2022-0028.json")) {
      Path to = vulnrichment.resolve(cve);
      Files.createDirectories(to.getParent());
      Files.copy(resource("/cve5-vulnrichment").resolve(cve), to);
    }
    // The catalog before the bundled one: loads must never roll the newer one back.
    Path olderKev = Files.createDirectories(tmp.resolve("kev-2025-08-25"));
    Files.copy(resource("/kev/kev-2025-08-25.json"), olderKev.resolve("known_exploited_vulnerabilities.json"));
    Path demoFeeds = resource("/demo/feeds");
    return List.of(
        olderKev,
        resource("/demo/feeds/kev"),
        resource("/demo/feeds/cve5"),
        vulnrichment,
        demoFeeds.resolve("osv"),
        demoFeeds.resolve("debian"));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(RematchEqualsFullMatchTest.class.getResource(name).toURI());
  }
}
