package org.patchwarden.access;

import java.util.Locale;

/** A user's role: what they may do; analysts and viewers see only their teams' assets. */
public enum Role {
  ADMIN, ANALYST, APPROVER, VIEWER;

  /** Whether this role sees every team's assets (admins and approvers), not only its own teams'. */
  public boolean seesAllTeams() {
    return this == ADMIN || this == APPROVER;
  }

  /** The role's name as people type it: {@code admin}, {@code analyst}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code text} (any case); throws naming the accepted values otherwise. */
  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException("role '" + text + "': expected admin, analyst, approver or viewer");
  }
}
