package org.patchwarden.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.patchwarden.access.Role;
import org.patchwarden.access.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden user …}: the server's users, their roles and teams, and API tokens. */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Administer the server's users: add one with a role and teams, issue an API token, list them.",
    subcommands = {UserCommand.Add.class, UserCommand.Token.class, UserCommand.ListAll.class})
final class UserCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: add, token or list (see 'patchwarden user --help')");
    return 2;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a user. Analysts and viewers see only their teams' assets; admins and approvers see all.")
  static final class Add implements Callable<Integer> {
    @ParentCommand UserCommand user;

    @Parameters(paramLabel = "NAME", description = "The user's name (letters, digits, . _ @ -).")
    String name;

    @Option(names = "--role", paramLabel = "ROLE", required = true,
        description = "admin, analyst, approver or viewer.")
    String role;

    @Option(names = "--team", paramLabel = "TEAM", description = "A team the user belongs to (repeatable; the team must exist).")
    List<String> teams = new ArrayList<>();

    @Option(names = "--password-stdin", description = "Read the password (12 characters or more) from the first line of stdin;"
        + " without it the user signs in with API tokens only.")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
      Role r;
      try {
        r = Role.parse(role);
      } catch (IllegalArgumentException e) {
        throw new CliException(2, e.getMessage());
      }
      String password = null;
      if (passwordStdin) {
        password = new BufferedReader(new InputStreamReader(user.root.terminal().in(), StandardCharsets.UTF_8)).readLine();
        if (password == null) {
          throw new CliException(2, "user add: --password-stdin given but stdin is empty");
        }
      }
      User added;
      try {
        added = user.root.app().manageUsers().addUser(name, r, new LinkedHashSet<>(teams), password);
      } catch (IllegalArgumentException e) {
        throw new CliException(2, "user add: " + e.getMessage());
      }
      user.root.terminal().out().println("added user " + added.name() + " (" + added.role().label()
          + (added.teams().isEmpty() ? "" : ", teams " + String.join(",", added.teams())) + ")");
      return 0;
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true,
      description = "Issue a new API token for a user and print it once (only its hash is kept).")
  static final class Token implements Callable<Integer> {
    @ParentCommand UserCommand user;

    @Parameters(paramLabel = "NAME", description = "The user's name.")
    String name;

    @Option(names = "--label", paramLabel = "TEXT", description = "What the token is for (e.g. the agent's host).")
    String label;

    @Override
    public Integer call() {
      String token;
      try {
        token = user.root.app().manageUsers().issueToken(name, label);
      } catch (IllegalArgumentException e) {
        throw new CliException(2, "user token: " + e.getMessage());
      }
      user.root.terminal().out().println(token);
      user.root.terminal().err().println("patchwarden: this token is shown once; send it as 'Authorization: Bearer TOKEN'");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users with their roles and teams.")
  static final class ListAll implements Callable<Integer> {
    @ParentCommand UserCommand user;

    @Override
    public Integer call() {
      PrintWriter out = user.root.terminal().out();
      List<User> users = user.root.app().manageUsers().list();
      out.printf("%-24s %-9s %s%n", "USER", "ROLE", "TEAMS");
      for (User u : users) {
        out.printf("%-24s %-9s %s%n", u.name(), u.role().label(), u.teams().isEmpty() ? "-" : String.join(",", u.teams()));
      }
      out.printf("%d users%n", users.size());
      return 0;
    }
  }
}
