package org.patchwarden.match;

import java.util.Set;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;

/**
 * What one advisory record of one source says about one (ecosystem, name, version) tuple: a finding
 * without its asset, computed once per tuple and fanned out to every asset that has the tuple.
 */
record Hit(String advisoryId, Set<String> aliases, String feedSource, String advisoryEcosystem, String matchedName,
    String matchedVersion, AffectedStatus status, String range, String fixedVersion, Confidence confidence) {

  Finding toFinding(String assetName, InstalledPackage installed) {
    return new Finding(assetName, installed, advisoryId, aliases, feedSource, advisoryEcosystem, matchedName,
        matchedVersion, status, range, fixedVersion, confidence);
  }
}
