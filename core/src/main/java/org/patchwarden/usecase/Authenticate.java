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

  public Optional<User> byToken(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return users.userByToken(Secrets.hash(token));
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
