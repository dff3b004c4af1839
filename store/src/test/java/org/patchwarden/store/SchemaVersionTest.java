package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Flyway runs only when the applied migrations differ from the build's, versions compared whole; a newer one is refused. */
class SchemaVersionTest {
  @TempDir Path dir;

  private String url(String dialect) {
    return dialect.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("pw.db").toAbsolutePath() : TestDatabases.postgresUrl();
  }

  @Test
  void theNewestMigrationIsTheHighestMigrationFileOrJavaMigrationOfTheBuild() throws IOException, URISyntaxException {
    Path migrations = Path.of(SchemaVersion.class.getResource("/db/migration").toURI());
    Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
    int highest;
    try (Stream<Path> files = Files.list(migrations)) {
      highest = files.map(p -> name.matcher(p.getFileName().toString())).filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
    }
    for (String java : Database.JAVA_MIGRATION_VERSIONS) {
      highest = Math.max(highest, Integer.parseInt(java.split("\\.")[0]));
    }
    assertThat(SchemaVersion.newestInBuild()).isEqualTo(highest);
  }

  @Test
  void theNewestMigrationIsReadFromAJarToo() throws IOException {
    Path jar = dir.resolve("app.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      for (String entry : List.of("db/migration/V1__init.sql", "db/migration/V9__x.sql", "db/migration/V12__y.sql",
          "db/migration/V9_1__z.sql", "db/migration/README.md", "db/other/V99__no.sql", "db/migration/sub/V50__no.sql")) {
        out.putNextEntry(new java.util.jar.JarEntry(entry));
        out.closeEntry();
      }
    }
    java.net.URL anchor = java.net.URI.create("jar:" + jar.toUri() + "!/db/migration/V1__init.sql").toURL();
    assertThat(SchemaVersion.newest(anchor)).isEqualTo(12);
    assertThat(SchemaVersion.migrations(anchor)).containsExactly("1", "9", "9.1", "12");
    assertThat(SchemaVersion.newest(null)).isEqualTo(-1);
  }

  @Test
  void theBuildsMigrationIndexNamesExactlyTheMigrationFilesBesideIt() {
    java.net.URL index = SchemaVersion.class.getResource(SchemaVersion.INDEX);
    assertThat(index).as("written by the build (store/pom.xml)").isNotNull();
    assertThat(SchemaVersion.listed(index))
        .containsExactlyElementsOf(SchemaVersion.migrations(SchemaVersion.class.getResource("/db/migration/V1__init.sql")))
        .contains("1", "13.1", "19");
  }

  @Test
  void theBuildsMigrationsIncludeMinorVersionsAsFlywayRecordsThem() {
    assertThat(SchemaVersion.inBuild()).contains("1", "13", "13.1");
  }

  @Test
  void theBuildsMigrationsAreExactlyTheOnesFlywayResolvesJavaMigrationsIncluded() {
    var ds = new org.sqlite.SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("info.db").toAbsolutePath());
    var flyway = Database.flyway(ds).load();
    assertThat(java.util.Arrays.stream(flyway.info().all()).map(m -> SchemaVersion.canonical(m.getVersion().getVersion())))
        .containsExactlyInAnyOrderElementsOf(SchemaVersion.inBuild());
  }

  @Test
  void versionsAreComparedWholeAndNumerically() {
    assertThat(SchemaVersion.canonical("13_1")).isEqualTo("13.1");
    assertThat(SchemaVersion.canonical("013.1.0")).isEqualTo("13.1");
    assertThat(SchemaVersion.ORDER.compare("13.1", "13")).isPositive();
    assertThat(SchemaVersion.ORDER.compare("13.1", "14")).isNegative();
    assertThat(SchemaVersion.ORDER.compare("9", "10")).isNegative();
  }

  @Test
  void aHistoryAtTheNewestMajorButWithoutItsMinorMigrationMigrates() {
    var build = new java.util.TreeSet<>(SchemaVersion.ORDER);
    build.addAll(List.of("1", "13", "13.1"));
    assertThat(SchemaVersion.check(List.of("1", "13"), build)).isEqualTo(SchemaVersion.Action.MIGRATE);
    assertThat(SchemaVersion.check(List.of("1", "13", "13.1"), build)).isEqualTo(SchemaVersion.Action.NONE);
  }

  @Test
  void aHistoryPastAHigherNumberStillMigratesALowerOneMergedLater() {
    // Out of order on purpose: V22 of one change applied, then V18 of another merged into the build.
    var build = new java.util.TreeSet<>(SchemaVersion.ORDER);
    build.addAll(List.of("1", "17", "18", "22"));
    assertThat(SchemaVersion.check(List.of("1", "17", "22"), build)).isEqualTo(SchemaVersion.Action.MIGRATE);
  }

  @Test
  void aHistoryWithAMinorVersionBeyondTheBuildIsRefused() {
    var build = new java.util.TreeSet<>(SchemaVersion.ORDER);
    build.addAll(List.of("1", "13"));
    assertThatThrownBy(() -> SchemaVersion.check(List.of("1", "13", "13.1"), build))
        .isInstanceOf(SchemaTooNewException.class)
        .hasMessageContaining("schema version 13.1")
        .hasMessageContaining("(13)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aDatabaseWhoseHistoryLacksAMinorMigrationOfTheBuildIsMigratedAgain(String dialect) throws SQLException {
    String url = url(dialect);
    Database.open(url, null, null).close();
    execute(url, "DELETE FROM flyway_schema_history WHERE version = '13.1'");
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(SchemaVersion.check(SchemaVersion.applied(c).orElseThrow(), SchemaVersion.inBuild()))
          .isEqualTo(SchemaVersion.Action.MIGRATE);
    }
    // What V13_1 drops, back under its name, so that Flyway re-applying it succeeds.
    // (on a table of its own: PostgreSQL's DROP INDEX would wait for Flyway's lock on its history).
    execute(url, "CREATE TABLE schema_version_test (x INTEGER)");
    execute(url, "CREATE INDEX installed_packages_tuple ON schema_version_test (x)");
    try (Database db = Database.open(url, null, null)) {
      assertThat(db.readiness().problem()).isNull();
    }
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(SchemaVersion.applied(c).orElseThrow()).contains("13.1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aNewDatabaseIsMigratedToTheNewestVersion(String dialect) throws SQLException {
    String url = url(dialect);
    Database.open(url, null, null).close();
    assertThat(installed(url)).hasValue(SchemaVersion.newestInBuild());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anOlderDatabaseIsMigratedToTheNewestVersion(String dialect) throws SQLException {
    String url = url(dialect);
    // The migration before the newest: numbers are reserved per feature, so they need not be contiguous.
    int previous = java.util.Arrays.stream(Flyway.configure().dataSource(url, null, null)
            .locations("classpath:db/migration").load().info().all())
        .mapToInt(m -> Integer.parseInt(m.getVersion().getVersion().split("\\.")[0]))
        .filter(v -> v < SchemaVersion.newestInBuild()).max().orElseThrow();
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
        .target(String.valueOf(previous)).load().migrate();
    assertThat(installed(url)).hasValue(previous);
    Database.open(url, null, null).close();
    assertThat(installed(url)).hasValue(SchemaVersion.newestInBuild());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aCurrentDatabaseOpensWithoutFlywayValidatingIt(String dialect) throws SQLException {
    String url = url(dialect);
    Database.open(url, null, null).close();
    // Flyway's validation would refuse a changed checksum: opening without it does not look.
    execute(url, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
    try (Database db = Database.open(url, null, null)) {
      assertThat(db.kevStore()).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aDatabaseMigratedByANewerBuildIsRefusedNamingBothVersions(String dialect) throws SQLException {
    String url = url(dialect);
    Database.open(url, null, null).close();
    int newer = SchemaVersion.newestInBuild() + 1;
    execute(url, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
        + " installed_by, execution_time, success) VALUES (1000, '" + newer + "', 'future', 'SQL', 'V" + newer
        + "__future.sql', 0, 'test', 0, " + (dialect.equals("sqlite") ? "1" : "true") + ")");
    assertThatThrownBy(() -> Database.open(url, null, null))
        .isInstanceOf(SchemaTooNewException.class)
        .hasMessageContaining("schema version " + newer)
        .hasMessageContaining("(" + SchemaVersion.inBuild().last() + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aFailedMigrationInTheHistoryLeavesTheVerdictToFlyway(String dialect) throws SQLException {
    String url = url(dialect);
    Database.open(url, null, null).close();
    execute(url, "UPDATE flyway_schema_history SET success = " + (dialect.equals("sqlite") ? "0" : "false")
        + " WHERE version = '" + SchemaVersion.newestInBuild() + "'");
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(SchemaVersion.installed(c)).isEmpty();
    }
    assertThatThrownBy(() -> Database.open(url, null, null)).hasMessageContaining("failed");
  }

  private static OptionalInt installed(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      return SchemaVersion.installed(c);
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
