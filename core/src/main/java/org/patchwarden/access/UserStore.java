package org.patchwarden.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users, teams, API tokens and sessions (a port). Tokens and session ids are stored as hashes only. */
public interface UserStore {
  /** Adds team {@code name}; false when it exists already. */
  boolean addTeam(String name, Instant at);

  List<String> teams();

  /** Adds {@code user} with {@code passwordHash} (null: no password, tokens only); false when the name is taken. */
  boolean addUser(User user, String passwordHash, Instant at);

  Optional<User> user(String name);

  /** The stored password hash of {@code name}, when the user exists and has one. */
  Optional<String> passwordHash(String name);

  List<User> users();

  /** Stores a token hash for {@code userName}. */
  void addToken(String userName, String tokenHash, String label, Instant at);

  /** The user a token hash belongs to. */
  Optional<User> userByToken(String tokenHash);

  void addSession(Session session);

  Optional<Session> session(String idHash);

  void deleteSession(String idHash);

  /** Removes sessions that expired before {@code now}; returns how many. */
  int deleteExpiredSessions(Instant now);
}
