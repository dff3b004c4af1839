package org.patchwarden.advisory;

import java.util.List;
import java.util.Objects;

/**
 * How a vulnerability serves an ATT&CK technique (a mapping), with the technique and its tactics
 * when the loaded ATT&CK data knows them.
 *
 * @param technique null when the loaded ATT&CK data does not know the mapped technique
 * @param tactics the technique's tactics; empty when the technique is unknown
 */
public record TechniqueUse(AttackMapping mapping, AttackTechnique technique, List<AttackTactic> tactics) {
  public TechniqueUse {
    Objects.requireNonNull(mapping, "mapping");
    tactics = List.copyOf(tactics);
  }
}
