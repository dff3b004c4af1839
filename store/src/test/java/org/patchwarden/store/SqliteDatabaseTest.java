package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.EpssStore;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;

/** The embedded SQLite database: WAL, foreign keys, and a second process working on the same file. */
class SqliteDatabaseTest {
  @TempDir Path dir;

  @Test
  void runsInWalModeWithForeignKeysEnforced() {
    try (Database db = TestDatabases.sqlite(dir)) {
      String journal = db.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
      Integer foreignKeys = db.jdbi().withHandle(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one());
      assertThat(journal).isEqualToIgnoringCase("wal");
      assertThat(foreignKeys).isEqualTo(1);
      assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
              "INSERT INTO inventories (asset_name, revision, scanned_at) VALUES ('nobody', 1, '2026-01-01T00:00:00.000000Z')")))
          .hasMessageContaining("FOREIGN KEY");
    }
  }

  @Test
  void aSecondProcessReadsAndWritesWhileTheFirstHoldsTheDatabaseOpen() throws IOException, InterruptedException {
    Path file = dir.resolve("patchwarden.db");
    try (Database server = Database.openSqlite(file)) {
      server.kevStore().replace(KevStoreContract.snapshot("v1",
          KevStoreContract.entry("CVE-2025-1", "2025-01-01", "2025-01-21"),
          KevStoreContract.entry("CVE-2025-2", "2025-01-02", "2025-01-22")),
          new FeedDocument(KevStore.SOURCE, "test", "hash", Instant.now()));

      String java = ProcessHandle.current().info().command().orElse("java");
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          SqliteSecondProcess.class.getName(), file.toString())
          .redirectErrorStream(true)
          .start();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(child.exitValue()).as(out).isZero();
      assertThat(out).contains("kev=2");
      assertThat(server.assetStore().list()).extracting(a -> a.name()).isEqualTo(List.of("from-child"));
    }
  }

  @Test
  void twoPoolsOnOneFileLoadFeedsAtTheSameTimeWithoutBusyErrors() throws Exception {
    Path file = dir.resolve("patchwarden.db");
    try (Database first = Database.openSqlite(file); Database second = Database.openSqlite(file)) {
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<?>> loads = new java.util.ArrayList<>();
        for (int round = 0; round < 5; round++) {
          int r = round;
          // Each load reads the current version before writing: with deferred transactions the
          // second writer's read lock could not be upgraded and SQLite would answer SQLITE_BUSY at once.
          loads.add(pool.submit(() -> first.epssStore().replace(scores(r), new FeedDocument(EpssStore.SOURCE, "a",
              "hash-a" + r, Instant.now()))));
          loads.add(pool.submit(() -> second.kevStore().replace(KevStoreContract.snapshot("v" + r,
                  KevStoreContract.entry("CVE-2025-" + r, "2025-01-01", "2025-01-21")),
              new FeedDocument(KevStore.SOURCE, "b", "hash-b" + r, Instant.now()))));
        }
        for (var load : loads) {
          load.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(first.kevStore().count()).isEqualTo(1);
      assertThat(second.epssStore().count()).isEqualTo(2_000);
    }
  }

  private static FeedSnapshot<EpssScore> scores(int round) {
    return sink -> {
      for (int i = 0; i < 2_000; i++) {
        sink.accept(new EpssScore("CVE-2025-" + i, (i + round) % 100 / 100.0, 0.5));
      }
      return new FeedHeader("", null);
    };
  }

  @Test
  void refusesAnUnsupportedDatabaseUrlNamingIt() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/pw", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://localhost/pw")
        .hasMessageContaining("jdbc:sqlite:");
  }
}
