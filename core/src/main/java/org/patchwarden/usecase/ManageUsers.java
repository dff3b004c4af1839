package org.patchwarden.usecase;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.patchwarden.access.PasswordHasher;
import org.patchwarden.access.Role;
import org.patchwarden.access.Secrets;
import org.patchwarden.access.User;
import org.patchwarden.access.UserStore;

/** Administers users and teams: add a team, add a user to teams, issue an API token (shown once), list. */
public final class ManageUsers {
  private final UserStore users;
  private final PasswordHasher hasher;
  private final Clock clock;

  public ManageUsers(UserStore users, PasswordHasher hasher, Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** Adds team {@code name}; refuses a name that exists. */
  public void addTeam(String name) {
    new User("x", Role.VIEWER, Set.of(name)); // validates the name as User does
    if (!users.addTeam(name, clock.instant())) {
      throw new IllegalArgumentException("team '" + name + "' exists already");
    }
  }

  public List<String> teams() {
    return users.teams();
  }

  /**
   * Adds a user; every team must exist (a typo would silently hide every asset from them).
   *
   * @param password null for a user that signs in with API tokens only (an agent)
   */
  public User addUser(String name, Role role, Set<String> teams, String password) {
    User user = new User(name, role, teams);
    List<String> known = users.teams();
    for (String t : user.teams()) {
      if (!known.contains(t)) {
        throw new IllegalArgumentException("team '" + t + "' does not exist (add it with 'team add " + t + "')");
      }
    }
    if (password != null && password.length() < 12) {
      throw new IllegalArgumentException("password of user '" + name + "': expected at least 12 characters");
    }
    if (!users.addUser(user, password == null ? null : hasher.hash(password), clock.instant())) {
      throw new IllegalArgumentException("user '" + name + "' exists already");
    }
    return user;
  }

  /** Issues a new API token for {@code userName}: returned here once, stored only as a hash. */
  public String issueToken(String userName, String label) {
    if (users.user(userName).isEmpty()) {
      throw new IllegalArgumentException("user '" + userName + "' does not exist");
    }
    String token = Secrets.newSecret("pw_");
    users.addToken(userName, Secrets.hash(token), label == null ? "" : label, clock.instant());
    return token;
  }

  public List<User> list() {
    return users.users();
  }

  /** Whether any user exists: a fresh server says how to create the first admin. */
  public boolean anyUser() {
    return !users.users().isEmpty();
  }
}
