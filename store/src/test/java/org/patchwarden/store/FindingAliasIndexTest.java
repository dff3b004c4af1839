package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

/**
 * Lookups by alias through {@code finding_alias_index} (V31, {@link FindingAliasIndex}) on SQLite and
 * PostgreSQL: exact whatever the index holds beyond a finding's own aliases, never missing a row
 * after a rollback, free of waits between concurrent writers, and filled from a V30 store's rows.
 */
class FindingAliasIndexTest {
  static final Finding CURL = PostgresFindingWritesTest.finding("web-01", "curl", "7.74.0", "DSA-5197-1",
      Set.of("CVE-2021-22898", "CVE-2021-22924"), "debian-dsa");

  @TempDir Path tempDir;
  List<Database> both;

  @BeforeEach
  void open() {
    both = List.of(TestDatabases.postgres(), TestDatabases.sqlite(tempDir));
    for (Database db : both) {
      for (String name : List.of("web-01", "web-02")) {
        db.assetStore().save(new Asset(name, AssetKind.HOST, "production", "platform", 2, false, Set.of()));
      }
    }
  }

  @AfterEach
  void close() {
    both.forEach(Database::close);
  }

  private static List<Finding> withAlias(Database db, String alias) {
    return db.findingStore().list(new FindingFilter(null, null, alias, null)).stream().map(TrackedFinding::finding)
        .toList();
  }

