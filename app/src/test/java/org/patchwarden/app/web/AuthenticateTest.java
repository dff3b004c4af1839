package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.access.LoginThrottle;
import org.patchwarden.access.Role;
import org.patchwarden.app.App;
import org.patchwarden.app.config.AppConfig;
import org.patchwarden.usecase.Authenticate;

/** API tokens are looked up in the store at most once per {@link Authenticate#TOKEN_TTL} per server process. */
class AuthenticateTest {
  @TempDir Path dir;

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-12-06T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aTokenDeletedFromTheStoreByAnotherProcessIsRefusedOnceItsRememberedUserIsOlderThanTheTtl() throws Exception {
    MovingClock clock = new MovingClock();
    String url = "jdbc:sqlite:" + dir.resolve("patchwarden.db");
    try (App app = new App(new AppConfig(dir, url, null, null, "warn", List.of(), null), clock)) {
      app.manageUsers().addTeam("red");
      app.manageUsers().addUser("agent", Role.ANALYST, Set.of("red"), null);
      String token = app.manageUsers().issueToken("agent", "test");
      Authenticate auth = app.authenticate(new LoginThrottle(5, 50, Duration.ofMinutes(5), clock));
      assertThat(auth.byToken(token)).hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("agent"));
      assertThat(auth.byToken("pw_not-a-token")).isEmpty();

      try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
        s.executeUpdate("DELETE FROM api_tokens");
      }
      clock.now = clock.now.plus(Authenticate.TOKEN_TTL).minusMillis(1);
      assertThat(auth.byToken(token)).as("remembered for the TTL").isPresent();
      clock.now = clock.now.plusMillis(1);
      assertThat(auth.byToken(token)).as("read again after the TTL").isEmpty();
      assertThat(auth.byToken(token)).as("an unknown token is not remembered").isEmpty();
    }
  }
}
