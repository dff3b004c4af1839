package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

/**
 * V33 moves the findings' evidence into {@code finding_evidence}: every finding of a V32 store
 * reads back with the same values, findings with the same evidence share one row, and the columns
 * leave {@code findings}.
 */
class FindingEvidenceMigrationTest {
  /** The columns of a V32 finding row, in the order the fixture writes them. */
  static final String V32_COLUMNS = "asset_name, ecosystem, package_name, advisory_id, feed_source, package_version,"
      + " source_name, source_version, architecture, purl, aliases, advisory_ecosystem, matched_name, matched_version,"
      + " affected_status, affected_range, fixed_version, confidence, status, first_seen, last_seen, closed_at,"
      + " fixed_by_revision, not_affected_reason, not_affected_by, not_affected_at";
  static final String ORDER = " ORDER BY asset_name, ecosystem, package_name, advisory_id, feed_source";

  @TempDir Path dir;

  @Test
  void sqliteFindingsReadTheSameAfterTheirEvidenceMovesAndSharedEvidenceIsOneRow() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("v32.db").toAbsolutePath();
    List<Map<String, Object>> before = writeV32Findings(url);
    try (Database db = Database.openSqlite(dir.resolve("v32.db"))) {
      assertMigrated(db, before);
    }
  }

  @Test
  void postgresFindingsReadTheSameAfterTheirEvidenceMovesAndSharedEvidenceIsOneRow() throws SQLException {
    String url = TestDatabases.postgresUrl();
    List<Map<String, Object>> before = writeV32Findings(url);
    try (Database db = Database.open(url, null, null)) {
      assertMigrated(db, before);
    }
  }

  /**
   * Three hosts: web-01 and web-02 with the same openssl finding (one of them marked not affected),
   * web-02's curl finding fixed, build-01's openssl at another version; returns the rows as stored.
   */
  private static List<Map<String, Object>> writeV32Findings(String url) throws SQLException {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
        .javaMigrations(new PackageListMigration(), new FindingAliasKeyCheckMigration(), new FindingAliasIndexMigration())
        .target("32").load().migrate();
    String[][] rows = {
      {"web-01", "libssl1.1", "DSA-5139-1", "1.1.1n-0+deb11u1", "OPEN", null, "0", "", "", null},
      {"web-02", "libssl1.1", "DSA-5139-1", "1.1.1n-0+deb11u1", "OPEN", null, "0", "not loaded", "ana",
          "2026-11-02T09:00:00.000000Z"},
      {"web-02", "curl", "DSA-5197-1", "7.74.0-1.3+deb11u1", "FIXED", "2026-11-03T10:00:00.000000Z", "2", "", "", null},
      {"build-01", "libssl1.1", "DSA-5139-1", "1.1.1k-1", "OPEN", null, "0", "", "", null},
    };
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String name : List.of("web-01", "web-02", "build-01")) {
        s.execute("INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags) "
            + "VALUES ('" + name + "', 'HOST', 'production', '', 1, 0, '')");
      }
      for (String[] r : rows) {
        String source = r[1].equals("curl") ? "curl" : "openssl";
        s.execute("INSERT INTO findings (" + V32_COLUMNS + ") VALUES ('" + r[0] + "', 'deb', '" + r[1] + "', '" + r[2]
            + "', 'debian-dsa', '" + r[3] + "', '" + source + "', '', 'amd64', 'pkg:deb/debian/" + r[1] + "@" + r[3]
            + "?arch=amd64', '[\"CVE-2022-1292\"]', 'Debian:11', '" + source + "', '" + r[3] + "', 'AFFECTED',"
            + " 'fixed in bullseye by 1.1.1n-0+deb11u2', '1.1.1n-0+deb11u2', 'CONFIRMED', '" + r[4] + "',"
            + " '2026-11-01T10:00:00.000000Z', '2026-11-01T10:00:00.000000Z', " + quoted(r[5]) + ", " + r[6] + ", '"
            + r[7] + "', '" + r[8] + "', " + quoted(r[9]) + ")");
      }
      return read(s, "SELECT " + V32_COLUMNS + " FROM findings" + ORDER);
    }
  }

  private static String quoted(String value) {
    return value == null ? "NULL" : "'" + value + "'";
  }

  private static List<Map<String, Object>> read(Statement s, String sql) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String col : V32_COLUMNS.split(", ")) {
          row.put(col, rs.getString(col));
        }
        out.add(row);
      }
    }
    return out;
  }

  private static void assertMigrated(Database db, List<Map<String, Object>> before) throws SQLException {
    List<Map<String, Object>> after;
    try (var h = db.jdbi().open(); Statement s = h.getConnection().createStatement()) {
      after = read(s, "SELECT f.*, e.* FROM " + JdbiFindingStore.FINDINGS + ORDER.replace("BY ", "BY f."));
    }
    assertThat(after).isEqualTo(before);
    long evidence = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM finding_evidence").mapTo(Long.class).one());
    assertThat(evidence).as("web-01's and web-02's openssl evidence is one row").isEqualTo(3);
    assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("SELECT matched_name FROM findings")))
        .as("the evidence columns left findings").hasMessageContaining("matched_name");
    List<TrackedFinding> all = db.findingStore().list(FindingFilter.all());
    assertThat(all).extracting(TrackedFinding::status).containsExactly(FindingStatus.OPEN, FindingStatus.OPEN,
        FindingStatus.FIXED, FindingStatus.NOT_AFFECTED);
    assertThat(db.findingStore().list(new FindingFilter(null, "openssl", null, null))).hasSize(3);
  }
}
