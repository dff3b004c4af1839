package org.patchwarden.assess;

import java.util.Objects;

/**
 * An ATT&CK tactic a vulnerability reaches through a mapped technique.
 *
 * <p>Mappings of type {@code exploitation_technique} (how the vulnerability is exploited, e.g.
 * T1190 for Initial Access) and {@code primary_impact} (what exploiting it directly gives) count
 * as reached; {@code secondary_impact} (what an attacker may do afterwards) and uncategorized
 * mappings are listed but weaker: they never satisfy a policy's {@code tactics_any}.
 *
 * @param tacticId e.g. {@code TA0001}
 * @param tacticName e.g. {@code Initial Access}
 * @param techniqueId e.g. {@code T1190}
 * @param mappingType as the mapping states it
 */
public record TacticReach(String tacticId, String tacticName, String techniqueId, String mappingType,
    String cveId) {
  public TacticReach {
    Objects.requireNonNull(tacticId, "tacticId");
    Objects.requireNonNull(tacticName, "tacticName");
    Objects.requireNonNull(techniqueId, "techniqueId");
    Objects.requireNonNull(mappingType, "mappingType");
    Objects.requireNonNull(cveId, "cveId");
  }

  /** Whether the mapping type counts as reaching the tactic (see the class comment). */
  public boolean strong() {
    return mappingType.equals("exploitation_technique") || mappingType.equals("primary_impact");
  }
}
