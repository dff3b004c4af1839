package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.match.Finding;

/**
 * Every alias row names a finding, and goes with it: SQLite's foreign key, PostgreSQL's statement
 * triggers (V26, {@link FindingAliasKeyCheckMigration}) keep the same rules.
 */
class FindingAliasKeysTest {
  static final String ALIAS_INSERT = "INSERT INTO finding_aliases (asset_name, ecosystem, package_name, advisory_id,"
      + " feed_source, alias) VALUES ('web-01', 'deb', :pkg, 'DSA-5197-1', 'debian-dsa', 'CVE-2099-0001')";

  @TempDir Path tempDir;
  List<Database> both;

  @BeforeEach
  void open() {
    both = List.of(TestDatabases.postgres(), TestDatabases.sqlite(tempDir));
    Finding curl = PostgresFindingWritesTest.finding("web-01", "curl", "7.74.0", "DSA-5197-1",
        Set.of("CVE-2021-22898", "CVE-2021-22924"), "debian-dsa");
    for (Database db : both) {
      db.assetStore().save(new Asset("web-01", AssetKind.HOST, "production", "platform", 2, false, Set.of()));
      db.findingStore().recordScan("web-01", 1, PostgresFindingWritesTest.T1, List.of(curl));
    }
  }

  @AfterEach
  void close() {
    both.forEach(Database::close);
  }

  private static long aliases(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM finding_aliases").mapTo(Long.class).one());
  }

  @Test
  void anAliasOfAFindingThatExistsIsStored() {
    for (Database db : both) {
      db.jdbi().useHandle(h -> h.createUpdate(ALIAS_INSERT).bind("pkg", "curl").execute());

      assertThat(aliases(db)).as(db.dialect().name()).isEqualTo(3);
    }
  }

  @Test
  void anAliasNamingNoFindingIsRefusedAndNothingOfItsStatementIsStored() {
    for (Database db : both) {
      boolean postgres = db.dialect() == Dialect.POSTGRESQL;
      assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.createUpdate(ALIAS_INSERT).bind("pkg", "wget").execute()))
          .as(db.dialect().name())
          .rootCause().isInstanceOfSatisfying(SQLException.class, e ->
              assertThat(postgres ? e.getSQLState() : e.getMessage()).contains(postgres ? "23503" : "FOREIGN KEY"));

      assertThat(aliases(db)).as(db.dialect().name()).isEqualTo(2);
    }
  }

  @Test
  void deletingAFindingDeletesItsAliases() {
    for (Database db : both) {
      db.jdbi().useHandle(h -> h.execute("DELETE FROM findings WHERE package_name = 'curl'"));

      assertThat(aliases(db)).as(db.dialect().name()).isZero();
    }
  }

  @Test
  void deletingAnAssetDeletesItsFindingsAndTheirAliases() {
    for (Database db : both) {
      db.jdbi().useHandle(h -> {
        h.execute("DELETE FROM coverage_gaps WHERE asset_name = 'web-01'");
        h.execute("DELETE FROM inventories WHERE asset_name = 'web-01'");
        h.execute("DELETE FROM assets WHERE name = 'web-01'");
      });

      assertThat(aliases(db)).as(db.dialect().name()).isZero();
    }
  }

  @Test
  void theKeyOfAFindingWithAliasesCannotChange() {
    for (Database db : both) {
      assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
          "UPDATE findings SET advisory_id = 'DSA-9999-1' WHERE package_name = 'curl'")))
          .as(db.dialect().name());

      assertThat(aliases(db)).as(db.dialect().name()).isEqualTo(2);
    }
  }
}
