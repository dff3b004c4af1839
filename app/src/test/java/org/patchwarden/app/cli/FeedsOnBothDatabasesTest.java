package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.store.TestDatabases;

/** The same feeds load the same way into SQLite and into a real PostgreSQL server. */
class FeedsOnBothDatabasesTest {
  @TempDir Path sqliteHome;
  @TempDir Path postgresHome;

  private static List<String> updateLines(String out) {
    return out.lines().filter(l -> l.contains(" records  ")).toList();
  }

  @Test
  void theBundledFeedsLoadIdenticallyIntoSqliteAndPostgresql() {
    Path sqliteFeeds = DemoCommand.extract("feeds", sqliteHome.resolve("feeds"));
    Path postgresFeeds = DemoCommand.extract("feeds", postgresHome.resolve("feeds"));
    Map<String, String> postgresEnv = Map.of("PATCHWARDEN_HOME", postgresHome.toString(),
        "PATCHWARDEN_DB", TestDatabases.postgresUrl());
    var sqlite = CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", sqliteHome.toString()), "",
        "feeds", "load", "--from", sqliteFeeds.toString());
    var postgres = CommandLineRunner.run(postgresEnv, "", "feeds", "load", "--from", postgresFeeds.toString());

    assertThat(sqlite.exitCode()).as(sqlite.err()).isZero();
    assertThat(postgres.exitCode()).as(postgres.err()).isZero();
    assertThat(updateLines(postgres.out())).hasSizeGreaterThanOrEqualTo(10).isEqualTo(updateLines(sqlite.out()));

    var reload = CommandLineRunner.run(postgresEnv, "", "feeds", "load", "--from", postgresFeeds.toString());
    assertThat(reload.exitCode()).as(reload.err()).isZero();
    assertThat(updateLines(reload.out())).allSatisfy(l -> assertThat(l).contains("unchanged, nothing written"));
  }
}
