package org.patchwarden.advisory;

import java.util.Objects;

/**
 * A Center for Threat-Informed Defense mapping of a (KEV) CVE to an ATT&CK technique.
 *
 * @param mappingType {@code exploitation_technique}, {@code primary_impact}, {@code
 *     secondary_impact} or {@code uncategorized}, as the Mappings Explorer spells them
 * @param attackVersion the ATT&CK version the mapping was made against, e.g. {@code 16.1}
 */
public record AttackMapping(String cveId, String techniqueId, String mappingType, String attackVersion) {
  public AttackMapping {
    Objects.requireNonNull(cveId, "cveId");
    Objects.requireNonNull(techniqueId, "techniqueId");
    Objects.requireNonNull(mappingType, "mappingType");
    attackVersion = attackVersion == null ? "" : attackVersion;
  }
}
