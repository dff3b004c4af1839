package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.access.Role;
import org.patchwarden.access.Session;
import org.patchwarden.access.User;
import org.patchwarden.access.UserStore;

/** What every {@link UserStore} must do, on every database. */
abstract class UserStoreContract extends DatabaseContract {
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private UserStore store() {
    return db.userStore();
  }

  @Test
  void aUserIsStoredWithItsRoleTeamsAndPasswordHash() {
    assertThat(store().addTeam("red", T0)).isTrue();
    assertThat(store().addTeam("blue", T0)).isTrue();
    assertThat(store().addUser(new User("ana", Role.ANALYST, Set.of("red", "blue")), "$argon2id$x", T0)).isTrue();
    assertThat(store().user("ana")).contains(new User("ana", Role.ANALYST, Set.of("blue", "red")));
    assertThat(store().passwordHash("ana")).contains("$argon2id$x");
    assertThat(store().users()).extracting(User::name).containsExactly("ana");
    assertThat(store().teams()).containsExactly("blue", "red");
  }

  @Test
  void aTakenNameIsRefusedAndATokenOnlyUserHasNoPassword() {
    store().addUser(new User("agent", Role.ANALYST, Set.of()), null, T0);
    assertThat(store().addUser(new User("agent", Role.ADMIN, Set.of()), null, T0)).isFalse();
    assertThat(store().addTeam("red", T0)).isTrue();
    assertThat(store().addTeam("red", T0)).isFalse();
    assertThat(store().passwordHash("agent")).isEmpty();
    assertThat(store().user("nobody")).isEmpty();
  }

  @Test
  void aTokenHashFindsItsUser() {
    store().addUser(new User("agent", Role.VIEWER, Set.of()), null, T0);
    store().addToken("agent", "ab".repeat(32), "host-1", T0);
    assertThat(store().userByToken("ab".repeat(32))).map(User::name).contains("agent");
    assertThat(store().userByToken("cd".repeat(32))).isEmpty();
  }

  @Test
  void sessionsAreFoundByIdHashDeletedAndExpired() {
    store().addUser(new User("ana", Role.VIEWER, Set.of()), null, T0);
    Session live = new Session("11".repeat(32), "ana", "csrf-1", T0.plusSeconds(3600));
    Session old = new Session("22".repeat(32), "ana", "csrf-2", T0.minusSeconds(1));
    store().addSession(live);
    store().addSession(old);
    assertThat(store().session(live.idHash())).contains(live);
    assertThat(store().deleteExpiredSessions(T0)).isEqualTo(1);
    assertThat(store().session(old.idHash())).isEmpty();
    store().deleteSession(live.idHash());
    assertThat(store().session(live.idHash())).isEmpty();
  }
}
