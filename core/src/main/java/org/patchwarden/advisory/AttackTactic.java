package org.patchwarden.advisory;

import java.util.Objects;

/**
 * An ATT&CK tactic: the adversary's goal (Initial Access TA0001, Execution TA0002 …).
 *
 * @param shortName the kill-chain phase name techniques refer to, e.g. {@code initial-access}
 * @param domain {@code enterprise-attack}, {@code ics-attack} or {@code mobile-attack}
 */
public record AttackTactic(String id, String shortName, String name, String domain) implements AttackObject {
  public AttackTactic {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(shortName, "shortName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(domain, "domain");
  }
}
