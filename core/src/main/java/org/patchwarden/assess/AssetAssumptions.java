package org.patchwarden.assess;

import java.util.Locale;
import java.util.Objects;

/**
 * What an assessment assumes about an asset whose context is missing: no asset record at all, or
 * a blank/"unknown" environment. Every use is recorded as an assumption in the signals.
 *
 * @param criticality 1..4
 * @param environment lower case
 */
public record AssetAssumptions(int criticality, boolean internetFacing, String environment) {
  /** The shipped defaults: criticality 2, not internet-facing, production. */
  public static final AssetAssumptions DEFAULT = new AssetAssumptions(2, false, "production");

  public AssetAssumptions {
    if (criticality < 1 || criticality > 4) {
      throw new IllegalArgumentException("assumed criticality must be 1..4, got " + criticality);
    }
    environment = Objects.requireNonNull(environment, "environment").toLowerCase(Locale.ROOT);
    if (environment.isBlank()) {
      throw new IllegalArgumentException("assumed environment must not be blank");
    }
  }
}
