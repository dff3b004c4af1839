package org.patchwarden.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedStoreException;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import org.patchwarden.store.Database;
import org.patchwarden.store.TestDatabases;
import org.patchwarden.usecase.LoadFeeds;
import org.patchwarden.usecase.UpdateFeed;

/**
 * Two loads of the same source at once, an older and a newer real KEV catalog, on SQLite and on a
 * real PostgreSQL: whichever commits first, the newer catalog is what stays, and neither load fails.
 */
class ConcurrentFeedLoadsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
  private static final int ROUNDS = 3;

  @TempDir Path dir;

  private static FeedInput catalog(String name) throws URISyntaxException {
    Path file = Path.of(ConcurrentFeedLoadsTest.class.getResource("/kev/" + name).toURI());
    return FeedScanner.scan(file).inputs().get(0);
  }

  private static FeedReading reading(Database db) {
    LoadFeeds load = new LoadFeeds(db.kevStore(), db.advisoryStore(), db.epssStore(), db.attackStore(),
        db.attackMappingStore(), db.ssvcStore(), CLOCK);
    return FeedLoading.reading(db, load, CLOCK);
  }

  /** Races the two catalogs into a fresh database; returns both outcomes. */
  private static List<UpdateFeed.Outcome> race(Database db) throws Exception {
    FeedInput older = catalog("kev-2025-01-29.json");
    FeedInput newer = catalog("kev-2026-08-07.json");
    FeedReading reading = reading(db);
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<UpdateFeed.Outcome>> loads = new ArrayList<>();
      for (FeedInput input : List.of(older, newer)) {
        loads.add(pool.submit(() -> {
          start.await();
          return reading.load(input, input.describe(), false);
        }));
      }
      List<UpdateFeed.Outcome> outcomes = new ArrayList<>();
      for (Future<UpdateFeed.Outcome> f : loads) {
        outcomes.add(f.get()); // a raw SQL error would surface here as an ExecutionException
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertTheNewerCatalogStays(Database db, List<UpdateFeed.Outcome> outcomes) {
    assertThat(outcomes.get(1)).isInstanceOf(UpdateFeed.Outcome.Loaded.class);
    assertThat(outcomes.get(0)).isInstanceOfAny(UpdateFeed.Outcome.Loaded.class, UpdateFeed.Outcome.Older.class);
    assertThat(db.feedVersionStore().current(KevStore.SOURCE).orElseThrow().version()).isEqualTo("2026.08.07");
    assertThat(db.kevStore().count()).isEqualTo(1662);
  }

  @Test
  void twoLoadsOfOneSourceAtOnceOnSqliteEndWithTheNewerCatalog() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      try (Database db = TestDatabases.sqlite(dir.resolve("round-" + round))) {
        assertTheNewerCatalogStays(db, race(db));
      }
    }
  }

  @Test
  void twoLoadsOfOneSourceAtOnceOnPostgresqlEndWithTheNewerCatalog() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      try (Database db = TestDatabases.postgres()) {
        assertTheNewerCatalogStays(db, race(db));
      }
    }
  }

  @Test
  void aLoadTheDatabaseRefusesFailsWithOneLineNamingTheSourceNotTheStatement() throws Exception {
    try (Database db = TestDatabases.sqlite(dir)) {
      // A schema damaged behind our back: every write of the load fails inside its transaction.
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("patchwarden.db"));
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE kev_entries");
      }
      FeedInput input = catalog("kev-2025-01-29.json");
      assertThatThrownBy(() -> reading(db).load(input, input.describe(), false))
          .isInstanceOf(FeedStoreException.class)
          .satisfies(e -> assertThat(e.getMessage())
              .startsWith("cisa-kev: the database did not take the load, nothing written: ")
              .contains("kev_entries").doesNotContain("\n").doesNotContain("SELECT").hasSizeLessThan(300));
    }
  }
}
