package org.patchwarden.advisory;

import java.util.List;
import java.util.Objects;

/**
 * An ATT&CK technique or sub-technique ({@code T1059.001}), with the tactics it serves.
 *
 * @param tactics tactic short names from the kill-chain phases, e.g. {@code initial-access}
 * @param revoked replaced by another object; kept so that old mappings still resolve
 * @param deprecated no longer maintained by MITRE
 */
public record AttackTechnique(String id, String name, List<String> tactics, boolean revoked, boolean deprecated,
    String domain) implements AttackObject {
  public AttackTechnique {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    tactics = List.copyOf(tactics);
    Objects.requireNonNull(domain, "domain");
  }

  /** Whether this is a sub-technique ({@code T1059.001}). */
  public boolean subTechnique() {
    return id.indexOf('.') > 0;
  }
}
