package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchwardenCommandTest {
  @TempDir Path home;

  private Map<String, String> env() {
    return Map.of("PATCHWARDEN_HOME", home.toString());
  }

  @Test
  void helpListsTheCommandsAndExitsZero() {
    var r = CommandLineRunner.run(env(), "", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("demo", "feeds", "vercmp", "Exit codes");
  }

  @Test
  void versionNamesTheBuildAndJava() {
    var r = CommandLineRunner.run(env(), "", "--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("patchwarden ").contains("Java ");
  }

  @Test
  void aUsageErrorPrintsOneLineAndExitsTwo() {
    var r = CommandLineRunner.run(env(), "", "feeds", "load", "--from", "x.json", "--frm", "y");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("patchwarden: ").contains("--frm").contains("patchwarden feeds load --help");
  }

  @Test
  void eachSubcommandIsListedUnderItsOwnCommandName() {
    PatchwardenCommand.SUBCOMMANDS.forEach((name, type) ->
        assertThat(type.getAnnotation(picocli.CommandLine.Command.class).name()).as(type.getSimpleName()).isEqualTo(name));
  }

  @Test
  void aCommandLineBuildsOnlyTheSubcommandItNamesPastTheGlobalOptions() {
    Terminal t = new Terminal(new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()), Map.of());
    var clock = java.time.Clock.systemUTC();
    assertThat(PatchwardenCommand.commandLineFor(t, clock, "--home", "h", "--debug", "findings", "--asset", "x")
        .getSubcommands()).containsOnlyKeys("findings");
    assertThat(PatchwardenCommand.commandLineFor(t, clock, "--version").getSubcommands()).isEmpty();
    assertThat(PatchwardenCommand.commandLineFor(t, clock, "--help").getSubcommands())
        .containsOnlyKeys(PatchwardenCommand.SUBCOMMANDS.keySet());
    assertThat(PatchwardenCommand.commandLineFor(t, clock, "findngs").getSubcommands())
        .containsOnlyKeys(PatchwardenCommand.SUBCOMMANDS.keySet());
  }

  @Test
  void aMistypedCommandIsAUsageErrorNamingTheWord() {
    var r = CommandLineRunner.run(env(), "", "--home", home.toString(), "findngs");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("patchwarden: ").contains("'findngs'");
  }

  @Test
  void aDatabaseMigratedByANewerBuildExitsTwoNamingItAndBothVersions() throws Exception {
    Path db = home.resolve("patchwarden.db");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
      s.execute("CREATE TABLE flyway_schema_history (installed_rank INT, version TEXT, success BOOLEAN)");
      s.execute("INSERT INTO flyway_schema_history VALUES (1, '999', 1)");
    }
    var r = CommandLineRunner.run(env(), "", "feeds", "status");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains(db.toString(), "schema version 999", "newer than this build");
  }

  @Test
  void noCommandIsAUsageError() {
    var r = CommandLineRunner.run(env(), "");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing command");
  }

  @Test
  void aBadConfigurationExitsTwoNamingTheKey() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "log:\n  level: loud\n");
    var r = CommandLineRunner.run(env(), "", "feeds", "status");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("log.level", "loud");
  }

  @Test
  void anInternalErrorExitsOneAndShowsTheStackTraceOnlyUnderDebug() throws IOException {
    // A directory where the database file should be: SQLite cannot open it.
    Files.createDirectories(home.resolve("patchwarden.db"));
    var quiet = CommandLineRunner.run(env(), "", "feeds", "status");
    assertThat(quiet.exitCode()).isEqualTo(1);
    assertThat(quiet.err()).contains("--debug").doesNotContain("\tat ");

    var loud = CommandLineRunner.run(env(), "", "--debug", "feeds", "status");
    assertThat(loud.exitCode()).isEqualTo(1);
    assertThat(loud.err()).contains("\tat ");
  }
}