  private static long indexRows(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM finding_alias_index").mapTo(Long.class)
        .one());
  }

  @Test
  void aClosedFindingKeepsTheAliasItWasFoundWithWhileTheAdvisorysNewFindingsAreFoundByTheirOwn() {
    Finding before = CURL;
    Finding after = PostgresFindingWritesTest.finding("web-02", "curl", "7.74.0", "DSA-5197-1",
        Set.of("CVE-2021-22924", "CVE-2022-32208"), "debian-dsa");
    for (Database db : both) {
      String name = db.dialect().name();
      db.findingStore().recordScan("web-01", 1, PostgresFindingWritesTest.T1, List.of(before));
      db.findingStore().recordScan("web-01", 2, PostgresFindingWritesTest.T2, List.of());
      db.findingStore().recordScan("web-02", 1, PostgresFindingWritesTest.T2, List.of(after));

      assertThat(withAlias(db, "CVE-2021-22898")).as(name).containsExactly(before);
      assertThat(withAlias(db, "CVE-2022-32208")).as(name).containsExactly(after);
      assertThat(withAlias(db, "CVE-2021-22924")).as(name).containsExactlyInAnyOrder(before, after);
      assertThat(db.findingStore().list(new FindingFilter(null, null, "CVE-2021-22898", FindingStatus.FIXED)))
          .as(name).extracting(TrackedFinding::finding).containsExactly(before);
      assertThat(indexRows(db)).as(name).isEqualTo(3);
    }
  }

  @Test
  void aWriteRolledBackIsNotRememberedSoTheNextWriteOfTheSameAliasesIndexesThem() {
    for (Database db : both) {
      String name = db.dialect().name();
      assertThatThrownBy(() -> db.transactions().run(() -> {
        db.findingStore().recordScan("web-01", 1, PostgresFindingWritesTest.T1, List.of(CURL));
        throw new IllegalStateException("the group's next write failed");
      })).as(name).hasMessageContaining("next write failed");
      assertThat(indexRows(db)).as(name).isZero();

      db.findingStore().recordScan("web-01", 1, PostgresFindingWritesTest.T1, List.of(CURL));

      assertThat(withAlias(db, "CVE-2021-22898")).as(name).containsExactly(CURL);
      assertThat(indexRows(db)).as(name).isEqualTo(2);
    }
  }

  @Test
  void twoPostgresWritersOfTheSameAdvisoriesInOppositeOrdersNeitherWaitForTheOtherNorDeadlock() throws Exception {
    Database db = both.get(0);
    Finding zlib1 = PostgresFindingWritesTest.finding("web-01", "zlib", "1.2.11", "DSA-5218-1",
        Set.of("CVE-2022-37434"), "debian-dsa");
    Finding curl2 = PostgresFindingWritesTest.finding("web-02", "curl", "7.74.0", "DSA-5197-1",
        Set.of("CVE-2021-22898", "CVE-2021-22924"), "debian-dsa");
    Finding zlib2 = PostgresFindingWritesTest.finding("web-02", "zlib", "1.2.11", "DSA-5218-1",
        Set.of("CVE-2022-37434"), "debian-dsa");

    db.transactions().run(() -> {
      // the first writer's rows are not committed while the second writes the same aliases
      db.findingStore().recordScan("web-01", 1, PostgresFindingWritesTest.T1, List.of(CURL, zlib1));
      CompletableFuture<Void> second = CompletableFuture.runAsync(() -> db.transactions().run(() -> {
        db.findingStore().recordScan("web-02", 1, PostgresFindingWritesTest.T1, List.of(zlib2, curl2));
      }));
      try {
        second.get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("the second writer waited for the first", e);
      }
    });

    assertThat(withAlias(db, "CVE-2021-22898")).containsExactlyInAnyOrder(CURL, curl2);
    assertThat(withAlias(db, "CVE-2022-37434")).containsExactlyInAnyOrder(zlib1, zlib2);
    assertThat(db.findingStore().openCounts(List.of("web-01", "web-02"), Set.of("CVE-2022-37434")))
        .allSatisfy((asset, count) -> assertThat(count.kevListed()).as(asset).isEqualTo(1));
  }

  @Test
  void sqliteAliasRowsOfAV30StoreMoveIntoTheIndexAndFindTheSameFindings() throws SQLException {
    Path file = tempDir.resolve("v30.db");
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    writeV30Findings(url);
    try (Database db = Database.openSqlite(file)) {
      assertMoved(db);
    }
  }

  @Test
  void postgresAliasRowsOfAV30StoreMoveIntoTheIndexAndTheFormerKeyTriggersAreGone() throws SQLException {
    String url = TestDatabases.postgresUrl();
    writeV30Findings(url);
    try (Database db = Database.open(url, null, null)) {
      assertMoved(db);
      long left = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pg_proc WHERE proname IN"
          + " ('finding_aliases_check_findings', 'findings_delete_aliases', 'findings_keep_aliased_keys')")
          .mapTo(Long.class).one());
      assertThat(left).isZero();
      // the former triggers named the dropped table: a delete of findings would fail with them
      db.jdbi().useHandle(h -> h.execute("DELETE FROM findings WHERE asset_name = 'web-02'"));
      assertThat(withAlias(db, "CVE-2021-22898")).extracting(Finding::assetName).containsExactly("web-01");
    }
  }

  /** Two hosts with the same curl finding (two aliases each) and one without aliases, as V30 stored them. */
  private static void writeV30Findings(String url) throws SQLException {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
        .javaMigrations(new PackageListMigration(), new FindingAliasKeyCheckMigration()).target("30").load().migrate();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String name : List.of("web-01", "web-02")) {
        s.execute("INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags) "
            + "VALUES ('" + name + "', 'HOST', 'production', '', 1, 0, '')");
        for (String[] f : List.of(new String[] {"curl", "DSA-5197-1", "[\"CVE-2021-22898\",\"CVE-2021-22924\"]"},
            new String[] {"zlib1g", "DSA-5218-1", "[]"})) {
          s.execute("INSERT INTO findings (asset_name, ecosystem, package_name, advisory_id, feed_source,"
              + " package_version, source_name, source_version, architecture, purl, aliases, advisory_ecosystem,"
              + " matched_name, matched_version, affected_status, affected_range, fixed_version, confidence, status,"
              + " first_seen, last_seen) VALUES ('" + name + "', 'deb', '" + f[0] + "', '" + f[1] + "', 'debian-dsa',"
              + " '1.0', '', '', 'amd64', '', '" + f[2] + "', 'Debian:11', '" + f[0] + "', '1.0', 'AFFECTED',"
              + " '< 1.1', '1.1', 'CONFIRMED', 'OPEN', '2026-11-01T10:00:00.000000Z', '2026-11-01T10:00:00.000000Z')");
        }
        for (String alias : List.of("CVE-2021-22898", "CVE-2021-22924")) {
          s.execute("INSERT INTO finding_aliases (asset_name, ecosystem, package_name, advisory_id, feed_source, alias)"
              + " VALUES ('" + name + "', 'deb', 'curl', 'DSA-5197-1', 'debian-dsa', '" + alias + "')");
        }
      }
    }
  }

  private static void assertMoved(Database db) {
    assertThat(indexRows(db)).isEqualTo(2);
    assertThat(withAlias(db, "CVE-2021-22924")).extracting(Finding::assetName).containsExactly("web-01", "web-02");
    assertThat(withAlias(db, "DSA-5218-1")).extracting(f -> f.installed().name()).containsExactly("zlib1g", "zlib1g");
    long tables = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM "
        + (db.dialect() == Dialect.POSTGRESQL ? "information_schema.tables WHERE table_name" : "sqlite_master WHERE name")
        + " = 'finding_aliases'").mapTo(Long.class).one());
    assertThat(tables).as("the former table").isZero();
  }
}
