package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

/** A database written by the schema before V3 keeps its inventories, read as having no OS and no purls. */
class SchemaUpgradeTest {
  @TempDir Path dir;

  @Test
  void sqliteInventoriesOfTheFormerSchemaReadAsWithoutOsOrPurl() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("old.db").toAbsolutePath();
    writeFormerSchema(url);
    try (Database db = Database.openSqlite(dir.resolve("old.db"))) {
      assertUpgraded(db);
    }
  }

  @Test
  void postgresInventoriesOfTheFormerSchemaReadAsWithoutOsOrPurl() throws SQLException {
    String url = TestDatabases.postgresUrl();
    writeFormerSchema(url);
    try (Database db = Database.open(url, null, null)) {
      assertUpgraded(db);
    }
  }

  private static void writeFormerSchema(String url) throws SQLException {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("2").load().migrate();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags) "
          + "VALUES ('web-01', 'HOST', 'production', '', 1, 0, '')");
      s.execute("INSERT INTO inventories (asset_name, revision, scanned_at) "
          + "VALUES ('web-01', 1, '2026-11-01T10:00:00.000000Z')");
      s.execute("INSERT INTO installed_packages "
          + "(asset_name, revision, ecosystem, name, version, source_name, source_version, architecture) "
          + "VALUES ('web-01', 1, 'deb', 'curl', '7.88.1-10+deb12u8', 'curl', '', 'amd64')");
    }
  }

  private static void assertUpgraded(Database db) {
    assertThat(db.assetStore().currentInventories()).containsExactly(new Inventory("web-01", 1,
        Instant.parse("2026-11-01T10:00:00Z"), null,
        List.of(new InstalledPackage("deb", "curl", "7.88.1-10+deb12u8", "curl", "", "amd64", ""))));
    assertThat(db.findingStore().list(org.patchwarden.match.FindingFilter.all())).isEmpty();
  }
}
