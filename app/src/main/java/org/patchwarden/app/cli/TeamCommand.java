package org.patchwarden.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden team …}: the teams that own assets (an asset's team is its context's owner team). */
@Command(name = "team", mixinStandardHelpOptions = true,
    description = "Administer teams: an asset belongs to the team named as its owner team ('asset set --team').",
    subcommands = {TeamCommand.Add.class, TeamCommand.ListAll.class})
final class TeamCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: add or list (see 'patchwarden team --help')");
    return 2;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a team.")
  static final class Add implements Callable<Integer> {
    @ParentCommand TeamCommand team;

    @Parameters(paramLabel = "NAME", description = "The team's name, as assets state it as their owner team.")
    String name;

    @Override
    public Integer call() {
      try {
        team.root.app().manageUsers().addTeam(name);
      } catch (IllegalArgumentException e) {
        throw new CliException(2, "team add: " + e.getMessage());
      }
      team.root.terminal().out().println("added team " + name);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the teams.")
  static final class ListAll implements Callable<Integer> {
    @ParentCommand TeamCommand team;

    @Override
    public Integer call() {
      var teams = team.root.app().manageUsers().teams();
      teams.forEach(team.root.terminal().out()::println);
      team.root.terminal().out().printf("%d teams%n", teams.size());
      return 0;
    }
  }
}
