package org.patchwarden.access;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.Collections;

/** A person or agent that signs in: a name, a role and the teams whose assets it sees. */
public record User(String name, Role role, Set<String> teams) {
  public User {
    Names.check("user", name);
    Objects.requireNonNull(role, "role");
    teams = Collections.unmodifiableSortedSet(new TreeSet<>(teams));
    teams.forEach(t -> Names.check("team", t));
  }

  /** Whether this user may see an asset of {@code team} (empty when the asset states no team). */
  public boolean sees(String team) {
    return role.seesAllTeams() || (team != null && teams.contains(team));
  }
}
