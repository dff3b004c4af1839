package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.EcosystemKeys;

/**
 * Databases written by former schemas upgrade in place: inventories from before V3 read as having
 * no OS and no purls; affected packages from before V4 get the matcher's keys.
 */
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

  @Test
  void sqlitePackageRowsOfTheFormerSchemaMoveIntoOneListPerRevisionInTheirReadOrder() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("v18.db").toAbsolutePath();
    writeV18Packages(url);
    try (Database db = Database.openSqlite(dir.resolve("v18.db"))) {
      assertPackagesMoved(db, url);
    }
  }

  @Test
  void postgresPackageRowsOfTheFormerSchemaMoveIntoOneListPerRevisionInTheirReadOrder() throws SQLException {
    String url = TestDatabases.postgresUrl();
    writeV18Packages(url);
    try (Database db = Database.open(url, null, null)) {
      assertPackagesMoved(db, url);
    }
  }

  /** Two assets, one with two revisions (the second empty), packages inserted out of order. */
  private static void writeV18Packages(String url) throws SQLException {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("17").load().migrate();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String name : List.of("db-01", "web-01")) {
        s.execute("INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags) "
            + "VALUES ('" + name + "', 'HOST', 'production', '', 1, 0, '')");
      }
      s.execute("INSERT INTO inventories (asset_name, revision, scanned_at, os_id, os_version_id, os_codename,"
          + " content_hash, match_complete) VALUES ('web-01', 1, '2026-11-01T10:00:00.000000Z', 'debian', '12',"
          + " 'bookworm', 'h1', 1), ('web-01', 2, '2026-11-02T10:00:00.000000Z', 'debian', '12', 'bookworm', 'h2', 1),"
          + " ('db-01', 1, '2026-11-01T10:00:00.000000Z', '', '', '', 'h3', 0)");
      s.execute("INSERT INTO installed_packages "
          + "(asset_name, revision, ecosystem, name, version, source_name, source_version, architecture, purl) VALUES "
          + "('web-01', 1, 'deb', 'zlib1g', '1:1.2.13', 'zlib', '', 'amd64', 'pkg:deb/debian/zlib1g@1:1.2.13'),"
          + "('web-01', 1, 'deb', 'curl', '7.88.1-10+deb12u8', '', '', 'amd64', 'pkg:deb/debian/curl@7.88.1'),"
          + "('web-01', 1, 'npm', 'lodash', '4.17.20', '', '', '', ''),"
          + "('db-01', 1, 'rpm', 'openssl-libs', '1:3.0.7-24.el9', 'openssl', '3.0.7-24.el9', 'x86_64', '')");
    }
  }

  private static void assertPackagesMoved(Database db, String url) throws SQLException {
    assertThat(db.assetStore().inventory("web-01", 1).orElseThrow().packages()).containsExactly(
        new InstalledPackage("deb", "curl", "7.88.1-10+deb12u8", "", "", "amd64", "pkg:deb/debian/curl@7.88.1"),
        new InstalledPackage("deb", "zlib1g", "1:1.2.13", "zlib", "", "amd64", "pkg:deb/debian/zlib1g@1:1.2.13"),
        new InstalledPackage("npm", "lodash", "4.17.20", "", "", "", ""));
    assertThat(db.assetStore().inventory("web-01", 2).orElseThrow().packages()).isEmpty();
    assertThat(db.assetStore().currentInventories()).extracting(Inventory::assetName, i -> i.packages().size())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("db-01", 1), org.assertj.core.groups.Tuple.tuple("web-01", 0));
    assertThat(db.assetStore().newest(List.of("web-01", "db-01"))).satisfies(n -> {
      assertThat(n.get("web-01").packageCount()).isZero();
      assertThat(n.get("db-01").packageCount()).isEqualTo(1);
      assertThat(n.get("db-01").matchComplete()).isFalse();
    });
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM installed_packages")) {
      rs.next();
      assertThat(rs.getInt(1)).as("rows left behind in installed_packages").isZero();
    }
  }

  @Test
  void sqliteAssetsOfTheFormerSchemaKeepStatedContextAndLoseTheDefaultsScanMadeUp() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("v4.db").toAbsolutePath();
    writeV4Assets(url);
    try (Database db = Database.openSqlite(dir.resolve("v4.db"))) {
      assertAssetsUpgraded(db);
    }
  }

  @Test
  void postgresAssetsOfTheFormerSchemaKeepStatedContextAndLoseTheDefaultsScanMadeUp() throws SQLException {
    String url = TestDatabases.postgresUrl();
    writeV4Assets(url);
    try (Database db = Database.open(url, null, null)) {
      assertAssetsUpgraded(db);
    }
  }

  /** What V4 held: a host 'scan' created (environment 'unknown', criticality 2 and exposure made up), a listed one. */
  private static void writeV4Assets(String url) throws SQLException {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("4").load().migrate();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags) "
          + "VALUES ('scanned-01', 'HOST', 'unknown', '', 2, 0, '')");
      s.execute("INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags) "
          + "VALUES ('web-01', 'HOST', 'production', 'web', 1, 1, 'dmz')");
      s.execute("INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags) "
          + "VALUES ('db-01', 'HOST', 'staging', '', 3, 0, '')");
    }
  }

  private static void assertAssetsUpgraded(Database db) {
    assertThat(db.assetStore().find("scanned-01")).contains(Asset.unstated("scanned-01", AssetKind.HOST));
    assertThat(db.assetStore().find("web-01"))
        .contains(new Asset("web-01", AssetKind.HOST, "production", "web", 1, true, Set.of("dmz")));
    assertThat(db.assetStore().find("db-01"))
        .contains(new Asset("db-01", AssetKind.HOST, "staging", null, 3, false, Set.of()));
  }

  /** Real package names whose match keys differ from the name as written, and some that must not change. */
  private static final List<String[]> PACKAGES = List.of(
      new String[] {"PyPI", "Jinja2"}, new String[] {"PyPI", "zope.interface"},
      new String[] {"PyPI", "typing_extensions"}, new String[] {"PyPI", "ruamel.yaml.clib"},
      new String[] {"Go", "github.com/BurntSushi/toml"}, new String[] {"Maven", "org.apache.logging.log4j:log4j-core"},
      new String[] {"npm", "@babel/traverse"}, new String[] {"RubyGems", "RedCloth"},
      new String[] {"NuGet", "Newtonsoft.Json"}, new String[] {"Packagist", "symfony/http-kernel"},
      new String[] {"crates.io", "tokio"}, new String[] {"Debian:12", "openssl"},
      new String[] {"Ubuntu:22.04:LTS", "openssl"}, new String[] {"Ubuntu:Pro:18.04:LTS", "openssl"},
      new String[] {"AlmaLinux:9", "openssl-libs"}, new String[] {"Alpine:v3.20", "openssl"},
      new String[] {"cpe", "tukaani:xz"}, new String[] {"vendor", "Palo Alto Networks:PAN-OS"},
      new String[] {"cpe", "ivanti:endpoint_manager_mobile"}, new String[] {"vendor", "MetInfo CMS:MetInfo CMS"});

  @Test
  void sqliteAffectedPackagesOfTheFormerSchemaGetTheMatchersKeys() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("v3.db").toAbsolutePath();
    writeV3Packages(url);
    try (Database db = Database.openSqlite(dir.resolve("v3.db"))) {
      assertPackagesUpgraded(db);
    }
  }

  @Test
  void postgresAffectedPackagesOfTheFormerSchemaGetTheMatchersKeys() throws SQLException {
    String url = TestDatabases.postgresUrl();
    writeV3Packages(url);
    try (Database db = Database.open(url, null, null)) {
      assertPackagesUpgraded(db);
    }
  }

  /** The one record written as withdrawn: its package is not counted. */
  private static final int WITHDRAWN = 0;

  private static AdvisoryRecord recordOf(int n, String[] p) {
    return new AdvisoryRecord("osv", "OSV-" + n, Set.of(), "", "", null, null, n == WITHDRAWN,
        List.of(new AffectedPackage(p[0], p[1], null, AffectedStatus.AFFECTED, List.of(), List.of("1.0"), "")),
        List.of(), List.of(), List.of());
  }

  private static void writeV3Packages(String url) throws SQLException {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("3").load().migrate();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement record = c.prepareStatement("INSERT INTO advisory_records "
            + "(source, id, published, modified, withdrawn, record_hash, body) VALUES ('osv', ?, NULL, NULL, ?, ?, ?)");
        PreparedStatement pkg = c.prepareStatement("INSERT INTO affected_packages "
            + "(source, id, position, ecosystem, name, status) VALUES ('osv', ?, 0, ?, ?, 'AFFECTED')")) {
      for (int n = 0; n < PACKAGES.size(); n++) {
        String json = RecordJson.write(recordOf(n, PACKAGES.get(n)));
        record.setString(1, "OSV-" + n);
        record.setInt(2, n == WITHDRAWN ? 1 : 0);
        record.setString(3, RecordJson.sha256(json));
        record.setString(4, json);
        record.executeUpdate();
        pkg.setString(1, "OSV-" + n);
        pkg.setString(2, PACKAGES.get(n)[0]);
        pkg.setString(3, PACKAGES.get(n)[1]);
        pkg.executeUpdate();
      }
    }
  }

  private static void assertPackagesUpgraded(Database db) {
    List<String> stored = db.jdbi().withHandle(h -> h.createQuery(
            "SELECT ecosystem_key, match_name FROM affected_packages ORDER BY id")
        .map((rs, ctx) -> rs.getString("ecosystem_key") + " " + rs.getString("match_name"))
        .list());
    List<String> expected = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String[] p : PACKAGES) {
      expected.add(EcosystemKeys.ecosystem(p[0]) + " " + EcosystemKeys.matchName(p[0], p[1]));
      names.add(EcosystemKeys.matchName(p[0], p[1]));
    }
    assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(stored).contains("pypi zope-interface", "go github.com/BurntSushi/toml", "ubuntu:22.04 openssl",
        "cpe paloaltonetworks:panos", "cpe ivanti:endpointmanagermobile", "cpe metinfocms:metinfocms");

    List<String> found = new ArrayList<>();
    db.advisoryStore().forEachRecordNaming(names, (feed, r) -> found.add(r.id()));
    assertThat(found).hasSize(PACKAGES.size()).doesNotHaveDuplicates();
    Map<String, Integer> counts = db.advisoryStore().affectedPackageCounts();
    assertThat(counts.get("pypi")).isEqualTo(3); // of 4, one withdrawn
    assertThat(counts.get("cpe")).isEqualTo(4);
    assertThat(counts.get("ubuntu:22.04")).isEqualTo(1);
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
    assertThat(db.matchBacklog().incompleteAssets()).as("revisions stored before V10 were matched then").isEmpty();
  }
}
