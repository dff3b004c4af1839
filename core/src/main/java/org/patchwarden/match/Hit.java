package org.patchwarden.match;

import java.util.Set;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;

/**
 * What one advisory record of one source says about one (ecosystem, name, version) tuple: a finding
 * without its asset, computed once per tuple and fanned out to every asset that has the tuple.
 */
record Hit(String advisoryId, Set<String> aliases, String feedSource, String advisoryEcosystem,
    AffectedStatus status, String range, String fixedVersion, Confidence confidence) {

  /**
   * The finding on one asset; {@code target} is the package's own lookup, whose name may be spelled
   * differently from the tuple's ({@code PyYAML}, {@code pyyaml}).
   */
  Finding toFinding(String assetName, InstalledPackage installed, EcosystemMapping.Target target) {
    return new Finding(assetName, installed, advisoryId, aliases, feedSource, advisoryEcosystem, target.name(),
        target.version(), status, range, fixedVersion, confidence);
  }
}
