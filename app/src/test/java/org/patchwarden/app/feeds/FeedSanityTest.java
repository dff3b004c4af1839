package org.patchwarden.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.EpssStore;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import org.patchwarden.store.Database;
import org.patchwarden.store.TestDatabases;
import org.patchwarden.usecase.LoadFeeds;
import org.patchwarden.usecase.RematchAdvisories;
import org.patchwarden.usecase.UpdateFeed;

/**
 * Sanity before a source is replaced, with documents made by cutting real feeds down: an empty or
 * truncated newer document does not wipe a source unless forced, and no dated source rolls back.
 */
class FeedSanityTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  /** The demo's real feed slices (EPSS of 2026-08-22, Debian's DSA list), bundled in the repository. */
  private static final Path BUNDLED = bundled("/demo/feeds");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Database db;
  private UpdateFeed policy;

  @BeforeEach
  void setUp() {
    db = TestDatabases.sqlite(dir);
    LoadFeeds load = new LoadFeeds(db.kevStore(), db.advisoryStore(), db.epssStore(), db.attackStore(),
        db.attackMappingStore(), db.ssvcStore(), CLOCK);
    RematchAdvisories rematch = new RematchAdvisories(db.assetStore(), db.advisoryStore(), db.findingStore(),
        db.feedVersionStore(), db.kevStore(), CLOCK, db.matchBacklog());
    policy = new UpdateFeed(load, db.feedVersionStore(), db.advisoryStore(), rematch, CLOCK);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private UpdateFeed.Outcome load(Path file) {
    return load(file, policy);
  }

  private static UpdateFeed.Outcome load(Path file, UpdateFeed policy) {
    FeedInput input = FeedScanner.scan(file).inputs().get(0);
    return new FeedReading(policy, n -> {}).load(input, input.describe(), false);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(FeedSanityTest.class.getResource(name).toURI());
  }

  /** The real 2026.08.07 catalog keeping only its first {@code keep} entries, {@code count} adjusted. */
  private Path newerCatalogCutTo(int keep) throws Exception {
    ObjectNode catalog = (ObjectNode) JSON.readTree(resource("/kev/kev-2026-08-07.json").toFile());
    ArrayNode all = (ArrayNode) catalog.get("vulnerabilities");
    ArrayNode kept = JSON.createArrayNode();
    for (int i = 0; i < keep; i++) {
      kept.add(all.get(i));
    }
    catalog.set("vulnerabilities", kept);
    catalog.put("count", keep);
    Path file = dir.resolve("cut-" + keep + "/known_exploited_vulnerabilities.json");
    Files.createDirectories(file.getParent());
    JSON.writeValue(file.toFile(), catalog);
    return file;
  }

  /** The real EPSS file with its score date set to {@code day} and only its first {@code rows} rows. */
  private Path epssFile(String day, int rows) throws IOException {
    List<String> lines = Files.readAllLines(BUNDLED.resolve("epss/epss_scores-kev-2026-08-22.csv"));
    List<String> cut = new java.util.ArrayList<>();
    cut.add(lines.get(0).replace("score_date:2026-08-22", "score_date:" + day));
    cut.addAll(lines.subList(1, 2 + rows));
    Path file = dir.resolve(day + "-" + rows + "/epss_scores-" + day + ".csv");
    Files.createDirectories(file.getParent());
    Files.write(file, cut);
    return file;
  }

  private void assertKevStays() {
    assertThat(db.kevStore().count()).isEqualTo(1253);
    assertThat(db.feedVersionStore().current(KevStore.SOURCE).orElseThrow().version()).isEqualTo("2025.01.29");
  }

  @Test
  void aNewerKevCatalogWithNoEntriesIsRefusedAndTheCatalogStays() throws Exception {
    load(resource("/kev/kev-2025-01-29.json"));

    var outcome = load(newerCatalogCutTo(0));

    assertThat(outcome).isInstanceOfSatisfying(UpdateFeed.Outcome.Refused.class, r -> assertThat(r.reason())
        .isEqualTo("cisa-kev 2026.08.07 would remove 1253 of its 1253 records (100 %), more than the allowed 50 %;"
            + " not loaded"));
    assertKevStays();
  }

  @Test
  void aTruncatedNewerKevCatalogIsRefusedUnlessForced() throws Exception {
    load(resource("/kev/kev-2025-01-29.json"));
    Path truncated = newerCatalogCutTo(500);

    assertThat(load(truncated)).isInstanceOf(UpdateFeed.Outcome.Refused.class);
    assertKevStays();

    assertThat(load(truncated, policy.forced())).isInstanceOf(UpdateFeed.Outcome.Loaded.class);
    assertThat(db.kevStore().count()).isEqualTo(500);
  }

  @Test
  void aNewerFullKevCatalogStillReplacesTheOlderOne() throws Exception {
    load(resource("/kev/kev-2025-01-29.json"));

    assertThat(load(resource("/kev/kev-2026-08-07.json"))).isInstanceOf(UpdateFeed.Outcome.Loaded.class);
    assertThat(db.kevStore().count()).isEqualTo(1662);
  }

  @Test
  void aHeaderOnlyEpssFileIsRefusedAndTheScoresStay() throws IOException {
    load(BUNDLED.resolve("epss/epss_scores-kev-2026-08-22.csv"));
    int scores = db.epssStore().count();

    var outcome = load(epssFile("2026-08-23", 0));

    assertThat(outcome).isInstanceOf(UpdateFeed.Outcome.Refused.class);
    assertThat(db.epssStore().count()).isEqualTo(scores).isGreaterThan(1500);
    assertThat(db.feedVersionStore().current(EpssStore.SOURCE).orElseThrow().version()).endsWith("@2026-08-22");
  }

  @Test
  void anOlderEpssFileDoesNotReplaceANewerOne() throws IOException {
    load(BUNDLED.resolve("epss/epss_scores-kev-2026-08-22.csv"));

    var outcome = load(epssFile("2026-08-21", 1500));

    assertThat(outcome).isInstanceOf(UpdateFeed.Outcome.Older.class);
    assertThat(db.feedVersionStore().current(EpssStore.SOURCE).orElseThrow().version()).endsWith("@2026-08-22");
  }

  @Test
  void aDebianListWhoseNewestAdvisoryIsOlderDoesNotRollTheSourceBack() throws IOException {
    Path full = dir.resolve("full/DSA/list");
    Files.createDirectories(full.getParent());
    Files.copy(BUNDLED.resolve("debian/data/DSA/list"), full);
    load(full);
    String current = db.feedVersionStore().current("debian-dsa").orElseThrow().version();
    // The same list without its first (newest) advisories: dated before the one loaded.
    List<String> lines = Files.readAllLines(full);
    int from = 0;
    while (!lines.get(from).startsWith("[29 Dec 2022]")) {
      from++;
    }
    Path older = dir.resolve("older/DSA/list");
    Files.createDirectories(older.getParent());
    Files.write(older, lines.subList(from, lines.size()));

    var outcome = load(older);

    assertThat(outcome).isInstanceOfSatisfying(UpdateFeed.Outcome.Older.class,
        o -> assertThat(o.current()).isEqualTo(current));
    assertThat(db.feedVersionStore().current("debian-dsa").orElseThrow().version()).isEqualTo(current);
  }

  private static Path bundled(String name) {
    try {
      return Path.of(FeedSanityTest.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
