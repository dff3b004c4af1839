package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code team add}, {@code user add}, {@code user token} and {@code user list}: the server's administration. */
class UserCommandsTest {
  @TempDir Path home;

  private CommandLineRunner.Result run(String stdin, String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), stdin, args);
  }

  @Test
  void anAdminAddsATeamAUserInItAndIssuesATokenShownOnce() {
    assertThat(run("", "team", "add", "red").exitCode()).isZero();
    var add = run("correct horse battery\n", "user", "add", "ana", "--role", "analyst", "--team", "red", "--password-stdin");
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("added user ana (analyst, teams red)");
    var token = run("", "user", "token", "ana", "--label", "laptop");
    assertThat(token.exitCode()).isZero();
    assertThat(token.out().strip()).startsWith("pw_").hasSizeGreaterThan(40);
    assertThat(token.err()).contains("shown once");
    var list = run("", "user", "list");
    assertThat(list.out()).contains("ana", "analyst", "red", "1 users").doesNotContain(token.out().strip());
    assertThat(run("", "team", "list").out()).contains("red", "1 teams");
  }

  @Test
  void anUnknownRoleOrTeamOrAShortPasswordIsRefusedWithExitCode2() {
    assertThat(run("", "user", "add", "x", "--role", "boss").exitCode()).isEqualTo(2);
    var unknownTeam = run("", "user", "add", "x", "--role", "viewer", "--team", "nope");
    assertThat(unknownTeam.exitCode()).isEqualTo(2);
    assertThat(unknownTeam.err()).contains("team 'nope' does not exist");
    assertThat(run("short\n", "user", "add", "y", "--role", "viewer", "--password-stdin").exitCode()).isEqualTo(2);
    assertThat(run("", "user", "token", "nobody").exitCode()).isEqualTo(2);
  }

  @Test
  void aSecondUserOfTheSameNameIsRefused() {
    assertThat(run("", "user", "add", "ops", "--role", "admin").exitCode()).isZero();
    var again = run("", "user", "add", "ops", "--role", "viewer");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("exists already");
  }
}
