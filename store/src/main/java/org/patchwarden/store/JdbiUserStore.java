package org.patchwarden.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.patchwarden.access.Role;
import org.patchwarden.access.Session;
import org.patchwarden.access.User;
import org.patchwarden.access.UserStore;

/** Users, teams, memberships, API tokens and sessions in the V14 tables. */
final class JdbiUserStore implements UserStore {
  private final Jdbi jdbi;

  JdbiUserStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean addTeam(String name, Instant at) {
    return jdbi.inTransaction(h -> {
      if (h.createQuery("SELECT COUNT(*) FROM teams WHERE name = :n").bind("n", name).mapTo(Integer.class).one() > 0) {
        return false;
      }
      h.createUpdate("INSERT INTO teams (name, created_at) VALUES (:n, :at)")
          .bind("n", name).bind("at", SqlTime.format(at)).execute();
      return true;
    });
  }

  @Override
  public List<String> teams() {
    return jdbi.withHandle(h -> h.createQuery("SELECT name FROM teams ORDER BY name").mapTo(String.class).list());
  }

  @Override
  public boolean addUser(User user, String passwordHash, Instant at) {
    return jdbi.inTransaction(h -> {
      if (h.createQuery("SELECT COUNT(*) FROM users WHERE name = :n").bind("n", user.name())
          .mapTo(Integer.class).one() > 0) {
        return false;
      }
      h.createUpdate("INSERT INTO users (name, role, password_hash, created_at) VALUES (:n, :r, :p, :at)")
          .bind("n", user.name()).bind("r", user.role().label()).bind("p", passwordHash)
          .bind("at", SqlTime.format(at)).execute();
      for (String team : user.teams()) {
        h.createUpdate("INSERT INTO memberships (user_name, team_name) VALUES (:u, :t)")
            .bind("u", user.name()).bind("t", team).execute();
      }
      return true;
    });
  }

  @Override
  public Optional<User> user(String name) {
    return jdbi.withHandle(h -> user(h, name));
  }

  private static Optional<User> user(Handle h, String name) {
    Optional<String> role = h.createQuery("SELECT role FROM users WHERE name = :n").bind("n", name)
        .mapTo(String.class).findOne();
    if (role.isEmpty()) {
      return Optional.empty();
    }
    Set<String> teams = new HashSet<>(h.createQuery("SELECT team_name FROM memberships WHERE user_name = :n")
        .bind("n", name).mapTo(String.class).list());
    return Optional.of(new User(name, Role.parse(role.get()), teams));
  }

  @Override
  public Optional<String> passwordHash(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE name = :n").bind("n", name)
        .mapTo(String.class).findOne().filter(p -> p != null));
  }

  @Override
  public List<User> users() {
    return jdbi.withHandle(h -> {
      Map<String, String> roles = new LinkedHashMap<>();
      h.createQuery("SELECT name, role FROM users ORDER BY name")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> roles.put(e.getKey(), e.getValue()));
      Map<String, Set<String>> teams = new LinkedHashMap<>();
      h.createQuery("SELECT user_name, team_name FROM memberships")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> teams.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
      List<User> all = new ArrayList<>();
      roles.forEach((n, r) -> all.add(new User(n, Role.parse(r), teams.getOrDefault(n, Set.of()))));
      return all;
    });
  }

  @Override
  public void addToken(String userName, String tokenHash, String label, Instant at) {
    jdbi.useHandle(h -> h.createUpdate(
            "INSERT INTO api_tokens (token_hash, user_name, label, created_at) VALUES (:h, :u, :l, :at)")
        .bind("h", tokenHash).bind("u", userName).bind("l", label).bind("at", SqlTime.format(at)).execute());
  }

  @Override
  public Optional<User> userByToken(String tokenHash) {
    return jdbi.withHandle(h -> h.createQuery("SELECT user_name FROM api_tokens WHERE token_hash = :h")
        .bind("h", tokenHash).mapTo(String.class).findOne().flatMap(n -> user(h, n)));
  }

  @Override
  public void addSession(Session session) {
    jdbi.useHandle(h -> h.createUpdate(
            "INSERT INTO sessions (id_hash, user_name, csrf_token, expires) VALUES (:id, :u, :c, :e)")
        .bind("id", session.idHash()).bind("u", session.userName()).bind("c", session.csrfToken())
        .bind("e", SqlTime.format(session.expires())).execute());
  }

  @Override
  public Optional<Session> session(String idHash) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id_hash, user_name, csrf_token, expires FROM sessions WHERE id_hash = :id")
        .bind("id", idHash)
        .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3), SqlTime.instant(rs.getString(4))))
        .findOne());
  }

  @Override
  public void deleteSession(String idHash) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :id").bind("id", idHash).execute());
  }

  @Override
  public int deleteExpiredSessions(Instant now) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires < :now")
        .bind("now", SqlTime.format(now)).execute());
  }
}
