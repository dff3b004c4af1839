package org.patchwarden.match;

import java.util.Objects;

/**
 * Packages of an asset that no loaded advisory data covers, so that "no finding" is never read as
 * "clean": a bookworm host against data that stops at bullseye, an ecosystem with no feed loaded.
 *
 * @param advisoryEcosystem the ecosystem (and release) the packages would need data for, e.g. {@code Debian:12}
 * @param packages how many installed packages are affected by the gap
 */
public record CoverageGap(String assetName, String advisoryEcosystem, int packages, String reason) {
  public CoverageGap {
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(advisoryEcosystem, "advisoryEcosystem");
    Objects.requireNonNull(reason, "reason");
  }
}
