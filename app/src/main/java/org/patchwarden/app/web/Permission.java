package org.patchwarden.app.web;

import java.util.EnumSet;
import java.util.Set;
import org.patchwarden.access.Role;

/**
 * What a route needs of its caller. Team scoping (analysts and viewers see only their teams' assets)
 * applies on top, inside the data a route returns or acts on.
 */
public enum Permission {
  /** Anyone, signed in or not (log in, the OpenAPI document, health). */
  PUBLIC(EnumSet.allOf(Role.class)),
  /** Every signed-in user: read what their teams may see. */
  READ(EnumSet.allOf(Role.class)),
  /** Work on findings: upload inventories, mark findings, plan, apply, cancel and verify changes. */
  ANALYZE(EnumSet.of(Role.ADMIN, Role.ANALYST)),
  /** Decide: approve changes, accept risk. */
  APPROVE(EnumSet.of(Role.ADMIN, Role.APPROVER)),
  /** Administer: users, teams, feed syncs. */
  ADMIN(EnumSet.of(Role.ADMIN));

  private final Set<Role> roles;

  Permission(Set<Role> roles) {
    this.roles = roles;
  }

  public boolean allows(Role role) {
    return roles.contains(role);
  }

  /** Whether a caller must be signed in. */
  public boolean needsUser() {
    return this != PUBLIC;
  }
}
