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

  /**
   * The owner team a new asset this user uploads gets: the {@code requested} one, which must be one
   * of theirs unless they see all teams; else their only team; else none (admins and approvers).
   */
  public String teamForNewAsset(String requested) {
    if (requested != null && !requested.isBlank()) {
      if (!sees(requested.strip())) {
        throw new IllegalArgumentException("team '" + requested + "': user " + name + " is not in it");
      }
      return requested.strip();
    }
    if (role.seesAllTeams()) {
      return null;
    }
    if (teams.size() != 1) {
      throw new IllegalArgumentException("user " + name + " is in " + teams.size()
          + " teams: name the new asset's team (one of " + String.join(", ", teams) + ")");
    }
    return teams.iterator().next();
  }

  /** Whether this user may see something spanning all of {@code teams} (a change over several assets). */
  public boolean seesAll(java.util.Collection<String> teams) {
    return role.seesAllTeams() || teams.stream().allMatch(this::sees);
  }

  /** Whether this user may see an asset of {@code team} (empty when the asset states no team). */
  public boolean sees(String team) {
    return role.seesAllTeams() || (team != null && teams.contains(team));
  }
}
