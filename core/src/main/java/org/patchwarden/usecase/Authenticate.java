package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.patchwarden.access.LoginThrottle;
import org.patchwarden.access.PasswordHasher;
import org.patchwarden.access.Secrets;
import org.patchwarden.access.Session;
import org.patchwarden.access.User;
import org.patchwarden.access.UserStore;

/**
 * Says who a request comes from: by API token, or by browser session; and logs people in with a
 * password (rate limited per user name and per client address) to a new session.
 */
public final class Authenticate {
  /** A dummy hash to check against for unknown users, so their logins take as long as known ones'. */
  private final String dummyHash;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Duration sessionLength;
  private final Clock clock;
  /** Token hash to its user and when that was read; see {@link #TOKEN_TTL}. */
  private final java.util.concurrent.ConcurrentHashMap<String, Known> tokens = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * How long a token's user (role, teams) is taken from memory rather than the store: every API
   * request authenticates, and reading the token and user is a few queries. A user changed or
   * removed by another process (the CLI, another server node) is seen within this time.
   */
  public static final Duration TOKEN_TTL = Duration.ofSeconds(5);
  /** Tokens remembered at most: past it the memory is emptied (a bound, not a working set). */
  static final int TOKEN_CACHE_MAX = 10_000;

  private record Known(Optional<User> user, java.time.Instant readAt) {}

  public Authenticate(UserStore users, PasswordHasher hasher, LoginThrottle throttle, Duration sessionLength,
      Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessionLength = sessionLength;
    this.clock = clock;
    this.dummyHash = hasher.hash(Secrets.newSecret(""));
  }

  /** A new login: the session (to store the cookie of) and its id, shown once. */
  public record Login(User user, String sessionId, Session session) {}

  /** Why a login failed. */
  public enum Refusal { BAD_CREDENTIALS, THROTTLED }

  /** A login's outcome: a login or a refusal. */
  public record LoginResult(Optional<Login> login, Refusal refusal) {}

  /** The user of an API token, read from the store at most {@link #TOKEN_TTL} ago; an unknown token is not remembered. */
  public Optional<User> byToken(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String hash = Secrets.hash(token);
    java.time.Instant now = clock.instant();
    Known known = tokens.get(hash);
    if (known != null && !now.isBefore(known.readAt()) && now.isBefore(known.readAt().plus(TOKEN_TTL))) {
      return known.user();
    }
    Optional<User> user = users.userByToken(hash);
    if (user.isEmpty()) {
      tokens.remove(hash); // guessed tokens must not fill the memory; a removed one is forgotten at once
      return user;
    }
    if (tokens.size() >= TOKEN_CACHE_MAX) {
      tokens.clear();
    }
    tokens.put(hash, new Known(user, now));
    return user;
  }

  /** Forgets every remembered token: after this process changed users, roles, teams or tokens. */
  public void forgetTokens() {
    tokens.clear();
  }

  /** The session and its user for the session id in a cookie, when it exists and has not expired. */
  public Optional<Session> session(String sessionId) {
    if (sessionId == null || sessionId.isBlank()) {
      return Optional.empty();
    }
    return users.session(Secrets.hash(sessionId)).filter(s -> s.expires().isAfter(clock.instant()));
  }

  public Optional<User> user(String name) {
    return users.user(name);
  }

  /** Checks {@code password} and opens a session; refused when too many recent failures. */
  public LoginResult login(String name, String password, String clientAddress) {
    if (!throttle.allows(name, clientAddress)) {
      return new LoginResult(Optional.empty(), Refusal.THROTTLED);
    }
    Optional<String> hash = name == null ? Optional.empty() : users.passwordHash(name);
    boolean ok = hasher.matches(password == null ? "" : password, hash.orElse(dummyHash)) && hash.isPresent();
    Optional<User> user = ok ? users.user(name) : Optional.empty();
    if (user.isEmpty()) {
      throttle.failed(name, clientAddress);
      return new LoginResult(Optional.empty(), Refusal.BAD_CREDENTIALS);
    }
    throttle.succeeded(name);
    String id = Secrets.newSecret("");
    Session session = new Session(Secrets.hash(id), name, Secrets.newSecret(""), clock.instant().plus(sessionLength));
    users.addSession(session);
    users.deleteExpiredSessions(clock.instant());
    return new LoginResult(Optional.of(new Login(user.get(), id, session)), null);
  }

  public void logout(String sessionId) {
    if (sessionId != null) {
      users.deleteSession(Secrets.hash(sessionId));
    }
  }
}
